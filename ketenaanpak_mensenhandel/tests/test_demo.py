"""The demo region loads through the ORM (every guard respected) and shows
need-to-know at work for its logins. Runs the loader of demo/keten_demo.xml in
a database without demo data, so it keeps working as the process evolves."""

from odoo.exceptions import AccessDenied, AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ketenaanpak_mensenhandel.models.keten_demo import LEGAL_BASES, USERS

from .common import security_off

P = "ketenaanpak_mensenhandel."


@tagged("post_install", "-at_install")
class TestDemoRegion(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        security_off(cls.env)  # as make demo does for its logins
        cls.env["keten.demo"]._load_demo_region()

    def user(self, login):
        return self.env.ref(P + "demo_user_" + login)

    def test_region_and_pilot_dossiers(self):
        Dossier = self.env["keten.dossier"]
        gemeenten = self.env["keten.gemeente"].search(
            [("region", "=", "Noord- en Oost-Gelderland")]
        )
        self.assertEqual(len(gemeenten), 22)
        pilots = Dossier.browse(
            [self.env.ref(P + f"demo_dossier_{i}").id for i in range(1, 11)]
        )
        self.assertEqual(
            set(pilots.mapped("hoofdstap_code")),
            {"signalering", "analyse", "uitvoering", "evaluatie"},
        )
        codes = set(pilots.verschijningsvorm_ids.mapped("code"))
        for code in ("seksueel", "arbeid", "crimineel", "orgaan"):
            self.assertIn(code, codes)
        historic = Dossier.search([("is_closed", "=", True)]) - pilots
        self.assertGreaterEqual(len(historic), 45)
        # historic cases are spread over the past, not all opened today
        months = {d.date_opened.strftime("%Y-%m") for d in historic}
        self.assertGreater(len(months), 12)
        self.assertTrue(all(d.date_closed >= d.date_opened for d in historic))

    def test_each_login_authenticates_with_its_login_as_password(self):
        for login, _name, groups, org_keys in USERS:
            with self.subTest(login=login):
                user = self.user(login)
                self.assertEqual(user.login, login)
                user.with_user(user)._check_credentials(
                    {"login": login, "password": login, "type": "password"},
                    {"interactive": False},
                )
                with self.assertRaises(AccessDenied):
                    user.with_user(user)._check_credentials(
                        {"login": login, "password": "wrong", "type": "password"},
                        {"interactive": False},
                    )
                for group in groups:
                    self.assertTrue(user.has_group(P + group), group)
                self.assertEqual(
                    set(user.keten_organisation_ids.ids),
                    {self.env.ref(P + "demo_org_" + k).id for k in org_keys},
                )

    def test_intake_demo_reports_the_pilot_victim_again(self):
        """demo/keten_intake_demo.xml loads after the region: its web report,
        with a typo in the surname, is about the first open victim (the
        student of pilot dossier 1) and the melding says so to the meldpunt."""
        victim = self.env.ref(P + "demo_dossier_1").person_link_ids.filtered(
            lambda link: link.role == "slachtoffer"
        )
        self.assertEqual(victim.person_id.gender, "vrouw")
        melding = self.env["keten.intake.form"]._load_intake_demo()
        self.assertEqual(len(melding), 1)
        self.assertNotEqual(melding.person_ids.last_name, victim.person_id.last_name)
        meldpunt = melding.with_user(self.user("meldpunt"))
        self.assertEqual(meldpunt.duplicate_review_count, 1)
        self.assertIn(victim.dossier_id.name, meldpunt.duplicate_review_alert)

    def test_logins_see_what_their_role_allows(self):
        Dossier = self.env["keten.dossier"]
        everything = Dossier.search([])
        regie = Dossier.with_user(self.user("ketenregie")).search([])
        self.assertEqual(regie, everything)
        # the school is a Melder: its situatieschets, never a dossier
        school = self.user("school")
        with self.assertRaises(AccessError):
            Dossier.with_user(school).search([])
        meldingen = self.env["keten.melding"].with_user(school).search([])
        self.assertTrue(meldingen)
        self.assertTrue(all(m.is_situatieschets for m in meldingen))
        # a partner sees only the dossiers its organisation is involved in
        ggd = self.user("ggd")
        seen = Dossier.with_user(ggd).search([])
        self.assertTrue(seen)
        self.assertLess(len(seen), len(everything))
        org = self.env.ref(P + "demo_org_ggd")
        self.assertTrue(all(org in d.sudo().involved_organisation_ids for d in seen))
        # the criminal track of pilot 7: politie reads it, the zorgcoördinator not
        dossier_7 = self.env.ref(P + "demo_dossier_7")
        Strafrecht = self.env["keten.strafrecht"]
        domain = [("dossier_id", "=", dossier_7.id)]
        self.assertEqual(
            len(Strafrecht.with_user(self.user("politie")).search(domain)), 1
        )
        with self.assertRaises(AccessError):
            Strafrecht.with_user(self.user("zorg")).search(domain)
        self.assertTrue(dossier_7.with_user(self.user("zorg")).has_criminal_track)
        # the IND is involved through a plan action (B8) in dossier 7 only
        self.assertEqual(Dossier.with_user(self.user("ind")).search([]), dossier_7)
        # the Regionale Tafel has no dossier records at all
        with self.assertRaises(AccessError):
            Dossier.with_user(self.user("rapportage")).search([])

    def test_privacy_officer_runs_an_inzage_and_prints_the_register(self):
        """Issue 10 in the demo: legal bases (one expired, one missing), a
        consent, an inzage request the privacy login can print."""
        Org = self.env["keten.organisation"]
        states = {
            key: self.env.ref(P + "demo_org_" + key).legal_basis_state
            for key in LEGAL_BASES
        }
        self.assertEqual(states["jeugd"], "expired")
        self.assertEqual(states["comensha"], "consent")
        self.assertEqual(
            self.env.ref(P + "demo_org_woningcorporatie").legal_basis_state, "missing"
        )
        self.assertEqual(
            {
                state
                for key, state in states.items()
                if key not in ("jeugd", "comensha")
            },
            {"valid"},
        )
        self.assertTrue(
            self.env["keten.basis.override"].search(
                [("organisation_id", "=", self.env.ref(P + "demo_org_jeugd").id)]
            )
        )
        consent = self.env.ref(P + "demo_consent_comensha")
        self.assertEqual(consent.state, "active")
        self.assertFalse(
            self.env.ref(P + "demo_org_comensha")._basis_problems(
                self.env.ref(P + "demo_dossier_7")
            )
        )
        self.assertTrue(self.env["keten.rectification"].search([]))
        # the privacy login prints the inzage and the register
        privacy = self.user("privacy")
        request = self.env.ref(P + "demo_avg_request_inzage").with_user(privacy)
        self.assertTrue(request.person_id)
        self.assertTrue(request.identity_verified)
        request.action_print_inzage()
        Report = self.env["ir.actions.report"].with_user(privacy)
        html, _kind = Report._render_qweb_html(
            P + "keten_avg_request_report_inzage", request.ids
        )
        self.assertIn(request.sudo().person_id.last_name, html.decode())
        self.assertIn(self.env.ref(P + "demo_dossier_9").name, html.decode())
        wizard = self.env["keten.processing.register.wizard"].with_user(privacy)
        wizard = wizard.create({})
        html, _kind = Report._render_qweb_html(
            P + "keten_processing_register_report", wizard.ids
        )
        for organisation in Org.search([]):
            self.assertIn(organisation.name, html.decode())
