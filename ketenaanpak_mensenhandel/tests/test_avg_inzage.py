"""Inzage (AVG art. 15): the report holds every record about the person and
nothing about anyone else (tests/common.py: Sanne de Vries is the victim in
dossier A with Kees Bakker as suspect and Bram Netwerk in her network; Olga
Petrova is in dossier B; Piet Schoolmeldt only in the school's melding)."""

import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .avg_common import AvgMixin, person_strings
from .common import KetenAccessCase


@tagged("post_install", "-at_install", "keten_avg")
class TestAvgInzage(AvgMixin, KetenAccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        victim, suspect = cls.person_victim, cls.person_suspect
        cls.melding_a.write(
            {
                "content": "Sanne de Vries (17) werkt 's nachts voor Kees Bakker, "
                "geboren 01-06-1990; haar vriend Bram Netwerk weet ervan.",
                "location_address": "Kerkstraat 1, Testdorp",
            }
        )
        cls.dossier_a.summary = "Kees Bakker houdt Sanne onder druk."
        cls.weging_a.sudo().with_context(keten_anonymise=True).write(
            {"analysis": "Kees dreigt; Sanne heeft een LVB."}
        )
        cls.item_a.write(
            {
                "question": "Opvang voor Sanne, gescheiden van Kees?",
                "decisions": "Moviera zoekt opvang; politie spreekt Kees aan.",
            }
        )
        cls.action_gemeente.result = "Woning buiten Testdorp voor Sanne geregeld."
        cls.interventie_a.write(
            {"person_id": victim.id, "result_note": "Sanne is veilig, Kees niet."}
        )
        cls.dossier_a.message_post(body="Gesprek met Sanne; Kees Bakker belde.")
        victim.message_post(body="Sanne wil een advocaat.")
        for record, name in (
            (cls.dossier_a, "verklaring Kees Bakker.pdf"),
            (victim, "paspoort Sanne.pdf"),
            (cls.dossier_b, "verklaring Olga.pdf"),
        ):
            env["ir.attachment"].create(
                {
                    "name": name,
                    "raw": b"%PDF-1.4 test",
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        env["keten.consent"].create(
            {
                "person_id": victim.id,
                "purpose": "comensha",
                "organisation_id": cls.org_ggd.id,
                "date_given": fields.Date.today() - timedelta(days=30),
            }
        )
        victim.with_user(cls.user_regie).write(
            {"phone": "0612345678", "change_reason": "Nieuw nummer doorgegeven"}
        )
        victim.with_user(cls.user_regie).write(
            {"phone": "0687654321", "change_reason": "Sanne gaf een ander nummer"}
        )
        # the police looked at the dossier: a criminal investigation's access
        env["keten.access.log"]._log_records(
            cls.dossier_a.with_user(cls.user_justitie), "read", "form"
        )
        assert suspect.birth_date
        cls.request = cls.avg_request(victim)

    def others(self):
        return (
            self.person_suspect
            | self.person_network
            | self.person_other
            | self.person_school
        )

    def assertNothingAbout(self, html, persons):
        # the roles by which others are named are not about them ("Netwerk")
        html = re.sub(r"another person \([^)]*\)", "", html)
        html = re.sub(r"<td>(Network|Suspect|Victim)</td>", "", html)
        for person in persons:
            for text in person_strings(person):
                self.assertNotIn(text, html, f"{text} of P-{person.id} in the report")

    def section(self, html, key):
        found = re.search(
            rf"o_keten_inzage_{key}\b.*?(?=o_keten_inzage_section|<h3>Criminal)",
            html,
            re.S,
        )
        self.assertTrue(found, f"section {key}")
        return found.group(0)

    # ------------------------------------------------------------------
    # Finding the person
    # ------------------------------------------------------------------
    def test_find_person_by_bsn_or_name_and_birth_date(self):
        self.assertEqual(self.request.person_id, self.person_victim)
        self.assertEqual(self.request.person_found, "found")
        by_name = self.avg_request(self.person_suspect)
        self.assertEqual(by_name.person_id, self.person_suspect)
        Request = self.env["keten.avg.request"].with_user(self.user_privacy)
        nobody = Request.create({"subject_bsn": "123456782"})
        nobody.action_find_person()
        self.assertFalse(nobody.person_id)
        self.assertEqual(nobody.person_found, "none")
        vague = Request.create({"subject_name": "Sanne de Vries"})
        with self.assertRaises(UserError):
            vague.action_find_person()  # a name alone identifies nobody
        # the privacy officer finds, but does not browse, persons
        with self.assertRaises(AccessError):
            self.person_victim.with_user(self.user_privacy).read(["name"])

    def test_deadline_is_a_month_and_can_be_extended(self):
        request = self.request
        received = request.date_received
        self.assertEqual(request.date_deadline.month, (received.month % 12) + 1)
        request.write({"extended": True, "extension_reason": "Veel dossiers"})
        self.assertGreater((request.date_deadline - received).days, 85)
        request.date_received = fields.Date.today() - timedelta(days=100)
        Request = self.env["keten.avg.request"]
        self.assertIn(request, Request.search([("is_overdue", "=", True)]))
        request.with_user(self.user_privacy).action_print_inzage()
        self.render_inzage(request)
        request.with_user(self.user_privacy).action_done()
        self.assertNotIn(request, Request.search([("is_overdue", "=", True)]))

    def test_identity_first(self):
        request = (
            self.env["keten.avg.request"]
            .with_user(self.user_privacy)
            .create({"subject_bsn": self.person_victim.bsn})
        )
        request.action_find_person()
        with self.assertRaises(UserError):
            request.action_print_inzage()
        with self.assertRaises(UserError):
            request.action_verify_identity()  # how it was checked is required
        with self.assertRaises(UserError):
            request.action_done()

    # ------------------------------------------------------------------
    # The report
    # ------------------------------------------------------------------
    def test_victim_report_holds_every_record_about_her(self):
        html = self.render_inzage(self.request)
        victim = self.person_victim
        for text in (
            "Sanne",
            "de Vries",
            victim.bsn,
            "03/14/2007",
            f"P-{victim.id}",
        ):
            self.assertIn(text, self.section(html, "person"))
        expected = {
            "dossiers": [self.dossier_a.name, "another person (Suspect)", "druk"],
            "meldingen": [self.melding_a.name, "nachts voor", "Kerkstraat 1"],
            "wegingen": [self.weging_a.name, "dreigt", "Chats"],
            "overleg": [self.overleg.name, "Opvang voor Sanne", "zoekt opvang"],
            "plans": [self.plan_a.name, "Huisvesting", "Woning buiten Testdorp"],
            "interventies": ["Begeleiding", "Sanne is veilig"],
            "evaluaties": ["Casusevaluatie A"],
            "recipients": [self.org_gemeente.name, "Convenant ketenaanpak"],
            "consents": ["Registration with CoMensha", self.org_ggd.name],
            "rectifications": ["0612345678", "0687654321", "ander nummer"],
            "messages": ["Gesprek met Sanne", "wil een advocaat"],
            "attachments": ["paspoort Sanne.pdf", "verklaring"],
            "access": [self.org_zvh.name, self.dossier_a.name, f"P-{victim.id}"],
        }
        for key, texts in expected.items():
            section = self.section(html, key)
            for text in texts:
                self.assertIn(text, section, f"{text} in section {key}")
        # a criminal track exists in A: said, not shown
        self.assertIn("A criminal investigation runs or ran", html)
        self.assertIn(self.org_zvh.name, self.section(html, "dossiers"))

    def test_victim_report_names_nobody_else(self):
        html = self.render_inzage(self.request)
        self.assertNothingAbout(html, self.others())
        self.assertIn("another person (Suspect)", html)
        self.assertIn("another person (Network)", html)
        # the melder of a melding about her is not disclosed
        self.assertNotIn("Melder Test", html)
        self.assertIn("the source is given", html)
        # nothing of dossier B, its files or the school's melding
        self.assertNotIn(self.dossier_b.name, html)
        self.assertNotIn("Olga", html)
        self.assertNotIn(self.melding_school.name, html)
        # criminal-investigation content is the OM's
        for text in ("PV aangifte", "Telefoontap", "Doorzoeking", "273f"):
            self.assertNotIn(text, html)
        self.assertNotIn("Aanhouding verdachte", html)
        self.assertNotIn(self.strafrecht_a.name, html)
        self.assertNotIn("Justitie", self.section(html, "access"))
        # who accessed: organisations and roles, no employees
        for user in (self.user_regie, self.user_justitie):
            self.assertNotIn(user.name, self.section(html, "access"))
            self.assertNotIn(user.login, html)

    def test_suspect_sees_his_role_not_the_victims_file(self):
        request = self.avg_request(self.person_suspect)
        html = self.render_inzage(request)
        self.assertIn(self.dossier_a.name, html)
        self.assertIn("You are not the victim in this dossier", html)
        self.assertIn(self.melding_a.name, html)
        self.assertNothingAbout(
            html, self.person_victim | self.person_network | self.person_other
        )
        # no content of her file, no trace of the criminal track or of who read it
        for text in (
            "nachts voor",
            "onder druk",
            "dreigt",
            "Huisvesting",
            "Begeleiding",
        ):
            self.assertNotIn(text, html)
        self.assertNotIn("Align about care", html)
        self.assertNotIn(self.org_zvh.name, html)
        self.assertNotIn(self.org_politie.name, html)

    def test_nobody_found(self):
        request = (
            self.env["keten.avg.request"]
            .with_user(self.user_privacy)
            .create({"subject_bsn": "123456782", "identity_note": "Paspoort"})
        )
        request.action_find_person()
        request.action_verify_identity()
        html = self.render_inzage(request)
        self.assertIn("No personal data about the person identified", html)
        self.assertNothingAbout(html, self.others() | self.person_victim)

    def test_printing_is_logged_and_recorded(self):
        Log = self.env["keten.access.log"]
        since = Log.search([], limit=1).id or 0
        self.render_inzage(self.request)
        rows = Log.search([("id", ">", since)])
        self.assertTrue(rows)
        self.assertEqual(set(rows.mapped("action")), {"print"})
        self.assertEqual(set(rows.mapped("path")), {"inzage"})
        self.assertEqual(rows.user_id, self.user_privacy)
        self.assertIn(self.person_victim.id, rows.mapped("person_res_id"))
        self.assertIn(self.dossier_a.id, rows.mapped("dossier_res_id"))
        self.assertIn("keten.melding", rows.mapped("res_model"))
        self.assertEqual(self.request.report_user_id, self.user_privacy)
        self.assertTrue(self.request.report_date)

    def test_only_the_privacy_officer_prints_it(self):
        for user in (self.user_regie, self.user_partner_ggd, self.user_internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.render_inzage(self.request, user=user)

    def test_report_cost_does_not_grow_with_the_file(self):
        """Queries per section, not per record: five more meldingen, messages
        and files in the victim's dossier cost no more queries (after the
        first render has warmed the caches)."""
        report = self.env["report.ketenaanpak_mensenhandel.avg_inzage"].with_user(
            self.user_privacy
        )

        def count():
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            report._get_report_values(self.request.ids)
            return self.cr.sql_log_count - start

        count()  # warm the caches
        before = count()
        for index in range(5):
            melding = self.create_melding(
                self.person_victim, self.org_gemeente, content=f"Nieuw signaal {index}"
            )
            self.dossier_a.sudo()._add_melding(melding)
            self.dossier_a.message_post(body=f"Bericht {index}")
        after = count()
        self.assertLessEqual(after, before + 2, (before, after))
