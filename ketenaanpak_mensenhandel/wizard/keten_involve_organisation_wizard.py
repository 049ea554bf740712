from odoo import api, fields, models

from ..models.keten_basis_override import REASON_KEY


class KetenInvolveOrganisationWizard(models.TransientModel):
    """Involve an organisation in a dossier by hand, with a reason for the chatter.

    An organisation without a valid legal basis is shown with a warning; it is
    involved only with a reason to share anyway, recorded with the user's name.
    """

    _name = "keten.involve.organisation.wizard"
    _description = "Involve an organisation in a dossier"
    _inherit = ["keten.validation.mixin"]

    dossier_id = fields.Many2one("keten.dossier", required=True)
    organisation_id = fields.Many2one("keten.organisation", required=True)
    reason = fields.Text(required=True)
    basis_warning = fields.Char(
        compute="_compute_basis_warning",
        string="Legal basis",
        help="Why this organisation has no valid basis to receive the dossier.",
    )
    override_reason = fields.Text(
        string="Reason to share without a valid basis",
        help="Recorded with your name for the privacy officer.",
    )

    @api.depends("organisation_id", "dossier_id")
    def _compute_basis_warning(self):
        for wizard in self:
            problems = (
                wizard.organisation_id._basis_problems(wizard.dossier_id)
                if wizard.organisation_id and wizard.dossier_id
                else {}
            )
            wizard.basis_warning = "; ".join(problems.values()) or False

    @api.model_create_multi
    def create(self, vals_list):
        # Only on a dossier the user works on.
        self.env["keten.dossier"]._ensure_link_access(
            {vals["dossier_id"] for vals in vals_list if vals.get("dossier_id")}
        )
        return super().create(vals_list)

    def action_confirm(self):
        self.ensure_one()
        dossier = self.dossier_id
        if self.override_reason:
            dossier = dossier.with_context(**{REASON_KEY: self.override_reason})
        dossier._involve_organisation(self.organisation_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
