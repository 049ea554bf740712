"""The who-viewed log: a row for every read path, append-only, bounded cost."""

from datetime import timedelta

import psycopg2

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import KetenAccessCase, KetenRpcMixin


@tagged("post_install", "-at_install", "keten_access")
class TestAccessLog(KetenRpcMixin, HttpCase, KetenAccessCase):
    def new_rows(self, since_id, **values):
        domain = [("id", ">", since_id)] + [(k, "=", v) for k, v in values.items()]
        return self.env["keten.access.log"].search(domain)

    def last_log_id(self):
        return self.env["keten.access.log"].search([], limit=1).id or 0

    def test_every_read_path_leaves_a_row(self):
        user = self.user_regie
        self.authenticate(user.login, user.login)
        dossier = self.dossier_a
        paths = (
            (
                "form",
                lambda: self.call(
                    "keten.dossier", "web_read", dossier.ids, {"name": {}}
                ),
            ),
            (
                "list",
                lambda: self.call(
                    "keten.dossier",
                    "web_search_read",
                    [("id", "=", dossier.id)],
                    {"name": {}, "stage_id": {"fields": {"display_name": {}}}},
                ),
            ),
            ("rpc", lambda: self.call("keten.dossier", "read", dossier.ids, ["name"])),
            (
                "rpc",
                lambda: self.call(
                    "keten.dossier", "search_read", [("id", "=", dossier.id)], ["name"]
                ),
            ),
            (
                "export",
                lambda: self.export_csv("keten.dossier", dossier.ids, ["name"]),
            ),
        )
        for path, read in paths:
            with self.subTest(path=path):
                since = self.last_log_id()
                start = fields.Datetime.now()
                # no read-only cursor that fails on the INSERT and is retried
                with (
                    self.assertNoLogs("odoo.http", "WARNING"),
                    self.assertNoLogs("odoo.sql_db", "ERROR"),
                ):
                    read()
                now = fields.Datetime.now()
                rows = self.new_rows(since, res_model="keten.dossier")
                self.assertEqual(len(rows), 1, path)
                self.assertEqual(rows.path, path)
                self.assertEqual(rows.action, "export" if path == "export" else "read")
                self.assertEqual(rows.user_id, user)
                self.assertEqual(rows.organisation_names, "Test ZVH")
                self.assertEqual(rows.role, "Ketenregie")
                self.assertEqual(rows.res_id, dossier.id)
                self.assertEqual(rows.dossier_res_id, dossier.id)
                self.assertEqual(rows.record_ref, dossier.name)
                self.assertTrue(start - timedelta(hours=1) <= rows.create_date <= now)
                self.assertTrue(rows.session_ref)

        # persons: form, autocomplete and a grouping by name are reads too
        person = self.person_victim
        since = self.last_log_id()
        with (
            self.assertNoLogs("odoo.http", "WARNING"),
            self.assertNoLogs("odoo.sql_db", "ERROR"),
        ):
            self.call("keten.person", "web_read", person.ids, {"name": {}})
            self.call("keten.person", "name_search", "Sanne")
            self.call(
                "keten.person",
                "web_read_group",
                [("id", "=", person.id)],
                ["__count"],
                ["last_name"],
            )
        rows = self.new_rows(since, res_model="keten.person", res_id=person.id)
        self.assertEqual(sorted(rows.mapped("path")), ["form", "rpc", "search"])
        self.assertEqual(set(rows.mapped("person_res_id")), {person.id})
        self.assertEqual(set(rows.mapped("record_ref")), {f"P-{person.id}"})
        # grouping dossiers by stage shows no file: not logged
        since = self.last_log_id()
        self.call("keten.dossier", "web_read_group", [], ["__count"], ["stage_id"])
        self.assertFalse(self.new_rows(since))

    def test_only_human_reads_are_logged(self):
        since = self.last_log_id()
        self.dossier_a.read(["name"])  # superuser: system work
        self.dossier_a.with_user(self.user_regie).sudo().read(["name"])
        self.assertFalse(self.new_rows(since))

    @mute_logger("odoo.sql_db", "odoo.http")
    def test_nobody_changes_or_deletes_the_log(self):
        row = self.log_dossier
        for user in (self.user_beheerder, self.user_regie, self.user_privacy):
            with self.subTest(user=user.login):
                Log = self.env["keten.access.log"].with_user(user)
                with self.assertRaises(AccessError):
                    row.with_user(user).write({"login": "someone else"})
                with self.assertRaises(AccessError):
                    row.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    Log.create({"login": "fake"})
        # even code running as superuser goes through the ORM guard
        with self.assertRaises(UserError):
            row.sudo().write({"login": "someone else"})
        with self.assertRaises(UserError):
            row.sudo().unlink()
        # and the database refuses raw SQL
        for statement in (
            "UPDATE keten_access_log SET login = 'x' WHERE id = %s",
            "DELETE FROM keten_access_log WHERE id = %s",
        ):
            with (
                self.subTest(sql=statement),
                self.assertRaises(psycopg2.errors.RaiseException),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(statement, [row.id])
        # private methods are out of reach over RPC
        self.authenticate(self.user_beheerder.login, self.user_beheerder.login)
        with self.assertRaises(JsonRpcException):
            self.call("keten.access.log", "_purge", "true", [])
        self.env.invalidate_all()
        self.assertEqual(row.login, self.user_regie.login)
        # only the retention job's purge deletes, and only inside its window
        count = self.env["keten.access.log"]._purge("id = %s", [row.id])
        self.assertEqual(count, 1)
        self.assertFalse(row.exists())
        with self.assertRaises(psycopg2.errors.RaiseException), self.env.cr.savepoint():
            self.env.cr.execute(
                "DELETE FROM keten_access_log WHERE id = %s", [self.log_person.id]
            )

    def test_logging_costs_the_same_for_one_or_forty_dossiers(self):
        dossiers = self.env["keten.dossier"].create(
            [{"registering_organisation_id": self.org_zvh.id} for _i in range(40)]
        )
        Dossier = self.env["keten.dossier"].with_user(self.user_regie)
        Log = self.env["keten.access.log"]

        def count(function):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            function()
            return self.cr.sql_log_count - before

        Dossier.browse(dossiers[:1].ids).read(["name"])  # warm the caches
        one = count(lambda: Dossier.browse(dossiers[:1].ids).read(["name"]))
        forty = count(lambda: Dossier.browse(dossiers.ids).read(["name"]))
        self.assertEqual(one, forty)
        listed_one = count(
            lambda: Dossier.web_search_read(
                [("id", "in", dossiers[:1].ids)], {"name": {}}
            )
        )
        listed_forty = count(
            lambda: Dossier.web_search_read([("id", "in", dossiers.ids)], {"name": {}})
        )
        self.assertEqual(listed_one, listed_forty)
        # the log itself: one INSERT for any number of records
        since = self.last_log_id()
        records = Dossier.browse(dossiers.ids)
        with self.assertQueryCount(1):
            Log._log_records(records, "read", "list")
        self.assertEqual(len(self.new_rows(since)), 40)
        since = self.last_log_id()
        with self.assertQueryCount(2):  # the search and the INSERT ... SELECT
            Log._log_domain(Dossier, [("id", "in", dossiers.ids)], "read", "rpc")
        self.assertEqual(len(self.new_rows(since)), 40)

    @mute_logger("odoo.http")
    def test_who_viewed_per_dossier_and_person(self):
        for user in (self.user_regie, self.user_beheerder, self.user_privacy):
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                if user != self.user_privacy:
                    action = self.call(
                        "keten.dossier", "action_open_access_log", self.dossier_a.ids
                    )
                    rows = self.call(
                        "keten.access.log",
                        "web_search_read",
                        action["domain"],
                        {"user_id": {"fields": {"display_name": {}}}, "path": {}},
                    )["records"]
                    self.assertEqual([row["id"] for row in rows], self.log_dossier.ids)
                    views = self.call(
                        "keten.dossier", "get_views", [[False, "form"]], options={}
                    )
                    self.assertIn(
                        "action_open_access_log", views["views"]["form"]["arch"]
                    )
                    action = self.call(
                        "keten.person", "action_open_access_log", self.person_victim.ids
                    )
                    self.assertEqual(
                        action["domain"],
                        [["person_res_id", "=", self.person_victim.id]],
                    )
                rows = self.call(
                    "keten.access.log",
                    "search_read",
                    [("dossier_res_id", "=", self.dossier_a.id)],
                    ["login"],
                )
                self.assertEqual([row["id"] for row in rows], self.log_dossier.ids)
        for key in ("partner_gemeente", "justitie_politie"):
            user = self.access_users()[key]
            with self.subTest(user=key):
                self.authenticate(user.login, user.login)
                with self.assertRaises(JsonRpcException):
                    self.call(
                        "keten.dossier", "action_open_access_log", self.dossier_a.ids
                    )
                with self.assertRaises(JsonRpcException):
                    self.call("keten.access.log", "search_read", [], ["login"])
                views = self.call(
                    "keten.dossier", "get_views", [[False, "form"]], options={}
                )
                self.assertNotIn(
                    "action_open_access_log", views["views"]["form"]["arch"]
                )
