"""The printed agenda and verslag of a casusoverleg show each reader only what
that reader may see (tests/common.py: overleg O has dossiers A and B on its
agenda; GGD is involved in A only, Politie is Justitie and leads A's criminal
track, the Arbeidsinspectie leads B's)."""

import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import KetenAccessCase, P

AGENDA = P + "keten_casusoverleg_report_agenda"
VERSLAG = P + "keten_casusoverleg_report_verslag"
NO_ACCESS = "Agendapunt zonder toegang"


# HttpCase: wkhtmltopdf (test_pdf) fetches the report's assets from this server;
# under Odoo's runner, which holds the registry lock while the tests run, only
# HttpCase's test mode lets that request in (a TransactionCase waits forever).
@tagged("post_install", "-at_install", "keten_process")
class TestCasusoverlegReport(HttpCase, KetenAccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.item_a.question = "Vraag over A: opvang regelen?"
        cls.item_b.question = "Vraag over B: inval afstemmen met NLA?"

    def render(self, report, user, overleg=None, data=None):
        html, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, (overleg or self.overleg).ids, data=data)
        )
        self.assertEqual(kind, "html")
        return html.decode()

    @staticmethod
    def copies(html):
        """The printed copies, one per reader, in order."""
        return re.split(r'class="article o_keten_report_copy"', html)[1:]

    def hold_with_decisions(self):
        self.overleg.with_user(self.user_regie).action_hold()
        self.item_a.with_user(
            self.user_regie
        ).decisions = "Moviera regelt opvang binnen 48 uur."
        self.item_b.with_user(
            self.user_regie
        ).decisions = "NLA stemt inval af met zorgcoördinator."
        self.overleg.with_user(self.user_regie).action_approve()

    def assertNothingOfB(self, text):
        self.assertNotIn(self.dossier_b.name, text)
        self.assertNotIn("Vraag over B", text)
        self.assertNotIn("NLA stemt inval af", text)
        self.assertNotIn(self.vorm_arbeid.name, text)

    def assertNoStrafrecht(self, text):
        for track in (self.strafrecht_a, self.strafrecht_b):
            self.assertNotIn(track.sudo().name, text)
        self.assertNotIn("Justitie only", text)
        self.assertNotIn("o_keten_report_strafrecht", text)

    def test_agenda_as_partner_shows_only_involved_dossiers(self):
        self.item_b.invited_organisation_ids |= self.org_ai
        html = self.render(AGENDA, self.user_partner_ggd)
        self.assertEqual(len(self.copies(html)), 1)
        self.assertIn(self.dossier_a.name, html)
        self.assertIn("Vraag over A", html)
        self.assertIn(self.vorm_seksueel.name, html)
        self.assertEqual(html.count(NO_ACCESS), 1, "B is printed as an empty item")
        self.assertNothingOfB(html)
        self.assertNoStrafrecht(html)
        # who was invited for B says something about B
        self.assertNotIn(self.org_ai.name, html)
        self.assertIn(self.org_ggd.name, html)
        regie_html = self.render(AGENDA, self.user_regie)
        self.assertIn(self.org_ai.name, regie_html)
        # the partner sees that A has a criminal track and whom to align with
        self.assertIn("A criminal track is running", html)
        self.assertIn(self.org_zvh.name, html)

    def test_agenda_as_justitie_shows_its_own_track_only(self):
        self.item_a.invited_organisation_ids |= self.org_politie
        html = self.render(AGENDA, self.user_justitie)
        self.assertIn(self.dossier_a.name, html)
        self.assertIn(self.strafrecht_a.sudo().name, html)
        self.assertNothingOfB(html)
        self.assertNotIn(self.strafrecht_b.sudo().name, html)
        # the content of the investigation stays in the system
        self.assertNotIn("Telefoontap", html)
        self.assertNotIn("PV aangifte", html)

    def test_agenda_as_ketenregie_has_every_item_but_no_strafrecht(self):
        html = self.render(AGENDA, self.user_regie)
        self.assertIn(self.dossier_a.name, html)
        self.assertIn(self.dossier_b.name, html)
        self.assertNotIn(NO_ACCESS, html)
        self.assertNoStrafrecht(html)

    def test_agenda_refused_without_access_to_the_overleg(self):
        # Moviera is invited to O2 only and not involved in A or B via O
        self.assertFalse(
            self.overleg.with_user(self.user_partner_moviera).has_access("read")
        )
        with self.assertRaises(AccessError):
            self.render(AGENDA, self.user_partner_moviera)
        with self.assertRaises(AccessError):
            self.render(AGENDA, self.user_melder)

    def test_verslag_contains_the_besluiten(self):
        self.hold_with_decisions()
        html = self.render(VERSLAG, self.user_regie)
        self.assertIn("Moviera regelt opvang binnen 48 uur.", html)
        self.assertIn("NLA stemt inval af met zorgcoördinator.", html)
        self.assertIn("Verslag vastgesteld", html)
        self.assertNotIn("CONCEPT", html)
        self.assertIn(self.org_zvh.name, html)  # attendance
        self.assertNoStrafrecht(html)
        partner_html = self.render(VERSLAG, self.user_partner_ggd)
        self.assertIn("Moviera regelt opvang binnen 48 uur.", partner_html)
        self.assertNothingOfB(partner_html)
        self.assertEqual(partner_html.count(NO_ACCESS), 1)

    def test_verslag_before_adoption_is_a_concept(self):
        html = self.render(VERSLAG, self.user_regie)
        self.assertIn("CONCEPT", html)
        self.assertIn("No besluiten recorded.", html)

    def test_per_invitee_copies(self):
        self.org_ggd.contact_user_id = self.user_partner_ggd
        self.hold_with_decisions()
        readers = self.overleg._invitee_readers()
        by_org = {org: user for user, org in readers}
        self.assertEqual(by_org[self.org_ggd], self.user_partner_ggd)
        self.assertIn(self.org_zvh, by_org)
        for report in (AGENDA, VERSLAG):
            html = self.render(report, self.user_regie, data={"per_invitee": True})
            copies = self.copies(html)
            self.assertEqual(len(copies), len(readers))
            for (user, org), copy in zip(readers, copies, strict=True):
                self.assertIn(org.name, copy)
                self.assertIn(user.name, copy)
                sees_b = self.dossier_b.with_user(user).has_access("read")
                self.assertEqual(self.dossier_b.name in copy, sees_b, org.name)
                self.assertNoStrafrecht(copy)
            ggd_copy = copies[[org for _u, org in readers].index(self.org_ggd)]
            self.assertNothingOfB(ggd_copy)
            self.assertIn(self.dossier_a.name, ggd_copy)

    def test_per_invitee_is_for_the_ketenregie(self):
        # a partner asking for the copies gets only its own
        html = self.render(AGENDA, self.user_partner_ggd, data={"per_invitee": True})
        self.assertEqual(len(self.copies(html)), 1)
        self.assertNothingOfB(html)
        with self.assertRaises(UserError):
            self.overleg.with_user(self.user_partner_ggd).action_print_per_invitee()
        action = (
            self.overleg.with_user(self.user_regie)
            .with_context(keten_document="verslag")
            .action_print_per_invitee()
        )
        self.assertEqual(action["report_name"], P + "casusoverleg_verslag")
        self.assertEqual(action["data"], {"per_invitee": True})

    def test_pdf(self):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_partner_ggd)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(AGENDA, self.overleg.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF-"))

    def test_print_menu_offers_agenda_and_verslag(self):
        reports = self.env["ir.actions.report"].search(
            [("binding_model_id.model", "=", "keten.casusoverleg")]
        )
        self.assertEqual(
            set(reports.mapped("report_name")),
            {P + "casusoverleg_agenda", P + "casusoverleg_verslag"},
        )

    def test_printing_is_logged_for_the_dossiers_printed(self):
        Log = self.env["keten.access.log"]
        domain = [("user_id", "=", self.user_partner_ggd.id), ("action", "=", "print")]
        self.assertFalse(Log.search(domain))
        self.render(AGENDA, self.user_partner_ggd)
        logs = Log.search(domain)
        self.assertEqual(logs.mapped("res_id"), [self.dossier_a.id])
        self.assertEqual(set(logs.mapped("path")), {"report"})

    def test_query_count_does_not_grow_with_the_agenda(self):
        """Access is checked per reader, not per item: ten items cost what two do
        (30 queries measured; one more when a registry cache was just cleared)."""

        def queries():
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.render(AGENDA, self.user_partner_ggd)
            return self.cr.sql_log_count - before

        queries()  # compiles the templates
        two = queries()
        for person in self.env["keten.person"].create(
            [{"first_name": f"Agenda{i}", "last_name": "Test"} for i in range(8)]
        ):
            dossier = self.create_dossier_with_melding(
                person, self.org_ggd, vormen=self.vorm_seksueel
            )
            self.overleg.item_ids = [(0, 0, {"dossier_id": dossier.id})]
        ten = queries()
        self.assertEqual(len(self.overleg.item_ids), 10)
        self.assertLessEqual(ten, two + 1)
        self.env.invalidate_all()
        with self.assertQueryCount(two + 1):
            html = self.render(AGENDA, self.user_partner_ggd)
        self.assertEqual(html.count("o_keten_report_item "), 10)
        self.assertEqual(html.count(NO_ACCESS), 1)
