"""Helpers of the security tests: browsers with sessions of their own, the real
login pages, authenticator codes computed with pyotp, the rows of the access
log an event left."""

import json
import re
import time

import pyotp

from odoo import http
from odoo.tests import get_db_name
from odoo.tests.common import HOST, TEST_CURSOR_COOKIE_NAME, Opener

from ..models.res_users import PARAM_MFA_REQUIRED
from .common import KetenCase

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
SECRET_RE = re.compile(r'class="o_keten_totp_secret[^"]*">([A-Z2-7 ]+)<')


class Browser:
    """A browser of its own: its own cookies, so its own session."""

    def __init__(self, case):
        self.case = case
        self.opener = Opener(case.cr)
        self.opener.cookies[TEST_CURSOR_COOKIE_NAME] = case.canonical_tag
        session = http.root.session_store.new()
        session.update(http.get_default_session(), db=get_db_name())
        http.root.session_store.save(session)
        # the cookie the server would set: replaced when the login rotates it
        self.opener.cookies.set("session_id", session.sid, domain=HOST, path="/")

    @property
    def sid(self):
        return self.opener.cookies.get("session_id")

    def get(self, path, **kw):
        kw.setdefault("allow_redirects", False)
        return self.opener.get(self.case.base_url() + path, timeout=30, **kw)

    def post(self, path, data, **kw):
        kw.setdefault("allow_redirects", False)
        return self.opener.post(
            self.case.base_url() + path, data=data, timeout=30, **kw
        )

    def submit(self, path, data):
        """Post the form of the page at ``path`` as a browser does: with the
        page's CSRF token."""
        page = self.get(path)
        match = CSRF_RE.search(page.text)
        assert match, f"no form on {path} ({page.status_code})"
        return self.post(path, dict(data, csrf_token=match.group(1)))

    def login(self, login, password):
        return self.submit("/web/login", {"login": login, "password": password})

    def call(self, model, method, *args, **kwargs):
        """JSON-RPC as the web client does it: the 'result' or the 'error'."""
        response = self.opener.post(
            f"{self.case.base_url()}/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": kwargs,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
        return response.json()


class SecurityCase(KetenCase):
    """KetenCase with the second factor switched on again, as in a real
    install (KetenCase switches it off for the rest of the suite), unless a
    class says ``mfa_required = False`` (sessions: logged in with a password)."""

    mfa_required = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.mfa_required:
            ICP = cls.env["ir.config_parameter"].sudo()
            ICP.set_param(PARAM_MFA_REQUIRED, "True")

    def setUp(self):
        super().setUp()
        # Odoo's login cooldown counts failures per address (127.0.0.1 here)
        self.reset_cooldown()
        self.addCleanup(self.reset_cooldown)

    def reset_cooldown(self):
        vars(self.registry).pop("_login_failures", None)

    def last_log_id(self):
        return self.env["keten.access.log"].sudo().search([], limit=1).id or 0

    def auth_rows(self, since, user, **values):
        domain = [
            ("id", ">", since),
            ("path", "=", "auth"),
            ("res_model", "=", "res.users"),
            ("res_id", "=", user.id),
        ] + [(name, "=", value) for name, value in values.items()]
        return self.env["keten.access.log"].sudo().search(domain)

    def assertOneRow(self, since, user, action, **values):
        """Exactly one authentication row about ``user`` since ``since``, and
        it is ``action``."""
        rows = self.auth_rows(since, user)
        self.assertEqual(rows.mapped("action"), [action], rows.mapped("detail"))
        for name, value in values.items():
            self.assertEqual(rows[name], value, name)
        return rows

    @staticmethod
    def code(secret, steps_ahead=0):
        """The authenticator app's code, ``steps_ahead`` periods of 30 s on
        (Odoo accepts the code of the period before and after too)."""
        totp = pyotp.TOTP(secret.replace(" ", ""))
        return totp.at(time.time() + 30 * steps_ahead)

    @classmethod
    def wrong_code(cls, secret):
        valid = {cls.code(secret, step) for step in (-1, 0, 1, 2)}
        return next(c for c in (f"{n:06d}" for n in range(1000000)) if c not in valid)

    def give_totp(self, user, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"):
        user.sudo().totp_secret = secret
        return secret

    def login_with_code(self, browser, user, secret, steps_ahead=0):
        response = browser.login(user.login, user.login)
        self.assertIn("/web/login/totp", response.headers.get("Location", ""))
        return browser.submit(
            "/web/login/totp", {"totp_token": self.code(secret, steps_ahead)}
        )

    def setup_secret(self, page):
        match = SECRET_RE.search(page.text)
        self.assertTrue(match, "no key on the enrolment page")
        return match.group(1)
