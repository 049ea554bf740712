"""The demo region loads through the ORM (every guard respected) and shows
need-to-know at work for its logins. Loads the demo files of the manifest, in
their order, into a database without demo data (the fixed records in XML and
the scenario their last file calls), so it keeps working as the process
evolves, and checks what the demo is made of."""

from datetime import timedelta

from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.modules.module import get_manifest
from odoo.tests import TransactionCase, tagged
from odoo.tools import convert_file

from odoo.addons.ketenaanpak_mensenhandel.demo.builders import DemoBuilder

from .common import security_off

MODULE = "ketenaanpak_mensenhandel"
P = MODULE + "."
REGION = "Noord- en Oost-Gelderland"

# login: (the keten groups it holds that no other of its groups implies,
# the keys of its organisations: demo_org_<key>)
LOGINS = {
    "meldpunt": ({"group_ketenregie"}, {"vt"}),
    "ketenregie": ({"group_ketenregie"}, {"zvh"}),
    "beheerder": ({"group_beheerder"}, {"zvh"}),
    "privacy": ({"group_privacy"}, {"zvh"}),
    "gemeente": ({"group_ketenpartner"}, {"gemeente"}),
    "zorg": ({"group_ketenpartner"}, {"zorg"}),
    "politie": ({"group_justitie"}, {"politie"}),
    "om": ({"group_justitie"}, {"om"}),
    "arbeidsinspectie": ({"group_justitie"}, {"arbeidsinspectie"}),
    "riec": ({"group_ketenpartner"}, {"riec"}),
    "ggd": ({"group_ketenpartner"}, {"ggd"}),
    "opvang": ({"group_ketenpartner"}, {"opvang"}),
    "comensha": ({"group_ketenpartner"}, {"comensha"}),
    "ind": ({"group_ketenpartner"}, {"ind"}),
    "jeugd": ({"group_ketenpartner"}, {"jeugd"}),
    "school": ({"group_melder"}, {"school"}),
    "woningcorporatie": ({"group_melder"}, {"woningcorporatie"}),
    "rapportage": ({"group_rapportage"}, set()),
}

# key: (code, kind, membership, flag set, expertise)
ORGANISATIONS = {
    "vt": ("VT", "zorg", "ketenregieteam", {"is_meldpunt"}, set()),
    "zvh": ("ZVH", "veiligheid", "ketenregieteam", {"is_procesregie"}, set()),
    "gemeente": ("GEM", "gemeente", "ketenregieteam", set(), set()),
    "zorg": ("ZCM", "zorg", "ketenregieteam", set(), set()),
    "politie": ("POL", "justitie", "ketenregieteam", {"is_justice"}, set()),
    "om": ("OM", "justitie", "ketenregieteam", {"is_justice"}, set()),
    "arbeidsinspectie": (
        "NLA",
        "justitie",
        "flexibele_schil",
        {"is_justice"},
        {"arbeid"},
    ),
    "riec": (
        "RIEC",
        "veiligheid",
        "flexibele_schil",
        {"is_procesbegeleider"},
        {"crimineel"},
    ),
    "ggd": ("GGD", "zorg", "flexibele_schil", set(), {"seksueel"}),
    "opvang": ("LDH", "zorg", "flexibele_schil", set(), {"seksueel", "arbeid"}),
    "comensha": ("CMS", "zorg", "flexibele_schil", set(), set()),
    "ind": ("IND", "overig", "flexibele_schil", set(), set()),
    "jeugd": ("JZ", "zorg", "flexibele_schil", set(), {"crimineel"}),
    "school": ("GBC", "overig", "secundair", set(), set()),
    "woningcorporatie": ("WIJ", "overig", "secundair", set(), set()),
}
FLAGS = ("is_meldpunt", "is_procesregie", "is_justice", "is_procesbegeleider")

