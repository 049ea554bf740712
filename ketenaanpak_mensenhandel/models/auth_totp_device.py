from odoo import models


class AuthTotpDevice(models.Model):
    _inherit = "auth_totp.device"

    def _check_credentials_for_uid(self, *, scope, key, uid):
        """No 'don't ask again on this device' for keten users: a remembered
        browser would skip the second factor for 90 days."""
        if (
            scope == "browser"
            and self.env["res.users"].browse(uid)._keten_mfa_required()
        ):
            return False
        return super()._check_credentials_for_uid(scope=scope, key=key, uid=uid)
