from odoo import models


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    def _generate(self, scope, name, expiration_date):
        """Every API key of a keten user is logged: it opens XML-RPC and
        JSON-RPC, where the password does not."""
        key = super()._generate(scope, name, expiration_date)
        # auth_totp.device inherits this model: its trusted browsers are no key
        user = self.env.user
        if self._name == "res.users.apikeys" and user._keten_is_keten_user():
            env = user._keten_log_env()
            user._keten_log_event(
                "apikey",
                detail=env._(
                    "%(name)s, valid until %(until)s",
                    name=name,
                    until=expiration_date or env._("no end date"),
                ),
            )
        return key
