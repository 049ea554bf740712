from odoo import api, fields, models


class KetenInvolveOrganisationWizard(models.TransientModel):
    """Involve an organisation in a dossier by hand, with a reason for the chatter."""

    _name = "keten.involve.organisation.wizard"
    _description = "Involve an organisation in a dossier"
    _inherit = ["keten.validation.mixin"]

    dossier_id = fields.Many2one("keten.dossier", required=True)
    organisation_id = fields.Many2one("keten.organisation", required=True)
    reason = fields.Text(required=True)

    @api.model_create_multi
    def create(self, vals_list):
        # Only on a dossier the user works on.
        self.env["keten.dossier"]._check_link_access(
            {vals["dossier_id"] for vals in vals_list if vals.get("dossier_id")}
        )
        return super().create(vals_list)

    def action_confirm(self):
        self.ensure_one()
        self.dossier_id._involve_organisation(self.organisation_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
