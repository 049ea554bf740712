"""Requests: the web intake pages, and two checks on every request of a
logged-in keten user after Odoo's own authentication:

* inactivity: a session idle for longer than the setting (15 minutes by
  default) ends. Odoo 18 itself only gives the session cookie a lifetime
  (``sessions.max_inactivity_seconds``, 7 days, for everybody, not renewed
  on activity) and removes session files older than that once a day; this
  check is on the server, per request, for keten users only;
* second factor: without one (while required) the user reaches nothing but
  the enrolment page; pages redirect to it, JSON-RPC is refused.
"""

import time

import werkzeug.exceptions
from werkzeug.exceptions import RequestEntityTooLarge

from odoo import http, models
from odoo.exceptions import AccessDenied
from odoo.http import request

from ..controllers.intake import message_page
from ..controllers.security import SETUP_PATH

INTAKE_PREFIX = "/meldpunt/"
# What a keten user without a second factor may still reach: the enrolment
# page, logging out and in, and what these pages load.
MFA_OPEN_PATHS = (
    "/keten/security/",
    "/web/session/logout",
    "/web/session/destroy",
    "/web/login",
    "/web/assets/",
    "/web/webclient/translations/",
    "/web/binary/company_logo",
)
# Last activity is written to the session at most this often (seconds).
SEEN_GRANULARITY = 60


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    # ------------------------------------------------------------------
    # Keten users: inactivity and second factor
    # ------------------------------------------------------------------
    @classmethod
    def _authenticate(cls, endpoint):
        result = super()._authenticate(endpoint)
        # a session Odoo still holds valid; also on auth="none" routes such as
        # the web client (/odoo), where the environment has no user
        if request.session.uid:
            cls._keten_guard_session(endpoint)
        return result

    @classmethod
    def _keten_session_state(cls):
        """Is the session's user a keten user, and with a second factor? Kept in
        the session for its session token: enrolling, removing a factor and a
        change of keten groups all change the token."""
        session = request.session
        state = session.get("keten_auth")
        if not state or state.get("token") != session.session_token:
            user = request.env["res.users"].sudo().browse(session.uid)
            keten = user._keten_is_keten_user()
            state = {
                "token": session.session_token,
                "keten": keten,
                "factor": keten and user._keten_has_second_factor(),
            }
            session["keten_auth"] = state
        return state

    @classmethod
    def _keten_guard_session(cls, endpoint):
        state = cls._keten_session_state()
        if not state["keten"]:
            return
        cls._keten_check_inactivity()
        Users = request.env["res.users"]
        if state["factor"] or not Users._keten_mfa_enforced():
            return
        path = request.httprequest.path
        if path.startswith(MFA_OPEN_PATHS):
            return
        if endpoint.routing.get("type") == "json":
            raise AccessDenied(
                request.env._(
                    "Set up two-factor authentication first: log in again in the "
                    "browser and follow the steps."
                )
            )
        redirect = request.redirect(SETUP_PATH, 303)
        redirect.headers["Cache-Control"] = "no-store"
        werkzeug.exceptions.abort(redirect)  # before the endpoint runs

    @classmethod
    def _keten_check_inactivity(cls):
        session = request.session
        now = int(time.time())
        timeout = request.env["res.users"]._keten_session_timeout()
        seen = session.get("keten_seen")
        if seen and now - seen > timeout:
            # the file goes: this session cannot be resumed from any tab
            http.root.session_store.delete(session)
            session.logout(keep_db=True)
            raise http.SessionExpiredException("Session expired")
        if not seen or now - seen >= min(SEEN_GRANULARITY, timeout // 10):
            session["keten_seen"] = now  # saved with the response

    # ------------------------------------------------------------------
    # Web intake
    # ------------------------------------------------------------------
    @classmethod
    def _pre_dispatch(cls, rule, args):
        result = super()._pre_dispatch(rule, args)
        if request.httprequest.path.startswith(INTAKE_PREFIX):
            # the pages, their labels and every message in the meldpunt's
            # language, whatever the language of the public user
            request.update_context(
                lang=request.env["keten.melding"].sudo()._intake_lang()
            )
            # refuse an oversized web intake submission before reading it
            request.httprequest.max_content_length = (
                request.env["keten.intake.form"].sudo()._max_request_bytes()
            )
        return result

    @classmethod
    def _handle_error(cls, exception):
        if isinstance(
            exception, RequestEntityTooLarge
        ) and request.httprequest.path.startswith(INTAKE_PREFIX):
            env = request.env
            settings = env["keten.intake.form"].sudo()._settings()
            response = message_page(
                413,
                env._("Report too large"),
                env._(
                    "The report with its attachments is too large: at most %(count)s "
                    "attachments of %(size)s MB each. Go back, make the attachments "
                    "smaller or send fewer, and send the form again.",
                    count=settings["max_files"],
                    size=settings["max_file_mb"],
                ),
            )
            response.flatten()
            return response
        return super()._handle_error(exception)
