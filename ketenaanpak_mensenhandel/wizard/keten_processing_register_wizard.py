from odoo import fields, models


class KetenProcessingRegisterWizard(models.TransientModel):
    """Print the verwerkingsregister (AVG art. 30), generated from the
    configuration at the moment of printing."""

    _name = "keten.processing.register.wizard"
    _description = "Verwerkingsregister"
    _inherit = ["keten.validation.mixin"]

    organisation_count = fields.Integer(
        string="Organisations", compute="_compute_counts"
    )
    without_basis_count = fields.Integer(
        string="Without a valid legal basis", compute="_compute_counts"
    )

    def _compute_counts(self):
        organisations = self.env["keten.organisation"].sudo().search([])
        today = fields.Date.context_today(self)
        without = organisations.filtered(
            lambda o: o._basis_state_on(today) in ("missing", "expired", "future")
        )
        for wizard in self:
            wizard.organisation_count = len(organisations)
            wizard.without_basis_count = len(without)

    def action_print(self):
        self.ensure_one()
        action = self.env.ref(
            "ketenaanpak_mensenhandel.keten_processing_register_report"
        ).report_action(self)
        action["close_on_report_download"] = True
        return action
