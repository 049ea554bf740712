"""Second factor for keten users, over real HTTP: enrolment forced at login,
authenticator codes (pyotp) right, wrong and replayed, passkey accounts, the
cooldown, and other users of the Odoo untouched (docs/security.md)."""

from odoo.tests import HttpCase, tagged

from ..controllers.security import SETUP_PATH
from .common import P
from .security_common import Browser, SecurityCase

DOSSIERS_URL = f"/odoo/action-{P}keten_dossier_action"


@tagged("post_install", "-at_install", "keten_security")
class TestSecondFactor(HttpCase, SecurityCase):
    def assertOnEnrolment(self, response):
        self.assertEqual(response.status_code, 303, response.text[:200])
        self.assertTrue(response.headers["Location"].endswith(SETUP_PATH))

    def test_login_without_second_factor_ends_on_enrolment(self):
        user = self.user_regie
        browser = Browser(self)
        since = self.last_log_id()
        response = browser.login(user.login, user.login)
        self.assertEqual(response.status_code, 303)
        self.assertOnEnrolment(browser.get("/odoo"))
        # a keten URL, a record over JSON-RPC, a file of a dossier: refused
        self.assertOnEnrolment(browser.get(DOSSIERS_URL))
        attachment = self.env["ir.attachment"].create(
            {
                "name": "verslag.txt",
                "raw": b"vertrouwelijk",
                "res_model": "keten.dossier",
                "res_id": self.dossier_a.id,
            }
        )
        self.assertOnEnrolment(browser.get(f"/web/content/{attachment.id}"))
        answer = browser.call(
            "keten.dossier", "search_read", [], fields=["name"], limit=1
        )
        self.assertNotIn("result", answer)
        self.assertEqual(
            answer["error"]["data"]["name"], "odoo.exceptions.AccessDenied"
        )
        self.assertIn("two-factor", answer["error"]["data"]["message"])
        # the enrolment page itself opens, and asks for the password first
        page = browser.get(SETUP_PATH)
        self.assertEqual(page.status_code, 200)
        self.assertIn('name="password"', page.text)
        self.assertNotIn(self.dossier_a.name, page.text)
        self.assertOneRow(
            since,
            user,
            "login",
            detail="password; second factor still to be set up",
            user_id=user,
        )

    def test_enrolment_then_login_with_authenticator_codes(self):
        user = self.user_meldpunt
        browser = Browser(self)
        browser.login(user.login, user.login)
        # step 1: the password, as Odoo's own identity check
        page = browser.submit(SETUP_PATH, {"step": "password", "password": "wrong"})
        self.assertEqual(page.status_code, 200)
        self.assertIn("Incorrect Password", page.text)
        page = browser.submit(SETUP_PATH, {"step": "password", "password": user.login})
        secret = self.setup_secret(page)
        self.assertIn("data:image/png;base64,", page.text)
        # step 2: a code from the app
        page = browser.submit(
            SETUP_PATH, {"step": "code", "code": self.wrong_code(secret)}
        )
        self.assertIn("Verification failed", page.text)
        self.assertFalse(user.totp_enabled)
        since = self.last_log_id()
        response = browser.submit(
            SETUP_PATH, {"step": "code", "code": self.code(secret)}
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/odoo"))
        self.assertTrue(user.totp_enabled)
        self.assertOneRow(since, user, "mfa_enrol", detail="authenticator app (TOTP)")
        # the same session goes on into the web client
        webclient = browser.get("/odoo")
        self.assertEqual(webclient.status_code, 200)
        self.assertIn("odoo.__session_info__", webclient.text)
        browser.get("/web/session/logout")

        # the next login asks for the code
        browser = Browser(self)
        response = browser.login(user.login, user.login)
        self.assertIn("/web/login/totp", response.headers["Location"])
        since = self.last_log_id()
        page = browser.submit(
            "/web/login/totp", {"totp_token": self.wrong_code(secret)}
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn("Verification failed", page.text)
        self.assertOneRow(since, user, "login_failed")
        # the code that enrolled does not log in: each code counts once
        since = self.last_log_id()
        page = browser.submit("/web/login/totp", {"totp_token": self.code(secret)})
        self.assertIn("This code has been used already", page.text)
        self.assertOneRow(
            since,
            user,
            "login_failed",
            detail="second step: authenticator code used before",
        )
        # the next code does; no remembered browser for keten users
        self.assertNotIn('name="remember"', page.text)
        since = self.last_log_id()
        response = browser.submit(
            "/web/login/totp", {"totp_token": self.code(secret, 1), "remember": "1"}
        )
        self.assertEqual(response.status_code, 303)
        self.assertNotIn("td_id", response.cookies)
        self.assertFalse(user.sudo().totp_trusted_device_ids)
        self.assertOneRow(
            since, user, "login", detail="password and authenticator code"
        )
        self.assertEqual(browser.get(DOSSIERS_URL).status_code, 200)
        # replayed once more, in another browser: refused
        other = Browser(self)
        other.login(user.login, user.login)
        page = other.submit("/web/login/totp", {"totp_token": self.code(secret, 1)})
        self.assertIn("This code has been used already", page.text)
        self.assertLoggedOut(other)

    def assertLoggedOut(self, browser):
        """Not logged in: the web client sends to the login page."""
        response = browser.get("/odoo")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_removing_the_second_factor_is_logged_and_closes_the_files(self):
        user = self.user_partner_ggd
        secret = self.give_totp(user)
        browser = Browser(self)
        self.login_with_code(browser, user, secret)
        answer = browser.call("res.users", "action_totp_disable", [user.id])
        wizard = answer["result"]["res_id"]  # Odoo's identity check first
        browser.call(
            "res.users.identitycheck", "write", [wizard], {"password": user.login}
        )
        since = self.last_log_id()
        answer = browser.call("res.users.identitycheck", "run_check", [wizard])
        self.assertIn("result", answer, answer.get("error"))
        self.assertFalse(user.totp_enabled)
        self.assertOneRow(
            since, user, "mfa_remove", detail="authenticator app (TOTP)", user_id=user
        )
        # the same session now reaches the enrolment page only
        self.assertOnEnrolment(browser.get(DOSSIERS_URL))

    def test_a_passkey_is_a_second_factor_and_the_password_alone_is_not(self):
        user = self.user_partner_moviera
        self.assertTrue(user._keten_mfa_missing())
        since = self.last_log_id()
        key = (
            self.env["auth.passkey.key"]
            .with_user(user)
            .sudo()
            .create(
                {
                    "name": "Laptop",
                    "credential_identifier": "kt-test-key",
                    "public_key": "kt-test-public-key",
                }
            )
        )
        self.assertOneRow(since, user, "mfa_enrol", detail="passkey Laptop")
        self.assertTrue(user._keten_has_second_factor())
        self.assertFalse(user._keten_mfa_missing())
        since = self.last_log_id()
        page = Browser(self).login(user.login, user.login)
        self.assertEqual(page.status_code, 200)
        self.assertIn("This account logs in with a passkey", page.text)
        self.assertOneRow(since, user, "login_failed", login=user.login)
        since = self.last_log_id()
        key.unlink()
        self.assertOneRow(since, user, "mfa_remove", detail="passkey Laptop")

    def test_other_users_log_in_with_a_password_only(self):
        user = self.user_internal  # finance: no keten group
        self.assertFalse(user._keten_mfa_required())
        browser = Browser(self)
        since = self.last_log_id()
        response = browser.login(user.login, user.login)
        self.assertEqual(response.status_code, 303)
        self.assertNotIn("totp", response.headers["Location"])
        webclient = browser.get("/odoo")
        self.assertEqual(webclient.status_code, 200)
        self.assertIn("odoo.__session_info__", webclient.text)
        self.assertFalse(self.auth_rows(since, user))
        # and RPC with the password still works for them
        self.assertEqual(
            self.xmlrpc_common.authenticate(
                self.env.cr.dbname, user.login, user.login, {}
            ),
            user.id,
        )

    def test_login_cooldown_after_repeated_failures(self):
        user = self.user_regie
        after = int(
            self.env["ir.config_parameter"].get_param("base.login_cooldown_after")
        )
        self.assertGreater(after, 0)
        browser = Browser(self)
        for _attempt in range(after):
            page = browser.login(user.login, "wrong")
            self.assertIn("Wrong login/password", page.text)
        since = self.last_log_id()
        page = browser.login(user.login, user.login)  # the right password
        self.assertEqual(page.status_code, 200)
        self.assertIn("Too many login failures", page.text)
        row = self.assertOneRow(since, user, "login_failed")
        self.assertIn("Too many login failures", row.detail)
        self.assertEqual(row.ip_address, "127.0.0.1")
        self.assertTrue(row.user_agent)