# pilot dossier: (stage XML id, hoofdstap, verschijningsvormen,
# woongemeente of the victim, number of victims, criminal track)
PILOTS = {
    1: ("stage_melding_ontvangen", "signalering", {"arbeid"}, "Oldebroek", 1, False),
    2: (
        "stage_dossier_verrijken",
        "signalering",
        {"crimineel"},
        "Doetinchem",
        1,
        False,
    ),
    3: ("stage_eerste_weging", "signalering", {"seksueel"}, "Zutphen", 1, False),
    4: ("stage_casusoverleg", "analyse", {"seksueel"}, "Apeldoorn", 1, False),
    5: ("stage_tweede_weging", "analyse", {"arbeid"}, "Apeldoorn", 2, False),
    6: ("stage_plan_van_aanpak", "analyse", {"orgaan"}, "Harderwijk", 1, False),
    7: ("stage_uitvoering", "uitvoering", {"seksueel"}, "Epe", 1, True),
    8: ("stage_monitoring", "uitvoering", {"crimineel"}, "Winterswijk", 1, False),
    9: ("stage_nazorg", "uitvoering", {"arbeid"}, "Zutphen", 1, False),
    10: ("stage_afgesloten", "evaluatie", {"seksueel", "arbeid"}, "Putten", 1, False),
}

# (hoofdstap, organisation key): RASCI role (reference model, Bijlage VI)
RASCI = {
    ("signalering", "vt"): "R",
    ("signalering", "zvh"): "A",
    ("signalering", "politie"): "C",
    ("signalering", "gemeente"): "I",
    ("analyse", "zvh"): "A",
    ("analyse", "vt"): "R",
    ("analyse", "zorg"): "C",
    ("analyse", "politie"): "C",
    ("analyse", "om"): "C",
    ("uitvoering", "zorg"): "R",
    ("uitvoering", "zvh"): "A",
    ("uitvoering", "gemeente"): "S",
    ("uitvoering", "politie"): "S",
    ("evaluatie", "zvh"): "R",
    ("evaluatie", "gemeente"): "A",
    ("evaluatie", "riec"): "S",
}

# organisation key: (basis type, state today); the woningcorporatie has none
LEGAL_BASES = {
    "vt": ("wettelijke_taak", "valid"),
    "zvh": ("convenant", "valid"),
    "gemeente": ("convenant", "valid"),
    "zorg": ("convenant", "valid"),
    "politie": ("wettelijke_taak", "valid"),
    "om": ("wettelijke_taak", "valid"),
    "arbeidsinspectie": ("convenant", "valid"),
    "riec": ("convenant", "valid"),
    "ggd": ("convenant", "valid"),
    "opvang": ("convenant", "valid"),
    "comensha": ("toestemming", "consent"),
    "ind": ("wettelijke_taak", "valid"),
    "jeugd": ("convenant", "expired"),
    "school": ("convenant", "valid"),
}


def load_demo(env, mode="init"):
    """The demo files of the manifest, in order, as an install with demo data
    loads them (the scenario runs from the last one), or as an update does."""
    for filename in get_manifest(MODULE)["demo"]:
        convert_file(env, MODULE, filename, {}, mode=mode, kind="demo")


