from odoo import api, models
from odoo.exceptions import UserError


class KetenSystemRecordMixin(models.AbstractModel):
    """Records the system keeps in step with the case (termijnen, the
    signaleringslijst): users read them, only superuser code writes them."""

    _name = "keten.system.record.mixin"
    _description = "Kept by the system, not by hand"

    def _keten_system_message(self):
        return self.env._("These records are kept by the system, not by hand.")

    def _keten_check_system(self):
        if not self.env.su:
            raise UserError(self._keten_system_message())

    @api.model_create_multi
    def create(self, vals_list):
        self._keten_check_system()
        return super().create(vals_list)

    def write(self, vals):
        self._keten_check_system()
        return super().write(vals)

    def unlink(self):
        self._keten_check_system()
        return super().unlink()
