"""Enrolment of the second factor for keten users, and the glue on Odoo's own
login and logout routes (see models/ir_http.py for the checks on every
request)."""

import json
import time

from odoo import SUPERUSER_ID, api, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.auth_totp.controllers.home import Home as TotpHome
from odoo.addons.web.controllers.session import Session

SETUP_PATH = "/keten/security/setup"
WIZARD_KEY = "keten_totp_wizard"


class KetenSecuritySetup(http.Controller):
    @http.route(
        SETUP_PATH,
        type="http",
        auth="user",
        methods=["GET", "POST"],
        sitemap=False,
    )
    def keten_security_setup(self, step=None, password=None, code=None, **kw):
        """Two steps, Odoo's own: confirm the password (res.users.identitycheck),
        then scan the key of auth_totp's wizard and enter a code from the app."""
        user = request.env.user
        if not user._keten_mfa_missing():
            request.session.pop(WIZARD_KEY, None)
            return request.redirect("/odoo")
        error = None
        wizard = self._keten_wizard(user)
        if request.httprequest.method == "POST" and step == "password":
            try:
                wizard = self._keten_confirm_identity(user, password or "")
            except UserError as exc:
                error = exc.args[0]
        elif request.httprequest.method == "POST" and step == "code" and wizard:
            try:
                wizard.code = (code or "").strip()[:16]
                wizard.enable()
            except UserError as exc:
                error = exc.args[0]
            if user.totp_enabled:
                request.session.pop(WIZARD_KEY, None)
                return request.redirect("/odoo")
            if not error:  # the identity check ran out: confirm again
                wizard = None
        qrcode = wizard.qrcode if wizard else b""
        if isinstance(qrcode, bytes):
            qrcode = qrcode.decode()
        return request.render(
            "ketenaanpak_mensenhandel.keten_security_setup",
            {
                "step": "code" if wizard else "password",
                "error": error,
                "login": user.login,
                "secret": wizard.secret if wizard else "",
                "qrcode_src": "data:image/png;base64," + qrcode if qrcode else "",
                "otpauth_url": wizard.url if wizard else "",
            },
        )

    def _keten_wizard(self, user):
        """The wizard of this enrolment, while the password check holds (Odoo's
        ten minutes)."""
        wizard_id = request.session.get(WIZARD_KEY)
        wizard = request.env["auth_totp.wizard"].browse(wizard_id).exists()
        checked = request.session.get("identity-check-last", 0)
        if wizard and wizard.user_id == user and checked > time.time() - 600:
            return wizard
        return None

    def _keten_confirm_identity(self, user, password):
        check = (
            request.env["res.users.identitycheck"]
            .sudo()
            .create(
                {
                    "request": json.dumps(
                        [{}, "res.users", user.ids, "action_totp_enable_wizard", [], {}]
                    ),
                    "password": password,
                }
            )
            .sudo(False)
        )
        action = check.run_check()  # UserError on a wrong password
        wizard = request.env["auth_totp.wizard"].browse(action["res_id"])
        request.session[WIZARD_KEY] = wizard.id
        return wizard


class KetenSession(Session):
    """Logging out ends every session of a keten user, in every browser."""

    @http.route()
    def logout(self, redirect="/odoo"):
        self._keten_end_sessions()
        return super().logout(redirect=redirect)

    @http.route()
    def destroy(self):
        self._keten_end_sessions()
        return super().destroy()

    def _keten_end_sessions(self):
        # ir.http has logged out a session whose token no longer holds
        uid = request.session.uid
        if not (uid and request.db):
            return
        # these routes read only: the change goes on a cursor of its own
        with request.env.registry.cursor() as cr:
            user = api.Environment(cr, SUPERUSER_ID, {})["res.users"].browse(uid)
            if user.exists() and user._keten_is_keten_user():
                user._keten_end_sessions()


class KetenTotpHome(TotpHome):
    @http.route()
    def web_totp(self, redirect=None, **kwargs):
        """No 'don't ask again on this device' for keten users."""
        pre_uid = request.session.pre_uid
        keten = bool(pre_uid) and (
            request.env["res.users"].browse(pre_uid)._keten_mfa_required()
        )
        if keten:
            kwargs.pop("remember", None)
        response = super().web_totp(redirect=redirect, **kwargs)
        if keten and getattr(response, "qcontext", None) is not None:
            response.qcontext["keten_no_remember"] = True
        return response