@tagged("post_install", "-at_install", "keten_demo")
class TestDemoRegion(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        security_off(cls.env)  # as make demo does for its logins
        # Without demo data (make test) the loader runs here; with demo data
        # (Odoo's runner) the same loader made the region at install.
        if not cls.env.ref(P + "demo_org_vt", raise_if_not_found=False):
            load_demo(cls.env)

    def user(self, login):
        return self.env.ref(P + "demo_user_" + login)

    def org(self, key):
        return self.env.ref(P + "demo_org_" + key)

    def pilot(self, number):
        return self.env.ref(P + f"demo_dossier_{number}")

    def victims(self, dossier):
        return dossier.person_link_ids.filtered(
            lambda link: link.role == "slachtoffer"
        ).person_id

    def test_company_is_the_region(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "Regio " + REGION)
        self.assertEqual(
            (company.city, company.country_id.code, company.street),
            ("Apeldoorn", "NL", False),
        )
        self.assertEqual(company.email, "regio@demo.ketenaanpak.example")
        self.assertFalse(company.uses_default_logo)
        self.assertTrue(company.logo_web)
        self.assertEqual(company.partner_id.image_1920[:8], b"iVBORw0K")  # PNG

    def test_municipalities_of_the_region(self):
        gemeenten = self.env["keten.gemeente"].search([("region", "=", REGION)])
        self.assertEqual(len(gemeenten), 22)
        self.assertTrue(all(gemeenten.mapped("in_region")))
        self.assertEqual(len(set(gemeenten.mapped("cbs_code"))), 22)
        for code, name in (
            ("gm0200", "Apeldoorn"),
            ("gm0301", "Zutphen"),
            ("gm0197", "Aalten"),
            ("gm1509", "Oude IJsselstreek"),
        ):
            gemeente = self.env.ref(P + "demo_gemeente_" + code)
            self.assertEqual((gemeente.name, gemeente.cbs_code), (name, code.upper()))
            self.assertIn(gemeente, gemeenten)

    def test_organisations_with_their_role_and_expertise(self):
        Org = self.env["keten.organisation"]
        self.assertEqual(len(Org.search([])), len(ORGANISATIONS))
        for key, (code, kind, membership, flags, expertise) in ORGANISATIONS.items():
            with self.subTest(organisation=key):
                org = self.org(key)
                self.assertEqual(
                    (org.code, org.kind, org.membership), (code, kind, membership)
                )
                self.assertEqual({flag for flag in FLAGS if org[flag]}, flags)
                self.assertEqual(
                    set(org.verschijningsvorm_ids.mapped("code")), expertise
                )
                # the vaste vertegenwoordiger: the login of the same name
                contact = self.user(key) if key in LOGINS else self.env["res.users"]
                self.assertEqual(org.contact_user_id, contact)
        # lists show the ketenregieteam first, then the schil, then the rest
        self.assertEqual(
            Org.search([]).mapped("membership"),
            ["ketenregieteam"] * 6 + ["flexibele_schil"] * 7 + ["secundair"] * 2,
        )
        self.assertEqual(self.org("gemeente").gemeente_id.name, "Apeldoorn")

    def test_rasci_per_hoofdstap(self):
        found = {
            (rasci.hoofdstap_id.code, rasci.organisation_id): rasci.role
            for rasci in self.env["keten.rasci"].search([])
        }
        self.assertEqual(
            found, {(step, self.org(key)): role for (step, key), role in RASCI.items()}
        )

    def test_each_login_authenticates_with_its_login_as_password(self):
        Groups = self.env["res.groups"]
        module_groups = Groups.browse(
            self.env["ir.model.data"]
            .search([("module", "=", MODULE), ("model", "=", "res.groups")])
            .mapped("res_id")
        )
        lang = "nl_NL" if self.env["res.lang"]._lang_get("nl_NL") else "en_US"
        demo_users = self.env["ir.model.data"].search(
            [("module", "=", MODULE), ("model", "=", "res.users")]
        )
        self.assertEqual(
            set(demo_users.mapped("name")), {"demo_user_" + login for login in LOGINS}
        )
        # what the scenario finishes: these users, nobody else
        builder = DemoBuilder(self.env, 0)
        self.assertEqual(set(builder.users), set(LOGINS))
        self.assertEqual(set(builder.orgs), set(ORGANISATIONS))
        self.assertEqual(len(builder.gemeenten), 22)
        for login, (roles, org_keys) in LOGINS.items():
            with self.subTest(login=login):
                user = self.user(login)
                self.assertEqual(user.login, login)
                self.assertEqual((user.lang, user.tz), (lang, "Europe/Amsterdam"))
                user.with_user(user)._check_credentials(
                    {"login": login, "password": login, "type": "password"},
                    {"interactive": False},
                )
                with self.assertRaises(AccessDenied):
                    user.with_user(user)._check_credentials(
                        {"login": login, "password": "wrong", "type": "password"},
                        {"interactive": False},
                    )
                held = user.groups_id & module_groups
                implied = Groups.union(*(g.trans_implied_ids for g in held))
                self.assertEqual(
                    {g.get_external_id()[g.id].split(".")[1] for g in held - implied},
                    roles,
                )
                self.assertEqual(
                    user.keten_organisation_ids,
                    self.env["keten.organisation"].union(*map(self.org, org_keys)),
                )

    def test_pilot_dossiers_over_every_hoofdstap(self):
        for number, (
            stage,
            step,
            vormen,
            woongemeente,
            victims,
            track,
        ) in PILOTS.items():
            with self.subTest(pilot=number):
                dossier = self.pilot(number)
                self.assertEqual(dossier.stage_id, self.env.ref(P + stage))
                self.assertEqual(dossier.hoofdstap_code, step)
                self.assertEqual(
                    set(dossier.verschijningsvorm_ids.mapped("code")), vormen
                )
                self.assertEqual(len(self.victims(dossier)), victims)
                self.assertEqual(
                    set(self.victims(dossier).woongemeente_id.mapped("name")),
                    {woongemeente},
                )
                self.assertEqual(dossier.has_criminal_track, track)
                self.assertEqual(dossier.is_closed, number == 10)
        # every form of exploitation at least once, as in the pilot
        codes = set().union(*(vormen for _s, _h, vormen, *_r in PILOTS.values()))
        self.assertEqual(codes, {"seksueel", "arbeid", "crimineel", "orgaan"})
        # what the stages needed was done: a confirmed 1e weging from pilot 4
        # on, an adopted plan from pilot 7, a planned evaluation for pilot 10
        for number in range(4, 11):
            wegingen = self.pilot(number).weging_ids.filtered(
                lambda w: w.weging_type == "eerste"
            )
            self.assertEqual(wegingen.mapped("state"), ["vastgesteld"], number)
        for number in range(7, 11):
            plans = self.pilot(number).plan_ids
            self.assertEqual(plans.mapped("state"), ["vastgesteld"], number)
        self.assertEqual(self.pilot(6).plan_ids.mapped("state"), ["concept"])
        self.assertEqual(self.pilot(10).evaluatie_ids.mapped("state"), ["gepland"])
        # the held overleg discussed 5 and 6; 4 is on the agenda of the next
        past = self.env.ref(P + "demo_overleg_past")
        upcoming = self.env.ref(P + "demo_overleg_upcoming")
        self.assertEqual(past.state, "vastgesteld")
        self.assertEqual(past.item_ids.dossier_id, self.pilot(5) | self.pilot(6))
        self.assertEqual(upcoming.state, "gepland")
        self.assertEqual(upcoming.item_ids.dossier_id, self.pilot(4))
        # the secondary partners handed in a situatieschets, nobody named
        for key in ("school", "woningcorporatie"):
            schets = self.env.ref(P + "demo_melding_situatieschets_" + key)
            self.assertTrue(schets.is_situatieschets)
            self.assertEqual(schets.organisation_id, self.org(key))
            self.assertFalse(schets.person_ids)

    def test_historic_dossiers_closed_over_two_years(self):
        Dossier = self.env["keten.dossier"]
        pilots = Dossier.union(*map(self.pilot, PILOTS))
        historic = Dossier.search([]) - pilots
        self.assertEqual(len(historic), 50)
        self.assertIn(self.env.ref(P + "demo_dossier_historic_first"), historic)
        self.assertTrue(all(historic.mapped("is_closed")))
        closing = set(historic.stage_id.mapped("closing_type"))
        self.assertEqual(closing, {"afgeschaald", "afgesloten"})
        self.assertEqual(
            set(historic.verschijningsvorm_ids.mapped("code")),
            {"seksueel", "arbeid", "crimineel", "orgaan", "onbekend"},
        )
        # spread over the past, not all opened today
        months = {d.date_opened.strftime("%Y-%m") for d in historic}
        self.assertGreater(len(months), 12)
        today = historic[0].date_opened.today()
        self.assertTrue(all(d.date_closed < today for d in historic))
        self.assertTrue(all(d.date_closed >= d.date_opened for d in historic))
        self.assertTrue(
            all(d.date_opened > today - timedelta(days=730) for d in historic)
        )
        # their stage history happened before they were closed, too
        history = self.env["keten.dossier.stage.history"].search(
            [("dossier_id", "in", historic.ids)]
        )
        late = history.filtered(
            lambda h: h.date_start.date() > h.dossier_id.date_closed
        )
        self.assertFalse(late.dossier_id.mapped("name"))
        self.assertTrue(
            all(d.date_last_stage_update.date() == d.date_closed for d in historic)
        )

    def test_preventie_and_ketenevaluatie(self):
        activities = self.env["keten.preventie"].search([])
        self.assertEqual(
            {(a.name, a.state) for a in activities},
            {
                ("Voorlichting horeca Apeldoorn", "uitgevoerd"),
                ("Gastles loverboys Graafschap Beroepscollege", "gepland"),
                ("Training signaleren voor wijkteams", "uitgevoerd"),
            },
        )
        evaluatie = self.env.ref(P + "demo_evaluatie_keten")
        self.assertEqual(evaluatie.level, "keten")
        self.assertEqual(evaluatie.procesbegeleider_organisation_id, self.org("riec"))
        self.assertEqual(len(evaluatie.lesson_ids), 2)

    def test_termijnen_fill_the_signaleringslijst(self):
        waiting = self.env.ref(P + "demo_melding_waiting")
        self.assertFalse(waiting.dossier_id)
        listed = self.env["keten.signalering"].search([])
        self.assertIn(waiting, listed.melding_id)
        self.assertIn(self.pilot(8), listed.dossier_id)

    def test_intake_demo_reports_the_pilot_victim_again(self):
        """The scenario ends with a web report, with a typo in the surname,
        about the first open victim (the student of pilot dossier 1); the
        melding tells the meldpunt the person is possibly known."""
        victim = self.victims(self.pilot(1))
        self.assertEqual(victim.gender, "vrouw")
        melding = self.env["keten.melding"].search([("melder_name", "=", "J. Mentor")])
        self.assertEqual(len(melding), 1)
        self.assertEqual(melding.channel, "formulier")
        self.assertEqual(melding.person_ids.first_name, victim.first_name)
        self.assertEqual(melding.person_ids.birth_date, victim.birth_date)
        self.assertNotEqual(melding.person_ids.last_name, victim.last_name)
        self.assertEqual(sorted(melding.person_ids.last_name), sorted(victim.last_name))
        self.assertEqual(
            self.env["ir.config_parameter"].get_param(P + "intake_form_enabled"), "True"
        )
        meldpunt = melding.with_user(self.user("meldpunt"))
        self.assertEqual(meldpunt.duplicate_review_count, 1)
        self.assertIn(self.pilot(1).name, meldpunt.duplicate_review_alert)

    def test_update_makes_no_demo_record_again(self):
        """An update loads the demo files again: it creates no record, also
        where the XML id is missing, as in databases whose demo the earlier
        loader made, or where somebody deleted a demo record."""
        models = [
            "res.users",
            "keten.gemeente",
            "keten.organisation",
            "keten.rasci",
            "keten.legal.basis",
            "keten.preventie",
            "keten.evaluatie",
            "keten.lesson",
            "keten.dossier",
            "keten.melding",
        ]
        counts = {model: self.env[model].search_count([]) for model in models}
        self.env["ir.model.data"].search(
            [("module", "=", MODULE), ("name", "=like", "demo_%")]
        ).unlink()
        load_demo(self.env, mode="update")
        self.assertEqual(
            {model: self.env[model].search_count([]) for model in models}, counts
        )

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
        self.assertEqual(
            meldingen, self.env.ref(P + "demo_melding_situatieschets_school")
        )
        # a partner sees only the dossiers its organisation is involved in
        ggd = self.user("ggd")
        seen = Dossier.with_user(ggd).search([])
        self.assertTrue(seen)
        self.assertLess(len(seen), len(everything))
        org = self.org("ggd")
        self.assertTrue(all(org in d.sudo().involved_organisation_ids for d in seen))
        self.assertIn(self.pilot(6), seen)  # the GGD reported it
        # the criminal track of pilot 7: politie reads it, the zorgcoördinator not
        dossier_7 = self.pilot(7)
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
        for key, (basis_type, state) in LEGAL_BASES.items():
            with self.subTest(organisation=key):
                org = self.org(key)
                self.assertEqual(org.legal_basis_ids.mapped("basis_type"), [basis_type])
                self.assertEqual(org.legal_basis_state, state)
        self.assertEqual(self.org("woningcorporatie").legal_basis_state, "missing")
        self.assertTrue(
            self.env["keten.basis.override"].search(
                [
                    ("organisation_id", "=", self.org("jeugd").id),
                    ("dossier_id", "=", self.pilot(2).id),
                ]
            )
        )
        consent = self.env.ref(P + "demo_consent_comensha")
        self.assertEqual(consent.state, "active")
        self.assertEqual(consent.person_id, self.victims(self.pilot(7)))
        self.assertFalse(self.org("comensha")._basis_problems(self.pilot(7)))
        rectification = self.env["keten.rectification"].search([])
        self.assertEqual(rectification.mapped("field_name"), ["known_as"])
        # the privacy login prints the inzage and the register
        privacy = self.user("privacy")
        request = self.env.ref(P + "demo_avg_request_inzage").with_user(privacy)
        self.assertEqual(request.sudo().person_id, self.victims(self.pilot(9)))
        self.assertTrue(request.identity_verified)
        request.action_print_inzage()
        Report = self.env["ir.actions.report"].with_user(privacy)
        html, _kind = Report._render_qweb_html(
            P + "keten_avg_request_report_inzage", request.ids
        )
        self.assertIn(request.sudo().person_id.last_name, html.decode())
        self.assertIn(self.pilot(9).name, html.decode())
        wizard = self.env["keten.processing.register.wizard"].with_user(privacy)
        wizard = wizard.create({})
        html, _kind = Report._render_qweb_html(
            P + "keten_processing_register_report", wizard.ids
        )
        for organisation in Org.search([]):
            self.assertIn(organisation.name, html.decode())

    def test_documents_registration_and_the_other_rights(self):
        """Issue 21 in the demo: a document of each kind, seen by whom its kind
        allows; the CoMensha registrations; a portability and an objection."""
        Document = self.env["keten.document"]
        kinds = {
            xmlid: self.env.ref(P + "demo_document_" + xmlid)
            for xmlid in ("pv", "medisch", "b8", "toestemming", "verslag", "overig")
        }
        self.assertEqual(
            sorted(d.document_type for d in kinds.values()),
            sorted(key for key, _label in Document._fields["document_type"].selection),
        )
        for document in kinds.values():
            self.assertTrue(document.datas)
            self.assertIn(document.mimetype, ("application/pdf", "image/png"))
        seen = {
            login: set(Document.with_user(self.user(login)).search([]).ids)
            for login in ("politie", "zorg", "ketenregie", "ind")
        }
        self.assertIn(kinds["pv"].id, seen["politie"])
        self.assertNotIn(kinds["pv"].id, seen["ketenregie"])
        self.assertNotIn(kinds["pv"].id, seen["zorg"])
        self.assertIn(kinds["medisch"].id, seen["zorg"])
        self.assertIn(kinds["medisch"].id, seen["ketenregie"])
        self.assertNotIn(kinds["medisch"].id, seen["politie"])
        self.assertNotIn(kinds["medisch"].id, seen["ind"])
        self.assertIn(kinds["b8"].id, seen["ind"])
        # the CoMensha registrations: one reported, one to report
        reported = self.env.ref(P + "demo_comensha_registration_7")
        waiting = self.env.ref(P + "demo_comensha_registration_8")
        self.assertEqual((reported.state, waiting.state), ("gemeld", "te_melden"))
        self.assertEqual(waiting.person_id, self.victims(self.pilot(8)))
        self.assertTrue(waiting.name_allowed)
        self.assertEqual(
            self.env["keten.deadline"]
            .search([("res_model", "=", reported._name), ("res_id", "=", reported.id)])
            .state,
            "done",
        )
        # the portability request waits for its release by a second officer
        portability = self.env.ref(P + "demo_avg_request_portability")
        self.assertEqual(portability.state, "submitted")
        self.assertEqual(portability.requested_by_id, self.user("privacy"))
        portability.with_user(self.user("beheerder")).action_approve()
        self.assertTrue(portability.portability_file)
        # the upheld objection keeps the woningcorporatie out of pilot 9
        objection = self.env.ref(P + "demo_avg_request_objection")
        self.assertEqual(objection.state, "done")
        self.assertEqual(objection.objection_decision, "upheld")
        with self.assertRaises(UserError):
            self.pilot(9).with_user(self.user("ketenregie")).with_context(
                keten_basis_override_reason="Toch delen"
            )._involve_organisation(self.org("woningcorporatie"), "Huisvesting")
