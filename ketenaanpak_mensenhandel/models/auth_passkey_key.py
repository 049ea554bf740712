from odoo import api, models


class AuthPasskeyKey(models.Model):
    _inherit = "auth.passkey.key"

    @api.model_create_multi
    def create(self, vals_list):
        keys = super().create(vals_list)
        keys._write_access_log("mfa_enrol")
        return keys

    def unlink(self):
        self._write_access_log("mfa_remove")
        return super().unlink()

    def _write_access_log(self, action):
        """A passkey is a second factor of its owner (the user who made it)."""
        for key in self.sudo():
            owner = key.create_uid
            if owner and owner._keten_is_keten_user():
                env = owner._keten_log_env(self.env.user)
                owner._keten_log_event(
                    action,
                    actor=self.env.user,
                    detail=env._("passkey %(name)s", name=key.name),
                )
