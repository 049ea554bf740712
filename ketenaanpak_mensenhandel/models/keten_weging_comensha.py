from odoo import models


class KetenWeging(models.Model):
    """The kwalificatie starts the CoMensha registration of the victims who
    consented to it."""

    _inherit = "keten.weging"

    def action_confirm(self):
        result = super().action_confirm()
        self.env["keten.comensha.registration"]._sync_for_dossiers(
            self.sudo().dossier_id
        )
        return result
