"""Shared test base: organisations, one user per role and organisation, and a
small grid of dossiers with different involvement."""

import json

from odoo import http
from odoo.modules import get_module_path
from odoo.tests import TransactionCase, new_test_user
from odoo.tests.common import JsonRpcException
from odoo.tools.translate import TranslationImporter

from ..models.res_users import PARAM_MFA_REQUIRED, PARAM_PASSWORD_MIN_LENGTH

P = "ketenaanpak_mensenhandel."
DUTCH = "nl_NL"


def security_off(env):
    """The test environment of docs/security.md: keten users log in with a
    password (HttpCase.authenticate, tours with login=...) and the test users'
    passwords are their short logins. Rolled back with the test class; the
    security tests (test_security_*.py) switch it on again, and
    test_security_defaults.py proves that a real install has it on."""
    ICP = env["ir.config_parameter"].sudo()
    ICP.set_param(PARAM_MFA_REQUIRED, "False")
    ICP.set_param(PARAM_PASSWORD_MIN_LENGTH, "8")  # Odoo's own minimum


def load_dutch(env):
    """Activate Dutch and load the module's nl.po, overwriting what is there."""
    if not env["res.lang"]._lang_get(DUTCH):
        env["res.lang"]._activate_lang(DUTCH)
    importer = TranslationImporter(env.cr, verbose=False)
    path = f"{get_module_path(P.rstrip('.'))}/i18n/nl.po"
    importer.load_file(path, DUTCH)
    importer.save(overwrite=True, force_overwrite=True)


class KetenCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        security_off(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        ref = cls.env.ref
        cls.vorm_seksueel = ref(P + "vorm_seksueel")
        cls.vorm_arbeid = ref(P + "vorm_arbeid")
        cls.vorm_crimineel = ref(P + "vorm_crimineel")
        cls.vorm_orgaan = ref(P + "vorm_orgaan")
        cls.vorm_onbekend = ref(P + "vorm_onbekend")
        cls.stage_ontvangen = ref(P + "stage_melding_ontvangen")
        cls.stage_verrijken = ref(P + "stage_dossier_verrijken")
        cls.stage_eerste_weging = ref(P + "stage_eerste_weging")
        cls.stage_afgeschaald = ref(P + "stage_afgeschaald")
        cls.stage_casusoverleg = ref(P + "stage_casusoverleg")
        cls.stage_tweede_weging = ref(P + "stage_tweede_weging")
        cls.stage_plan = ref(P + "stage_plan_van_aanpak")
        cls.stage_uitvoering = ref(P + "stage_uitvoering")
        cls.stage_monitoring = ref(P + "stage_monitoring")
        cls.stage_nazorg = ref(P + "stage_nazorg")
        cls.stage_afgesloten = ref(P + "stage_afgesloten")
        cls.stage_geevalueerd = ref(P + "stage_geevalueerd")

        Gemeente = cls.env["keten.gemeente"]
        cls.gemeente_a = Gemeente.create({"name": "Testdorp", "cbs_code": "GM9901"})
        cls.gemeente_b = Gemeente.create({"name": "Teststad", "cbs_code": "GM9902"})

        Org = cls.env["keten.organisation"]
        cls.org_vt = Org.create(
            {
                "name": "Test Veilig Thuis",
                "code": "VT",
                "kind": "zorg",
                "membership": "ketenregieteam",
                "is_meldpunt": True,
            }
        )
        cls.org_zvh = Org.create(
            {
                "name": "Test ZVH",
                "code": "ZVH",
                "kind": "veiligheid",
                "membership": "ketenregieteam",
                "is_procesregie": True,
            }
        )
        cls.org_politie = Org.create(
            {
                "name": "Test Politie",
                "code": "POL",
                "kind": "justitie",
                "membership": "ketenregieteam",
                "is_justice": True,
            }
        )
        cls.org_moviera = Org.create(
            {
                "name": "Test Moviera",
                "code": "MOV",
                "kind": "zorg",
                "membership": "ketenregieteam",
            }
        )
        cls.org_gemeente = Org.create(
            {
                "name": "Test Gemeente Testdorp",
                "code": "GEM",
                "kind": "gemeente",
                "membership": "ketenregieteam",
                "gemeente_id": cls.gemeente_a.id,
            }
        )
        cls.org_ggd = Org.create(
            {
                "name": "Test GGD",
                "code": "GGD",
                "kind": "zorg",
                "membership": "flexibele_schil",
                "verschijningsvorm_ids": [(6, 0, cls.vorm_seksueel.ids)],
            }
        )
        cls.org_riec = Org.create(
            {
                "name": "Test RIEC",
                "code": "RIEC",
                "kind": "veiligheid",
                "membership": "flexibele_schil",
                "is_procesbegeleider": True,
            }
        )
        cls.org_school = Org.create(
            {
                "name": "Test School",
                "code": "SCH",
                "kind": "overig",
                "membership": "secundair",
            }
        )

        # Every partner of the test region shares on the convenant.
        cls.give_legal_basis(
            cls.org_vt
            | cls.org_zvh
            | cls.org_politie
            | cls.org_moviera
            | cls.org_gemeente
            | cls.org_ggd
            | cls.org_riec
            | cls.org_school
        )

        def user(login, groups, orgs):
            return new_test_user(
                cls.env,
                login=login,
                groups=",".join(["base.group_user"] + [P + g for g in groups]),
                keten_organisation_ids=[(6, 0, [o.id for o in orgs])],
            )

        cls.user_melder = user("kt_melder", ["group_melder"], [cls.org_school])
        cls.user_melder_gemeente = user(
            "kt_melder_gem", ["group_melder"], [cls.org_gemeente]
        )
        cls.user_partner_ggd = user(
            "kt_partner_ggd", ["group_ketenpartner"], [cls.org_ggd]
        )
        cls.user_partner_gemeente = user(
            "kt_partner_gem", ["group_ketenpartner"], [cls.org_gemeente]
        )
        cls.user_partner_moviera = user(
            "kt_partner_mov", ["group_ketenpartner"], [cls.org_moviera]
        )
        cls.user_regie = user("kt_regie", ["group_ketenregie"], [cls.org_zvh])
        cls.user_meldpunt = user("kt_meldpunt", ["group_ketenregie"], [cls.org_vt])
        cls.user_justitie = user(
            "kt_justitie", ["group_ketenpartner", "group_justitie"], [cls.org_politie]
        )
        cls.user_rapportage = user("kt_rapportage", ["group_rapportage"], [])
        cls.user_privacy = user("kt_privacy", ["group_privacy"], [])
        cls.user_beheerder = user("kt_beheerder", ["group_beheerder"], [cls.org_zvh])
        cls.user_internal = new_test_user(
            cls.env, login="kt_finance", groups="base.group_user"
        )

        Person = cls.env["keten.person"]
        cls.person_victim = Person.create(
            {
                "first_name": "Sanne",
                "last_name": "de Vries",
                "birth_date": "2007-03-14",
                "gender": "vrouw",
                "bsn": "111222333",
                "woongemeente_id": cls.gemeente_a.id,
                "nationality_id": cls.env.ref("base.nl").id,
            }
        )
        cls.person_suspect = Person.create(
            {
                "first_name": "Kees",
                "last_name": "Bakker",
                "birth_date": "1990-06-01",
                "gender": "man",
            }
        )
        cls.person_other = Person.create(
            {
                "first_name": "Olga",
                "last_name": "Petrova",
                "birth_date": "1995-11-20",
                "gender": "vrouw",
                "nationality_id": cls.env.ref("base.ro").id,
            }
        )

        # Dossier A: registered by the gemeente, meldpunt VT, regie ZVH.
        cls.dossier_a = cls.create_dossier_with_melding(
            cls.person_victim,
            cls.org_gemeente,
            suspects=cls.person_suspect,
            vormen=cls.vorm_seksueel,
        )
        cls.dossier_a.write({"regie_organisation_id": cls.org_zvh.id})
        # Dossier B: registered by Moviera only (meldpunt VT); the gemeente is not involved.
        cls.dossier_b = cls.create_dossier_with_melding(
            cls.person_other, cls.org_moviera, vormen=cls.vorm_arbeid
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @classmethod
    def give_legal_basis(cls, organisations, **kw):
        vals = {
            "name": "Convenant ketenaanpak mensenhandel (test)",
            "basis_type": "convenant",
            "date_from": "2020-01-01",
        }
        vals.update(kw)
        return cls.env["keten.legal.basis"].create(
            [dict(vals, organisation_id=org.id) for org in organisations]
        )

    @classmethod
    def create_melding(
        cls, person=None, organisation=None, suspects=None, vormen=None, **kw
    ):
        vals = {
            "content": "Signalen van uitbuiting gezien.",
            "melder_name": "Melder Test",
            "organisation_id": (organisation or cls.org_vt).id,
            "person_ids": [(6, 0, person.ids)] if person else [],
            "suspect_ids": [(6, 0, suspects.ids)] if suspects else [],
            "verschijningsvorm_ids": [(6, 0, vormen.ids)] if vormen else [],
        }
        vals.update(kw)
        return cls.env["keten.melding"].create(vals)

    @classmethod
    def create_dossier_with_melding(cls, person, organisation=None, **kw):
        melding = cls.create_melding(person, organisation, **kw)
        melding.action_create_dossier()
        return melding.dossier_id

    @classmethod
    def first_weging(cls, dossier, kwalificatie="wel", confirm=True, **kw):
        vals = {
            "dossier_id": dossier.id,
            "weging_type": "eerste",
            "actueel": "ja",
            "acuut_volgens_melder": "nee",
            "veiligheid": "veilig",
            "kwalificatie": kwalificatie,
        }
        if kwalificatie == "geen":
            vals["afschaling_type"] = "afschalen"
        vals.update(kw)
        weging = cls.env["keten.weging"].create(vals)
        if confirm:
            weging.action_confirm()
        return weging

    @classmethod
    def second_weging(cls, dossier, confirm=True, **kw):
        vals = {
            "dossier_id": dossier.id,
            "weging_type": "tweede",
            "kwalificatie": "wel",
            "zorg": "wel",
            "traject_zorg_strafrecht": True,
        }
        vals.update(kw)
        weging = cls.env["keten.weging"].create(vals)
        if confirm:
            weging.action_confirm()
        return weging

    @classmethod
    def adopted_plan(cls, dossier, organisation=None):
        plan = cls.env["keten.plan"].create(
            {
                "dossier_id": dossier.id,
                "goal": "Slachtoffer veilig en uit de situatie.",
                "action_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Opvang regelen",
                            "organisation_id": (organisation or cls.org_moviera).id,
                        },
                    )
                ],
            }
        )
        plan.action_adopt()
        return plan

    @classmethod
    def bring_to_uitvoering(cls, dossier):
        cls.first_weging(dossier)
        cls.second_weging(dossier)
        cls.adopted_plan(dossier)
        dossier.stage_id = cls.stage_uitvoering
        return dossier


