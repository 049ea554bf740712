from odoo import api, models
from odoo.exceptions import UserError


class KetenSystemRecordMixin(models.AbstractModel):
    """Records the system keeps in step with the case (termijnen, the
    signaleringslijst): users read them, only superuser code writes them."""

    _name = "keten.system.record.mixin"
    _description = "Kept by the system, not by hand"

    def _system_write_message(self):
        return self.env._("These records are kept by the system, not by hand.")

    def _ensure_system_write(self):
        if not self.env.su:
            raise UserError(self._system_write_message())

    @api.model_create_multi
    def create(self, vals_list):
        self._ensure_system_write()
        return super().create(vals_list)

    def write(self, vals):
        self._ensure_system_write()
        return super().write(vals)

    def unlink(self):
        self._ensure_system_write()
        return super().unlink()
