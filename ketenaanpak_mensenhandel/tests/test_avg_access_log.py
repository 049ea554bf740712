"""The access log as NEN 7513 asks for care records: user, role, organisation,
the person or record concerned, action, time and where from; per person and
per user for the privacy officer, who exports it (logged too)."""

import io

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL

from .common import KetenAccessCase, KetenRpcMixin, P
from .test_access_matrix import AccessGrid


@tagged("post_install", "-at_install", "keten_avg")
class TestAvgAccessLog(AccessGrid, KetenRpcMixin, HttpCase, KetenAccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_avg_grid()

    def test_privacy_forms_open_as_the_client_reads_them(self):
        """Every new form opens for the users who work with it, as the web
        client reads it (fields of other groups left out by get_views)."""
        cases = (
            ("privacy", self.avg_request),
            ("beheerder", self.avg_request),
            ("privacy", self.consent_victim),
            ("privacy", self.org_vt),
            ("partner_ggd", self.consent_victim),
            ("partner_ggd", self.person_victim),
            ("beheerder", self.person_victim),
            ("melder_school", self.person_school),
            ("beheerder", self.org_vt.legal_basis_ids),
        )
        for key, record in cases:
            with self.subTest(user=key, model=record._name):
                self.login(key)
                spec = self.form_spec(record._name)
                [values] = self.call(record._name, "web_read", record.ids, spec)
                self.assertEqual(values["id"], record.id)
        self.login("beheerder")
        [values] = self.call(
            "keten.person",
            "web_read",
            self.person_victim.ids,
            self.form_spec("keten.person"),
        )
        self.assertEqual(
            [row["id"] for row in values["rectification_ids"]],
            self.rectification_victim.ids,
        )
        self.assertEqual(
            [row["id"] for row in values["avg_request_ids"]], self.avg_request.ids
        )
        # lists of the privacy menu
        self.login("privacy")
        for model in (
            "keten.avg.request",
            "keten.rectification",
            "keten.consent",
            "keten.legal.basis",
            "keten.basis.override",
            "keten.access.log",
        ):
            with self.subTest(model=model):
                views = self.call(model, "get_views", [[False, "list"]], options={})
                spec = {name: {} for name in views["models"][model]["fields"]}
                self.assertTrue(
                    self.call(model, "web_search_read", [], spec)["records"], model
                )

    def last_id(self):
        return self.env["keten.access.log"].search([], limit=1).id or 0

    def rows_since(self, since, **values):
        domain = [("id", ">", since)] + [(k, "=", v) for k, v in values.items()]
        return self.env["keten.access.log"].search(domain)

    def test_html_preview_of_a_logged_report_writes_on_its_cursor(self):
        """Without wkhtmltopdf the client shows /report/html/...: a read-only
        route in Odoo; the inzage report logs its print, so it gets a
        read/write cursor at once, no failed INSERT and second render."""
        self.login("privacy")
        request = self.env["keten.avg.request"].create(
            {"person_id": self.person_victim.id, "person_found": "found"}
        )
        since = self.last_id()
        with (
            self.assertNoLogs("odoo.http", "WARNING"),
            self.assertNoLogs("odoo.sql_db", "ERROR"),
        ):
            response = self.url_open(
                f"/report/html/ketenaanpak_mensenhandel.avg_inzage/{request.id}"
            )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Sanne", response.text)
        self.assertTrue(self.rows_since(since, action="print", path="inzage"))

    def test_a_melding_read_is_logged_with_its_dossier(self):
        user = self.login("regie_zvh")
        since = self.last_id()
        self.call("keten.melding", "web_read", self.melding_a.ids, {"content": {}})
        row = self.rows_since(since, res_model="keten.melding")
        self.assertEqual(len(row), 1)
        self.assertEqual(row.user_id, user)
        self.assertEqual(row.record_ref, self.melding_a.name)
        self.assertEqual(row.dossier_res_id, self.dossier_a.id)
        self.assertEqual((row.action, row.path), ("read", "form"))
        # where from: address, session and workstation
        self.assertTrue(row.ip_address)
        self.assertTrue(row.session_ref)
        self.assertTrue(row.user_agent)
        self.assertEqual(row.role, "Ketenregie")
        self.assertEqual(row.organisation_names, self.org_zvh.name)
        # a Melder's read of its own melding is access to that data too
        self.login("melder_school")
        since = self.last_id()
        self.call("keten.melding", "web_read", self.melding_school.ids, {"name": {}})
        self.assertEqual(len(self.rows_since(since, res_model="keten.melding")), 1)

    def test_person_concerned_covers_dossiers_and_meldingen(self):
        Log = self.env["keten.access.log"]
        Log._log_records(self.melding_a.with_user(self.user_regie), "read", "form")
        Log._log_records(self.dossier_b.with_user(self.user_regie), "read", "form")
        ref = f"P-{self.person_victim.id}"
        rows = Log.with_user(self.user_privacy).search([("concerned_person", "=", ref)])
        self.assertEqual(
            set(rows.mapped("res_model")),
            {"keten.person", "keten.dossier", "keten.melding"},
        )
        self.assertNotIn(self.dossier_b.id, rows.mapped("res_id"))
        self.assertEqual(
            rows, Log.search([("concerned_person", "=", str(self.person_victim.id))])
        )
        self.assertFalse(Log.search([("concerned_person", "=", "P-0")]))
        # per user
        by_user = Log.with_user(self.user_privacy).search(
            [("user_id", "=", self.user_regie.id)]
        )
        self.assertEqual(set(by_user.mapped("user_id")), {self.user_regie})

    def test_person_concerned_is_found_through_indexes(self):
        """The lookup reads each branch (person, dossiers, meldingen) through an
        index: with seq scans priced out, a branch without one still shows up
        as a Seq Scan on the log, the 5,000,000-row case of docs/benchmarks.md."""
        Log = self.env["keten.access.log"].with_user(self.user_privacy)
        query = Log._search([("concerned_person", "=", f"P-{self.person_victim.id}")])
        self.env.cr.execute(SQL("SET LOCAL enable_seqscan = off"))
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = "\n".join(line for (line,) in self.env.cr.fetchall())
        self.env.cr.execute(SQL("SET LOCAL enable_seqscan = on"))
        self.assertNotIn("Seq Scan on keten_access_log", plan)
        for index in (
            "keten_access_log__person_res_id_index",
            "keten_access_log__dossier_res_id_index",
            "keten_access_log_res_model_res_id_index",
        ):
            self.assertIn(index, plan)

    def test_export_of_the_log_is_logged(self):
        self.login("privacy")
        Log = self.env["keten.access.log"]
        self.env.ref("base.group_allow_export").users = [(4, self.user_privacy.id)]
        rows = Log.search([("person_res_id", "=", self.person_victim.id)])
        since = self.last_id()
        self.export_csv("keten.access.log", rows.ids, ["record_ref"])
        row = self.rows_since(since)
        self.assertEqual(len(row), 1)
        self.assertEqual((row.action, row.path), ("export", "export"))
        self.assertEqual(row.res_model, "keten.access.log")
        self.assertEqual(row.person_res_id, self.person_victim.id)
        self.assertEqual(row.user_id, self.user_privacy)
        self.assertIn(str(len(rows)), row.record_ref)

    def test_xlsx_export_per_person(self):
        Log = self.env["keten.access.log"]
        rows = Log.search([("concerned_person", "=", f"P-{self.person_victim.id}")])
        report = self.env.ref(P + "keten_access_log_report_xlsx").with_user(
            self.user_privacy
        )
        since = self.last_id()
        content, kind = report._render_xlsx(report.report_name, rows.ids, {})
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        values = list(sheet.iter_rows(values_only=True))
        self.assertEqual(len(values), len(rows) + 1)
        self.assertIn("Record", values[0])
        self.assertIn(self.dossier_a.name, [line[6] for line in values[1:]])
        self.assertEqual(len(self.rows_since(since, action="export")), 1)
        with self.assertRaises(AccessError):
            report.with_user(self.user_regie)._render_xlsx(
                report.report_name, rows.ids, {}
            )