class KetenAccessCase(KetenCase):
    """KetenCase plus the full grid the need-to-know matrix needs.

    Involvement after setup (registering, meldpunt, regie, casusoverleg item,
    actions and interventions):

    * dossier A: Gemeente, Veilig Thuis, ZVH, GGD (invited for A), Politie
      (strafrechtelijke interventie); strafrecht track led by Politie.
    * dossier B: Moviera, Veilig Thuis, ZVH, Arbeidsinspectie (strafrechtelijke
      interventie); strafrecht track led by the Arbeidsinspectie.
    * RIEC is the procesbegeleider of the casus evaluatie of A, not involved.
    * School registers a melding without dossier about a person only it knows.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_access_grid()

    @classmethod
    def setup_access_grid(cls):
        env = cls.env
        Org = env["keten.organisation"]
        cls.org_ai = Org.create(
            {
                "name": "Test Arbeidsinspectie",
                "code": "NLA",
                "kind": "justitie",
                "membership": "flexibele_schil",
                "is_justice": True,
            }
        )
        cls.give_legal_basis(cls.org_ai)
        cls.user_justitie_ai = new_test_user(
            env,
            login="kt_justitie_ai",
            groups=f"base.group_user,{P}group_ketenpartner,{P}group_justitie",
            keten_organisation_ids=[(6, 0, cls.org_ai.ids)],
        )
        cls.user_partner_riec = new_test_user(
            env,
            login="kt_partner_riec",
            groups=f"base.group_user,{P}group_ketenpartner",
            keten_organisation_ids=[(6, 0, cls.org_riec.ids)],
        )
        # Everyone may export in principle; need-to-know must still hold.
        export_group = env.ref("base.group_allow_export")
        export_group.users = [(4, user.id) for user in cls.access_users().values()]

        # A person linked to dossier A only (no melding about them).
        cls.person_network = env["keten.person"].create(
            {"first_name": "Bram", "last_name": "Netwerk", "gender": "man"}
        )
        env["keten.dossier.person"].create(
            {
                "dossier_id": cls.dossier_a.id,
                "person_id": cls.person_network.id,
                "role": "netwerk",
            }
        )
        # A melding of the school about a person only the school knows.
        melder = cls.user_melder
        cls.person_school = (
            env["keten.person"]
            .with_user(melder)
            .create({"first_name": "Piet", "last_name": "Schoolmeldt"})
        )
        cls.melding_school = (
            env["keten.melding"]
            .with_user(melder)
            .create(
                {
                    "content": "Leerling vertelt over werk 's nachts.",
                    "melder_name": "Mentor",
                    "organisation_id": cls.org_school.id,
                    "person_ids": [(6, 0, cls.person_school.ids)],
                }
            )
            .with_user(env.user)
        )
        cls.person_school = cls.person_school.with_user(env.user)
        cls.melding_a = cls.dossier_a.melding_ids
        cls.melding_b = cls.dossier_b.melding_ids

        # Wegingen: A confirmed (moves to Analyse), B still a concept.
        cls.weging_a = cls.first_weging(
            cls.dossier_a,
            bewijsmiddel_ids=[(0, 0, {"kind": "digitaal", "description": "Chats"})],
        )
        cls.weging_b = cls.first_weging(
            cls.dossier_b,
            confirm=False,
            bewijsmiddel_ids=[(0, 0, {"kind": "observatie", "description": "Foto"})],
        )

        # Casusoverleg O: both dossiers on the agenda, only ZVH invited to the
        # whole overleg; GGD is invited for A (seksuele uitbuiting).
        Overleg = env["keten.casusoverleg"]
        cls.overleg = Overleg.create(
            {
                "date_start": "2026-01-15 10:00:00",
                "invited_organisation_ids": [(6, 0, cls.org_zvh.ids)],
                "procesregie_organisation_id": cls.org_zvh.id,
                "item_ids": [
                    (0, 0, {"dossier_id": cls.dossier_a.id}),
                    (0, 0, {"dossier_id": cls.dossier_b.id}),
                ],
                "attendee_ids": [(0, 0, {"organisation_id": cls.org_zvh.id})],
            }
        )
        # Casusoverleg O2: no agenda yet; Moviera invited.
        cls.overleg_2 = Overleg.create(
            {
                "date_start": "2026-02-12 10:00:00",
                "invited_organisation_ids": [(6, 0, cls.org_moviera.ids)],
                "procesregie_organisation_id": cls.org_zvh.id,
                "attendee_ids": [(0, 0, {"organisation_id": cls.org_moviera.id})],
            }
        )
        cls.item_a = cls.overleg.item_ids.filtered(
            lambda i: i.dossier_id == cls.dossier_a
        )
        cls.item_b = cls.overleg.item_ids - cls.item_a

        # Plannen: A adopted with actions for the gemeente and the GGD; B a concept.
        Plan = env["keten.plan"]
        cls.plan_a = Plan.create(
            {
                "dossier_id": cls.dossier_a.id,
                "goal": "Veilig en uit de situatie.",
                "action_ids": [
                    (
                        0,
                        0,
                        {"name": "Huisvesting", "organisation_id": cls.org_gemeente.id},
                    ),
                    (
                        0,
                        0,
                        {"name": "Medische zorg", "organisation_id": cls.org_ggd.id},
                    ),
                ],
            }
        )
        cls.plan_a.action_adopt()
        cls.action_gemeente = cls.plan_a.action_ids.filtered(
            lambda a: a.organisation_id == cls.org_gemeente
        )
        cls.action_ggd = cls.plan_a.action_ids - cls.action_gemeente
        cls.plan_b = Plan.create(
            {
                "dossier_id": cls.dossier_b.id,
                "goal": "Opvang.",
                "action_ids": [
                    (0, 0, {"name": "Opvang", "organisation_id": cls.org_moviera.id})
                ],
            }
        )
        cls.action_moviera = cls.plan_b.action_ids

        # Interventies: one care and one strafrechtelijk per dossier.
        Interventie = env["keten.interventie"]

        def interventie(dossier, kind, organisation, name):
            return Interventie.create(
                {
                    "dossier_id": dossier.id,
                    "name": name,
                    "intervention_type": kind,
                    "organisation_id": organisation.id,
                }
            )

        cls.interventie_a = interventie(
            cls.dossier_a, "zorg", cls.org_gemeente, "Begeleiding"
        )
        cls.interventie_a_justice = interventie(
            cls.dossier_a, "strafrechtelijk", cls.org_politie, "Aanhouding verdachte"
        )
        cls.interventie_b = interventie(
            cls.dossier_b, "opvang", cls.org_moviera, "Opvang"
        )
        cls.interventie_b_justice = interventie(
            cls.dossier_b, "strafrechtelijk", cls.org_ai, "Inval werkplaats"
        )

        # Strafrechtelijke trajecten: Justitie only.
        Strafrecht = env["keten.strafrecht"]
        cls.strafrecht_a = Strafrecht.create(
            {
                "dossier_id": cls.dossier_a.id,
                "organisation_id": cls.org_politie.id,
                "state": "onderzoek",
                "proces_verbaal": "PV aangifte 2026-001",
                "verdenking": "Art. 273f Sr, seksuele uitbuiting",
                "opsporingsstrategie": "Telefoontap verdachte",
                "dwangmiddelen": "Doorzoeking woning",
                "care_contact_organisation_id": cls.org_zvh.id,
            }
        )
        cls.strafrecht_b = Strafrecht.create(
            {
                "dossier_id": cls.dossier_b.id,
                "organisation_id": cls.org_ai.id,
                "state": "onderzoek",
                "verdenking": "Arbeidsuitbuiting",
                "care_contact_organisation_id": cls.org_moviera.id,
            }
        )

        # Evaluaties: casus A (procesbegeleider RIEC), casus B and one on chain level.
        Evaluatie = env["keten.evaluatie"]
        cls.evaluatie_a = Evaluatie.create(
            {
                "name": "Casusevaluatie A",
                "dossier_id": cls.dossier_a.id,
                "date_planned": "2026-12-01",
                "procesbegeleider_organisation_id": cls.org_riec.id,
                "lesson_ids": [(0, 0, {"description": "GGD eerder betrekken."})],
            }
        )
        cls.evaluatie_b = Evaluatie.create(
            {
                "name": "Casusevaluatie B",
                "dossier_id": cls.dossier_b.id,
                "date_planned": "2026-12-02",
                "lesson_ids": [(0, 0, {"description": "Sneller opvang."})],
            }
        )
        cls.evaluatie_keten = Evaluatie.create(
            {
                "name": "Ketenevaluatie 2026",
                "level": "keten",
                "date_planned": "2026-12-15",
                "lesson_ids": [(0, 0, {"description": "Meldpunt beter bekend maken."})],
            }
        )

        cls.preventie = env["keten.preventie"].create(
            {
                "name": "Voorlichting horeca",
                "organisation_ids": [(6, 0, cls.org_gemeente.ids)],
            }
        )
        cls.rasci = env["keten.rasci"].create(
            {
                "organisation_id": cls.org_vt.id,
                "hoofdstap_id": env.ref(P + "hoofdstap_signalering").id,
                "role": "R",
            }
        )
        # Who-viewed rows: the regievoerder read dossier A and its victim.
        Log = env["keten.access.log"]
        Log._log_records(cls.dossier_a.with_user(cls.user_regie), "read", "form")
        Log._log_records(cls.person_victim.with_user(cls.user_regie), "read", "form")
        cls.log_dossier = Log.search([("dossier_res_id", "=", cls.dossier_a.id)])
        cls.log_person = Log.search([("person_res_id", "=", cls.person_victim.id)])

    @classmethod
    def access_users(cls):
        """Every test user of the matrix by its short key."""
        return {
            "melder_school": cls.user_melder,
            "melder_gemeente": cls.user_melder_gemeente,
            "partner_ggd": cls.user_partner_ggd,
            "partner_gemeente": cls.user_partner_gemeente,
            "partner_moviera": cls.user_partner_moviera,
            "partner_riec": cls.user_partner_riec,
            "regie_zvh": cls.user_regie,
            "regie_meldpunt": cls.user_meldpunt,
            "justitie_politie": cls.user_justitie,
            "justitie_ai": cls.user_justitie_ai,
            "rapportage": cls.user_rapportage,
            "privacy": cls.user_privacy,
            "beheerder": cls.user_beheerder,
            "finance": cls.user_internal,
        }


class KetenRpcMixin:
    """JSON-RPC helpers for HttpCase tests as real logged-in users."""

    DENIED = "odoo.exceptions.AccessError"

    def call(self, model, method, *args, **kwargs):
        """call_kw as the web client does it; returns the result."""
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assertDenied(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException) as caught:
            self.call(model, method, *args, **kwargs)
        self.assertEqual(str(caught.exception), self.DENIED, f"{model}.{method}")

    def export_csv(self, model, ids, fields):
        """/web/export/csv as the list's Export does it; raises on an error."""
        response = self.url_open(
            "/web/export/csv",
            data={
                "data": json.dumps(
                    {
                        "model": model,
                        "fields": [{"name": name, "label": name} for name in fields],
                        "ids": ids,
                        "domain": [],
                        "import_compat": False,
                    }
                ),
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        response.raise_for_status()
        return response

    def form_spec(self, model):
        """The web_read specification the web client builds for the form view."""
        views = self.call(model, "get_views", [[False, "form"]], options={})
        spec = {}
        for name, field in views["models"][model]["fields"].items():
            if field["type"] in ("many2one", "one2many", "many2many"):
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    def login(self, key):
        """Log in as the access user ``key`` (password = login)."""
        user = self.access_users()[key]
        self.authenticate(user.login, user.login)
        return user
