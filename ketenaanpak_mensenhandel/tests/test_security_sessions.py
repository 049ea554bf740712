"""Sessions and RPC of keten users, over real HTTP: API keys instead of the
password, the inactivity timeout driven by its setting, logout and a change
of groups or organisations ending the other sessions."""

import json
import time
from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, tagged

from ..models.res_users import PARAM_SESSION_TIMEOUT
from .common import P
from .security_common import Browser, SecurityCase

EXPIRED = "odoo.http.SessionExpiredException"


@tagged("post_install", "-at_install", "keten_security")
class TestRpc(HttpCase, SecurityCase):
    def jsonrpc(self, service, method, *args):
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"service": service, "method": method, "args": args},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def count_dossiers(self, uid, secret):
        return self.jsonrpc(
            "object",
            "execute_kw",
            self.env.cr.dbname,
            uid,
            secret,
            "keten.dossier",
            "search_count",
            [[]],
        )

    def test_json_rpc_takes_an_api_key_not_the_password(self):
        user, db = self.user_regie, self.env.cr.dbname
        since = self.last_log_id()
        answer = self.jsonrpc("common", "authenticate", db, user.login, user.login, {})
        self.assertIs(answer["result"], False)
        self.assertOneRow(
            since,
            user,
            "login_failed",
            detail="RPC with a password: an API key is required",
        )
        since = self.last_log_id()
        answer = self.count_dossiers(user.id, user.login)
        self.assertEqual(
            answer["error"]["data"]["name"], "odoo.exceptions.AccessDenied"
        )
        self.assertOneRow(since, user, "login_failed", detail="RPC call refused")
        # an API key, as the user makes one under Account Security
        since = self.last_log_id()
        key = (
            self.env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate(
                None, "Koppeling zaaksysteem", fields.Datetime.now() + timedelta(days=1)
            )
        )
        row = self.assertOneRow(since, user, "apikey", user_id=user)
        self.assertIn("Koppeling zaaksysteem", row.detail)
        since = self.last_log_id()
        answer = self.jsonrpc("common", "authenticate", db, user.login, key, {})
        self.assertEqual(answer["result"], user.id)
        self.assertOneRow(since, user, "login", detail="API key (RPC)")
        expected = self.env["keten.dossier"].with_user(user).search_count([])
        self.assertTrue(expected)
        self.assertEqual(self.count_dossiers(user.id, key)["result"], expected)

    def test_xml_rpc_with_the_password_is_refused_too(self):
        user = self.user_partner_gemeente
        self.assertFalse(
            self.xmlrpc_common.authenticate(
                self.env.cr.dbname, user.login, user.login, {}
            )
        )
        # claiming an interactive login does not help
        self.assertFalse(
            self.xmlrpc_common.authenticate(
                self.env.cr.dbname, user.login, user.login, {"interactive": True}
            )
        )


@tagged("post_install", "-at_install", "keten_security")
class TestSessions(HttpCase, SecurityCase):
    mfa_required = False  # logged in with a password, as the rest of the suite

    def read_dossiers(self, browser):
        answer = browser.call("keten.dossier", "search_read", [], fields=["name"])
        if "error" in answer:
            return answer["error"]["data"]["name"]
        return answer["result"]

    def idle(self, browser, seconds):
        """Pretend the last request of this browser was ``seconds`` ago."""
        session = http.root.session_store.get(browser.sid)
        session["keten_seen"] = int(time.time()) - seconds
        http.root.session_store.save(session)

    def logged_in(self, user):
        browser = Browser(self)
        self.assertEqual(browser.login(user.login, user.login).status_code, 303)
        self.assertIsInstance(self.read_dossiers(browser), list)
        return browser

    def test_an_idle_session_ends_by_the_setting(self):
        browser = self.logged_in(self.user_regie)
        # two minutes idle: within the default 15 minutes
        self.idle(browser, 120)
        self.assertTrue(self.read_dossiers(browser))
        # the same two minutes with a timeout of one minute: ended
        self.env["ir.config_parameter"].set_param(PARAM_SESSION_TIMEOUT, "1")
        self.idle(browser, 120)
        self.assertEqual(self.read_dossiers(browser), EXPIRED)
        # and it stays ended: the next request goes to the login page
        response = browser.get(f"/odoo/action-{P}keten_dossier_action")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        # other users of the Odoo keep Odoo's own session lifetime
        finance = Browser(self)
        finance.login(self.user_internal.login, self.user_internal.login)
        self.idle(finance, 120)
        self.assertEqual(finance.get("/odoo").status_code, 200)

    def test_logout_ends_the_other_sessions(self):
        user = self.user_meldpunt
        laptop, desktop = self.logged_in(user), self.logged_in(user)
        laptop.get("/web/session/logout")
        self.assertEqual(self.read_dossiers(desktop), EXPIRED)
        # a new login works
        self.assertTrue(self.read_dossiers(self.logged_in(user)))
        # a user without keten group logs out of that browser only
        finance = self.user_internal
        one, two = Browser(self), Browser(self)
        one.login(finance.login, finance.login)
        two.login(finance.login, finance.login)
        one.get("/web/session/logout")
        self.assertEqual(two.get("/odoo").status_code, 200)

    def test_a_change_of_groups_ends_the_sessions_and_is_logged(self):
        user = self.user_partner_ggd
        browser = self.logged_in(user)
        since = self.last_log_id()
        user.write({"groups_id": [(4, self.env.ref(P + "group_justitie").id)]})
        self.assertOneRow(
            since,
            user,
            "access_change",
            detail="Groups: +Justitie",
            user_id=self.env.user,
        )
        self.assertEqual(self.read_dossiers(browser), EXPIRED)
        # the organisation side: the GGD user joins Moviera
        browser = self.logged_in(user)
        since = self.last_log_id()
        self.org_moviera.write({"user_ids": [(4, user.id)]})
        self.assertOneRow(
            since,
            user,
            "access_change",
            detail=f"Organisations: +{self.org_moviera.name}",
        )
        self.assertEqual(self.read_dossiers(browser), EXPIRED)
        # the group side, one row per member
        since = self.last_log_id()
        group = self.env.ref(P + "group_rapportage")
        group.write({"users": [(4, user.id), (4, self.user_privacy.id)]})
        self.assertOneRow(since, user, "access_change", detail="Groups: +Rapportage")
        self.assertOneRow(
            since, self.user_privacy, "access_change", detail="Groups: +Rapportage"
        )
        # a change that is no keten group leaves no row
        since = self.last_log_id()
        user.write({"groups_id": [(4, self.env.ref("base.group_allow_export").id)]})
        self.assertFalse(self.auth_rows(since, user))
