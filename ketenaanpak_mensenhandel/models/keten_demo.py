"""Demo region Noord- en Oost-Gelderland (loaded with demo data only).

Everything here is invented: the organisations are the kinds of partners the
region works with, the people and cases do not exist. Records are created
through the ORM, so every stage guard and validation holds; dates are relative
to the day the demo is loaded and then moved into the past where a case is
older (historic dossiers spread over the last two years).
"""

import logging
import random
from datetime import datetime, time, timedelta

from passlib.context import CryptContext

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

P = "ketenaanpak_mensenhandel"

# The 22 municipalities of Noord- en Oost-Gelderland with their CBS codes.
GEMEENTEN = [
    ("Aalten", "GM0197"),
    ("Apeldoorn", "GM0200"),
    ("Berkelland", "GM1859"),
    ("Bronckhorst", "GM1876"),
    ("Brummen", "GM0213"),
    ("Doetinchem", "GM0222"),
    ("Elburg", "GM0230"),
    ("Epe", "GM0232"),
    ("Ermelo", "GM0233"),
    ("Harderwijk", "GM0243"),
    ("Hattem", "GM0244"),
    ("Heerde", "GM0246"),
    ("Lochem", "GM0262"),
    ("Montferland", "GM1955"),
    ("Nunspeet", "GM0302"),
    ("Oldebroek", "GM0269"),
    ("Oost Gelre", "GM1586"),
    ("Oude IJsselstreek", "GM1509"),
    ("Putten", "GM0273"),
    ("Voorst", "GM0285"),
    ("Winterswijk", "GM0294"),
    ("Zutphen", "GM0301"),
]

# key, name, code, kind, membership, flags, gemeente, forms of exploitation
ORGANISATIONS = [
    (
        "vt",
        "Veilig Thuis Noord- en Oost-Gelderland",
        "VT",
        "zorg",
        "ketenregieteam",
        {"is_meldpunt": True},
        None,
        [],
    ),
    (
        "zvh",
        "Zorg- en Veiligheidshuis Noord- en Oost-Gelderland",
        "ZVH",
        "veiligheid",
        "ketenregieteam",
        {"is_procesregie": True},
        "Apeldoorn",
        [],
    ),
    (
        "gemeente",
        "Gemeente Apeldoorn (centrumgemeente)",
        "GEM",
        "gemeente",
        "ketenregieteam",
        {},
        "Apeldoorn",
        [],
    ),
    (
        "zorg",
        "Zorgcoördinatie Mensenhandel Oost",
        "ZCM",
        "zorg",
        "ketenregieteam",
        {},
        "Zutphen",
        [],
    ),
    (
        "politie",
        "Politie Oost-Nederland, AVIM",
        "POL",
        "justitie",
        "ketenregieteam",
        {"is_justice": True},
        "Apeldoorn",
        [],
    ),
    (
        "om",
        "Openbaar Ministerie Oost-Nederland",
        "OM",
        "justitie",
        "ketenregieteam",
        {"is_justice": True},
        "Zutphen",
        [],
    ),
    (
        "arbeidsinspectie",
        "Nederlandse Arbeidsinspectie",
        "NLA",
        "justitie",
        "flexibele_schil",
        {"is_justice": True},
        None,
        ["vorm_arbeid"],
    ),
    (
        "riec",
        "RIEC Oost-Nederland",
        "RIEC",
        "veiligheid",
        "flexibele_schil",
        {"is_procesbegeleider": True},
        None,
        ["vorm_crimineel"],
    ),
    (
        "ggd",
        "GGD Noord- en Oost-Gelderland",
        "GGD",
        "zorg",
        "flexibele_schil",
        {},
        "Apeldoorn",
        ["vorm_seksueel"],
    ),
    (
        "opvang",
        "Opvang De Wissel (Leger des Heils)",
        "LDH",
        "zorg",
        "flexibele_schil",
        {},
        "Apeldoorn",
        ["vorm_seksueel", "vorm_arbeid"],
    ),
    ("comensha", "CoMensha", "CMS", "zorg", "flexibele_schil", {}, None, []),
    (
        "ind",
        "Immigratie- en Naturalisatiedienst (IND)",
        "IND",
        "overig",
        "flexibele_schil",
        {},
        None,
        [],
    ),
    (
        "jeugd",
        "Jeugdzorg Gelderland Oost",
        "JZ",
        "zorg",
        "flexibele_schil",
        {},
        "Doetinchem",
        ["vorm_crimineel"],
    ),
    (
        "school",
        "Graafschap Beroepscollege (demo)",
        "GBC",
        "overig",
        "secundair",
        {},
        "Doetinchem",
        [],
    ),
    (
        "woningcorporatie",
        "Woonstichting De IJsselvallei (demo)",
        "WIJ",
        "overig",
        "secundair",
        {},
        "Zutphen",
        [],
    ),
]

# login, name, groups, organisation keys
USERS = [
    ("meldpunt", "Marieke Jansen (meldpunt)", ["group_ketenregie"], ["vt"]),
    ("ketenregie", "Ruud Hendriks (procesregie)", ["group_ketenregie"], ["zvh"]),
    ("beheerder", "Anouk Verbeek (beheerder)", ["group_beheerder"], ["zvh"]),
    ("privacy", "Johan Smit (privacy officer)", ["group_privacy"], ["zvh"]),
    ("gemeente", "Fatima El Amrani (gemeente)", ["group_ketenpartner"], ["gemeente"]),
    ("zorg", "Ellen Kuipers (zorgcoördinator)", ["group_ketenpartner"], ["zorg"]),
    (
        "politie",
        "Rob de Groot (AVIM)",
        ["group_ketenpartner", "group_justitie"],
        ["politie"],
    ),
    ("om", "mr. Sara Bos (officier)", ["group_ketenpartner", "group_justitie"], ["om"]),
    (
        "arbeidsinspectie",
        "Tom Mulder (inspecteur)",
        ["group_ketenpartner", "group_justitie"],
        ["arbeidsinspectie"],
    ),
    ("riec", "Lotte van Dijk (RIEC)", ["group_ketenpartner"], ["riec"]),
    ("ggd", "Noor Visser (GGD)", ["group_ketenpartner"], ["ggd"]),
    ("opvang", "Kees Meijer (opvang)", ["group_ketenpartner"], ["opvang"]),
    ("comensha", "Iris de Wit (CoMensha)", ["group_ketenpartner"], ["comensha"]),
    ("ind", "Yusuf Demir (IND, B8-loket)", ["group_ketenpartner"], ["ind"]),
    ("jeugd", "Bas Dekker (jeugdzorg)", ["group_ketenpartner"], ["jeugd"]),
    ("school", "Wendy Brouwer (mentor)", ["group_melder"], ["school"]),
    (
        "woningcorporatie",
        "Henk Peters (wijkbeheer)",
        ["group_melder"],
        ["woningcorporatie"],
    ),
    ("rapportage", "Regionale Tafel (analist)", ["group_rapportage"], []),
]

# Legal basis per organisation key: (type, document, years valid back, expired?).
# Jeugdzorg's covenant ran out last year and the woningcorporatie (a secondary
# partner) has none: involving them asks for a reason.
CONVENANT = "Privacyconvenant Zorg- en Veiligheidshuis Noord- en Oost-Gelderland 2024"
LEGAL_BASES = {
    "vt": ("wettelijke_taak", "Wmo 2015, art. 4.1.1 (Veilig Thuis)"),
    "zvh": ("convenant", CONVENANT),
    "gemeente": ("convenant", CONVENANT),
    "zorg": ("convenant", CONVENANT),
    "politie": ("wettelijke_taak", "Wet politiegegevens, art. 20"),
    "om": ("wettelijke_taak", "Wet justitiële en strafvorderlijke gegevens, art. 39f"),
    "arbeidsinspectie": ("convenant", CONVENANT),
    "riec": ("convenant", "RIEC-convenant Oost-Nederland 2023"),
    "ggd": ("convenant", CONVENANT),
    "opvang": ("convenant", CONVENANT),
    "comensha": ("toestemming", "Schriftelijke toestemming van het slachtoffer"),
    "ind": ("wettelijke_taak", "Vreemdelingenwet 2000, art. 107"),
    "jeugd": ("convenant", "Convenant jeugd Gelderland Oost 2019-2025"),
    "school": ("convenant", "Convenant signaleren onderwijs (situatieschets)"),
}

# RASCI of the core partners per hoofdstap (reference model, Bijlage VI).
RASCI = {
    "signalering": {"vt": "R", "zvh": "A", "politie": "C", "gemeente": "I"},
    "analyse": {"zvh": "A", "vt": "R", "zorg": "C", "politie": "C", "om": "C"},
    "uitvoering": {"zorg": "R", "zvh": "A", "gemeente": "S", "politie": "S"},
    "evaluatie": {"zvh": "R", "gemeente": "A", "riec": "S"},
}

FIRST_NAMES_F = [
    "Sanne",
    "Lisa",
    "Amira",
    "Daria",
    "Ioana",
    "Maria",
    "Eva",
    "Joy",
    "Precious",
    "Nadia",
    "Olga",
    "Anna",
    "Fleur",
    "Yasmin",
]
FIRST_NAMES_M = [
    "Mohammed",
    "Piotr",
    "Daan",
    "Tarik",
    "Andrei",
    "Luuk",
    "Kwame",
    "Jorge",
    "Milan",
    "Sem",
    "Bilal",
    "Tomasz",
]
LAST_NAMES = [
    ("", "Jansen"),
    ("de", "Vries"),
    ("van", "Dam"),
    ("", "Kowalski"),
    ("", "Popescu"),
    ("", "Bakker"),
    ("", "Mensah"),
    ("", "Nowak"),
    ("van der", "Berg"),
    ("", "Osei"),
    ("", "Ivanova"),
    ("", "Smit"),
    ("", "Haddou"),
    ("de", "Boer"),
    ("", "Yilmaz"),
    ("", "Lindqvist"),
]
# The demo passwords are the logins, printed by `make demo`: a hash work factor
# protects nothing there, while Odoo's default (600,000 pbkdf2 rounds) costs
# seconds per user at install. Same scheme, passlib's default rounds; Odoo
# verifies it like any other pbkdf2_sha512 hash.
DEMO_PASSWORD_CONTEXT = CryptContext(["pbkdf2_sha512"])

COUNTRIES = ["nl", "nl", "nl", "ro", "pl", "bg", "ng", "er", "ua", "ma", "br"]


class KetenDemo(models.AbstractModel):
    _name = "keten.demo"
    _description = "Demo region loader"

    # ------------------------------------------------------------------
    # Entry point (demo/keten_demo.xml)
    # ------------------------------------------------------------------
    @api.model
    def _load_demo_region(self):
        env = (
            self.sudo()
            .with_context(
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                mail_create_nosubscribe=True,
                no_reset_password=True,
            )
            .env
        )
        demo = self.with_env(env).with_context(keten_demo_rng=random.Random(20261122))
        gemeenten = demo._demo_gemeenten()
        orgs = demo._demo_organisations(gemeenten)
        users = demo._demo_users(orgs)
        demo._demo_rasci(orgs)
        demo._demo_pilot_dossiers(gemeenten, orgs, users)
        demo._demo_historic_dossiers(gemeenten, orgs, users, count=50)
        demo._demo_preventie(gemeenten, orgs, users)
        demo._demo_keten_evaluatie(orgs, users)
        demo._demo_privacy(orgs, users)
        demo._demo_termijnen(gemeenten, orgs, users)
        _logger.info("Demo region Noord- en Oost-Gelderland loaded")
        return True

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @property
    def _rng(self):
        return self.env.context["keten_demo_rng"]

    def _xmlid(self, name, record):
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": f"{P}.{name}", "record": record, "noupdate": True}]
        )

    def _ref(self, name):
        return self.env.ref(f"{P}.{name}")

    def _vormen(self, *codes):
        return [(6, 0, [self._ref(c).id for c in codes])]

    def _past(self, days, hour=10):
        day = fields.Date.context_today(self) - timedelta(days=days)
        return datetime.combine(day, time(hour, 0))

    def _person(self, gemeente, female=True, age=None, **extra):
        rng = self._rng
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        prefix, last = rng.choice(LAST_NAMES)
        age = (
            age
            if age is not None
            else rng.choice([15, 16, 17, 19, 20, 22, 24, 27, 31, 35, 42, 48])
        )
        today = fields.Date.context_today(self)
        birth = today - timedelta(days=int(age * 365.25) + rng.randint(20, 300))
        country = rng.choice(COUNTRIES)
        vals = {
            "first_name": first,
            "name_prefix": prefix or False,
            "last_name": last,
            "birth_date": birth,
            "gender": "vrouw" if female else "man",
            "nationality_id": self.env.ref(f"base.{country}").id,
            "woongemeente_id": gemeente.id,
        }
        vals.update(extra)
        return self.env["keten.person"].create(vals)

    # ------------------------------------------------------------------
    # Region, organisations, users
    # ------------------------------------------------------------------
    def _demo_gemeenten(self):
        Gemeente = self.env["keten.gemeente"]
        result = {}
        for name, code in GEMEENTEN:
            gemeente = Gemeente.search([("cbs_code", "=", code)], limit=1)
            if not gemeente:
                gemeente = Gemeente.create(
                    {
                        "name": name,
                        "cbs_code": code,
                        "region": "Noord- en Oost-Gelderland",
                        "in_region": True,
                    }
                )
            self._xmlid("demo_gemeente_" + code.lower(), gemeente)
            result[name] = gemeente
        return result

    def _demo_organisations(self, gemeenten):
        Org = self.env["keten.organisation"]
        result = {}
        for seq, (
            key,
            name,
            code,
            kind,
            membership,
            flags,
            gemeente,
            vormen,
        ) in enumerate(ORGANISATIONS):
            vals = {
                "name": name,
                "code": code,
                "kind": kind,
                "membership": membership,
                "membership_sequence": seq,
                "gemeente_id": gemeenten[gemeente].id if gemeente else False,
                "verschijningsvorm_ids": self._vormen(*vormen),
                "email": f"{key}@demo.ketenaanpak.example",
            }
            vals.update(flags)
            result[key] = Org.create(vals)
            self._xmlid("demo_org_" + key, result[key])
        return result

    def _demo_users(self, orgs):
        Users = self.env["res.users"].with_context(no_reset_password=True)
        lang = "nl_NL" if self.env["res.lang"]._lang_get("nl_NL") else "en_US"
        result = {}
        for login, name, groups, org_keys in USERS:
            group_ids = [self.env.ref("base.group_user").id] + [
                self._ref(g).id for g in groups
            ]
            user = Users.create(
                {
                    "name": name,
                    "login": login,
                    "email": f"{login}@demo.ketenaanpak.example",
                    "lang": lang,
                    "tz": "Europe/Amsterdam",
                    "groups_id": [(6, 0, group_ids)],
                    "keten_organisation_ids": [(6, 0, [orgs[k].id for k in org_keys])],
                }
            )
            Users._set_encrypted_password(user.id, DEMO_PASSWORD_CONTEXT.hash(login))
            result[login] = user
            self._xmlid("demo_user_" + login, user)
        for key, org in orgs.items():
            contact = result.get(key)
            if contact:
                org.contact_user_id = contact
        return result

    def _demo_rasci(self, orgs):
        vals = []
        for hoofdstap, roles in RASCI.items():
            hoofdstap_id = self._ref("hoofdstap_" + hoofdstap).id
            for key, role in roles.items():
                vals.append(
                    {
                        "organisation_id": orgs[key].id,
                        "hoofdstap_id": hoofdstap_id,
                        "role": role,
                    }
                )
        self.env["keten.rasci"].create(vals)

    # ------------------------------------------------------------------
    # Process steps, each through the ORM
    # ------------------------------------------------------------------
    def _melding(
        self,
        days_ago,
        org,
        user,
        victims,
        suspects=(),
        vormen=(),
        gemeente=None,
        **extra,
    ):
        rng = self._rng
        vals = {
            "date_received": self._past(days_ago, hour=rng.randint(8, 16)),
            "channel": rng.choice(
                ["telefoon", "email", "formulier", "via_partner", "persoonlijk"]
            ),
            "category": "melding",
            "organisation_id": org.id,
            "source_type": rng.choice(
                ["professional", "ketenpartner", "omgeving", "slachtoffer"]
            ),
            "melder_name": "Melder (demo)",
            "melder_role": "Professional",
            "melder_phone": "055-0000000",
            "person_ids": [(6, 0, [p.id for p in victims])],
            "suspect_ids": [(6, 0, [p.id for p in suspects])],
            "verschijningsvorm_ids": self._vormen(*vormen),
            "gemeente_uitbuiting_id": gemeente.id if gemeente else False,
            "woongemeente_id": victims[0].woongemeente_id.id if victims else False,
            "nr_victims": len(victims) or 1,
            "nr_offenders": len(suspects),
            "frequency": rng.choice(["incidenteel", "structureel", "onbekend"]),
            "content": extra.pop(
                "content", "Signalen van uitbuiting (fictieve demomelding)."
            ),
        }
        vals.update(extra, registered_by_id=user.id)
        return self.env["keten.melding"].create(vals)

    def _dossier(self, melding, regie_org, regie_user, zorg_org=None):
        melding.action_create_dossier()
        dossier = melding.dossier_id
        dossier.write(
            {
                "date_opened": melding.date_received.date(),
                "regie_organisation_id": regie_org.id,
                "regie_user_id": regie_user.id,
                "zorgcoordinator_organisation_id": zorg_org.id if zorg_org else False,
            }
        )
        return dossier

    def _weging(
        self, dossier, kind, days_ago, kwalificatie="wel", confirm=True, **extra
    ):
        vals = {
            "dossier_id": dossier.id,
            "weging_type": kind,
            "date": self._past(days_ago, hour=14),
            "kwalificatie": kwalificatie,
        }
        if kind == "eerste":
            vals.update(actueel="ja", acuut_volgens_melder="nee", veiligheid="veilig")
            if kwalificatie == "geen":
                vals["afschaling_type"] = extra.pop("afschaling_type", "afschalen")
        else:
            vals["zorg"] = "wel"
            if not any(v for k, v in extra.items() if k.startswith("traject_")):
                vals["traject_zorg"] = True
        vals.update(extra)
        weging = self.env["keten.weging"].create(vals)
        if confirm:
            weging.action_confirm()
        return weging

    def _overleg(
        self, days_ago, orgs, dossiers, held=True, spoed=False, decisions=None
    ):
        overleg = self.env["keten.casusoverleg"].create(
            {
                "date_start": self._past(days_ago, hour=9),
                "overleg_type": "spoed" if spoed else "regulier",
                "location": "Zorg- en Veiligheidshuis, Apeldoorn",
                "procesregie_organisation_id": orgs["zvh"].id,
                "invited_organisation_ids": [
                    (
                        6,
                        0,
                        [
                            orgs[k].id
                            for k in ("vt", "zvh", "gemeente", "zorg", "politie", "om")
                        ],
                    )
                ],
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "dossier_id": d.id,
                            "deadline": fields.Date.context_today(self)
                            - timedelta(days=days_ago - 14),
                            "question": "Is er sprake van mensenhandel en wie doet wat?",
                        },
                    )
                    for d in dossiers
                ],
            }
        )
        if held:
            overleg.action_fill_attendance()
            overleg.action_hold()
            for item in overleg.item_ids:
                item.decisions = decisions or (
                    "Wel mensenhandel; zorgtraject en aangifte bespreken. "
                    "Plan van aanpak binnen 10 werkdagen."
                )
            overleg.action_approve()
        return overleg

    def _plan(self, dossier, orgs, users, days_ago, adopt=True, extra_actions=()):
        plan = self.env["keten.plan"].create(
            {
                "dossier_id": dossier.id,
                "goal": "Slachtoffer veilig, uit de uitbuitingssituatie en met "
                "perspectief op herstel.",
                "action_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Veilige opvang regelen",
                            "organisation_id": orgs["opvang"].id,
                            "user_id": users["opvang"].id,
                            "rasci_role": "R",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Zorgcoördinatie en hulpverleningsplan",
                            "organisation_id": orgs["zorg"].id,
                            "user_id": users["zorg"].id,
                            "rasci_role": "R",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Inkomen en huisvesting (gemeente)",
                            "organisation_id": orgs["gemeente"].id,
                            "user_id": users["gemeente"].id,
                            "rasci_role": "S",
                        },
                    ),
                ]
                + [(0, 0, vals) for vals in extra_actions],
            }
        )
        if adopt:
            plan.action_adopt()
            plan.date_adopted = fields.Date.context_today(self) - timedelta(
                days=days_ago
            )
        return plan

    def _interventies(self, dossier, orgs, users, days_ago, justice=False, done=False):
        today = fields.Date.context_today(self)
        start = today - timedelta(days=days_ago)
        Interventie = self.env["keten.interventie"]
        vals = [
            {
                "dossier_id": dossier.id,
                "name": "Opvang in beschermde woonvorm",
                "intervention_type": "opvang",
                "organisation_id": orgs["opvang"].id,
                "user_id": users["opvang"].id,
                "date_start": start,
            },
            {
                "dossier_id": dossier.id,
                "name": "Traumabehandeling",
                "intervention_type": "zorg",
                "organisation_id": orgs["zorg"].id,
                "user_id": users["zorg"].id,
                "date_start": start + timedelta(days=7),
            },
        ]
        if justice:
            vals.append(
                {
                    "dossier_id": dossier.id,
                    "name": "Aangifte en verhoor",
                    "intervention_type": "strafrechtelijk",
                    "organisation_id": orgs["politie"].id,
                    "user_id": users["politie"].id,
                    "date_start": start,
                }
            )
        interventies = Interventie.create(vals)
        interventies.write({"state": "lopend"})
        if done:
            end = min(start + timedelta(days=60), today - timedelta(days=1))
            interventies.write(
                {"state": "afgerond", "result": "geslaagd", "date_end": end}
            )
        return interventies

    def _strafrecht(self, dossier, orgs, users):
        return self.env["keten.strafrecht"].create(
            {
                "dossier_id": dossier.id,
                "organisation_id": orgs["politie"].id,
                "officier_user_id": users["om"].id,
                "state": "onderzoek",
                "proces_verbaal": "PV aangifte (demo)",
                "verdenking": "Art. 273f Sr (demo)",
                "opsporingsstrategie": "Verhoren, financieel onderzoek (demo)",
                "dwangmiddelen": "Doorzoeking (demo)",
                "care_contact_organisation_id": orgs["zorg"].id,
                "care_contact_user_id": users["zorg"].id,
            }
        )

    def _evaluatie(self, dossier, orgs, days_ahead, done=False):
        evaluatie = self.env["keten.evaluatie"].create(
            {
                "name": f"Casusevaluatie {dossier.name}",
                "dossier_id": dossier.id,
                "date_planned": fields.Date.context_today(self)
                + timedelta(days=days_ahead),
                "procesbegeleider_organisation_id": orgs["riec"].id,
            }
        )
        return evaluatie

    def _feedback(self, dossier, days_ago, exception=None, reason=None):
        """Terugkoppeling to the melders of ``dossier``, ``days_ago`` days ago."""
        day = fields.Date.context_today(self) - timedelta(days=days_ago)
        for melding in dossier.melding_ids.filtered(lambda m: not m.melder_anonymous):
            if exception:
                melding.write(
                    {
                        "feedback_exception": exception,
                        "feedback_exception_note": reason,
                        "feedback_date": day,
                    }
                )
                melding.action_feedback_not_allowed()
            else:
                melding.write(
                    {
                        "feedback_date": day,
                        "feedback_note": "Melding is opgepakt door de ketenregie (demo).",
                    }
                )
                melding.action_feedback_given()

    def _close(self, dossier, orgs, evaluatie_days=14, nazorg="geregeld"):
        dossier.nazorg_status = nazorg
        self._evaluatie(dossier, orgs, evaluatie_days)
        dossier.stage_id = self._ref("stage_afgesloten")
        return dossier

    # ------------------------------------------------------------------
    # The ten pilot-like dossiers, over all hoofdstappen and four forms
    # ------------------------------------------------------------------
    def _demo_pilot_dossiers(self, g, orgs, users):
        pilots = []

        def add(key, dossier):
            self._xmlid("demo_dossier_" + key, dossier)
            pilots.append(dossier)
            return dossier

        # 1. Signaleren / ontvangen: arbeidsuitbuiting in de agrarische sector.
        # The victim is the first open one: the intake demo
        # (demo/keten_intake_demo.xml) reports a student about her again.
        victim = self._person(g["Oldebroek"], age=19)
        suspect = self._person(g["Elburg"], female=False, age=48)
        m = self._melding(
            1,
            orgs["arbeidsinspectie"],
            users["arbeidsinspectie"],
            [victim],
            [suspect],
            ["vorm_arbeid"],
            g["Oldebroek"],
            location_type="agrarisch",
            content="Een studente werkt 's avonds en in het weekend bij een "
            "teler; de oogstwerkers slapen in een schuur, moeten hun paspoort "
            "inleveren en hun loon gaat naar de ronselaar (demo).",
        )
        add("1", self._dossier(m, orgs["zvh"], users["ketenregie"]))

        # 2. Signaleren / verrijken: criminele uitbuiting, minderjarige.
        victim = self._person(g["Doetinchem"], female=False, age=16)
        m = self._melding(
            4,
            orgs["jeugd"],
            users["jeugd"],
            [victim],
            [],
            ["vorm_crimineel"],
            g["Doetinchem"],
            location_type="openbare_ruimte",
            content="Jongen moet drugs rondbrengen om een "
            "'schuld' af te betalen (demo).",
        )
        d = add("2", self._dossier(m, orgs["zvh"], users["ketenregie"]))
        d.stage_id = self._ref("stage_dossier_verrijken")

        # 3. Signaleren / 1e weging in concept: seksuele uitbuiting.
        victim = self._person(g["Zutphen"], age=19)
        m = self._melding(
            9,
            orgs["vt"],
            users["meldpunt"],
            [victim],
            [],
            ["vorm_seksueel"],
            g["Zutphen"],
            location_type="online",
            acuut_volgens_melder=True,
            content="Advertenties met de cliënte online, zij "
            "heeft geen eigen telefoon meer (demo).",
        )
        d = add("3", self._dossier(m, orgs["zvh"], users["ketenregie"]))
        d.stage_id = self._ref("stage_eerste_weging")
        self._weging(d, "eerste", 2, confirm=False, veiligheid="onveilig")

        # 4. Analyse / casusoverleg: loverboy, 17 jaar, agenda of next overleg.
        victim = self._person(g["Apeldoorn"], age=17)
        suspect = self._person(g["Apeldoorn"], female=False, age=22)
        m = self._melding(
            15,
            orgs["gemeente"],
            users["gemeente"],
            [victim],
            [suspect],
            ["vorm_seksueel"],
            g["Apeldoorn"],
            location_type="woning",
            content="Leerling verzuimt, heeft dure spullen en een "
            "veel oudere vriend (demo).",
        )
        d4 = add("4", self._dossier(m, orgs["zvh"], users["ketenregie"], orgs["zorg"]))
        self._weging(d4, "eerste", 10)

        # 5. Analyse / 2e weging: arbeidsuitbuiting in de logistiek.
        victims = [
            self._person(g["Apeldoorn"], female=False, age=35),
            self._person(g["Apeldoorn"], female=False, age=27),
        ]
        m = self._melding(
            30,
            orgs["arbeidsinspectie"],
            users["arbeidsinspectie"],
            victims,
            [],
            ["vorm_arbeid"],
            g["Apeldoorn"],
            location_type="logistiek",
        )
        d5 = add("5", self._dossier(m, orgs["zvh"], users["ketenregie"], orgs["zorg"]))
        self._weging(d5, "eerste", 25)
        d5.stage_id = self._ref("stage_tweede_weging")

        # 6. Analyse / plan van aanpak: orgaanhandel (rare), plan in concept.
        victim = self._person(g["Harderwijk"], female=False, age=42)
        m = self._melding(
            45,
            orgs["ggd"],
            users["ggd"],
            [victim],
            [],
            ["vorm_orgaan"],
            g["Harderwijk"],
            location_type="overig",
            content="Patiënt vertelt over een 'donatie' tegen "
            "betaling in het buitenland (demo).",
        )
        d6 = add("6", self._dossier(m, orgs["zvh"], users["ketenregie"], orgs["zorg"]))
        self._weging(d6, "eerste", 40)
        past_overleg = self._overleg(28, orgs, [d5, d6])
        self._weging(d6, "tweede", 27, overleg_id=past_overleg.id)
        d6.stage_id = self._ref("stage_plan_van_aanpak")
        self._plan(d6, orgs, users, 0, adopt=False)

        # 7. Uitvoering: seksuele uitbuiting with a criminal track.
        victim = self._person(g["Epe"], age=20)
        suspect = self._person(g["Apeldoorn"], female=False, age=35)
        m = self._melding(
            90,
            orgs["politie"],
            users["politie"],
            [victim],
            [suspect],
            ["vorm_seksueel"],
            g["Apeldoorn"],
            location_type="seksbranche",
            politie_gebeld=True,
        )
        d7 = add("7", self._dossier(m, orgs["zvh"], users["ketenregie"], orgs["zorg"]))
        self._weging(d7, "eerste", 85)
        self._weging(d7, "tweede", 70, traject_zorg=False, traject_zorg_strafrecht=True)
        self._plan(
            d7,
            orgs,
            users,
            60,
            extra_actions=[
                {
                    "name": "Verblijf op grond van de B8-regeling aanvragen",
                    "organisation_id": orgs["ind"].id,
                    "user_id": users["ind"].id,
                    "rasci_role": "S",
                }
            ],
        )
        d7.stage_id = self._ref("stage_uitvoering")
        self._strafrecht(d7, orgs, users)
        self._interventies(d7, orgs, users, 55, justice=True)
        # The OM asked not to tell the melder (the police) anything yet.
        self._feedback(
            d7,
            80,
            exception="strafrechtelijk",
            reason="OM: lopend opsporingsonderzoek, melder nog niet informeren (demo).",
        )

        # 8. Uitvoering / monitoring: criminele uitbuiting, ondermijning via RIEC.
        victim = self._person(g["Winterswijk"], female=False, age=19)
        m = self._melding(
            150,
            orgs["gemeente"],
            users["gemeente"],
            [victim],
            [],
            ["vorm_crimineel"],
            g["Winterswijk"],
            location_type="woning",
        )
        d8 = add("8", self._dossier(m, orgs["zvh"], users["ketenregie"], orgs["zorg"]))
        self._weging(d8, "eerste", 145)
        self._feedback(d8, 140)
        self._weging(d8, "tweede", 130, traject_ondermijning=True)
        self._plan(d8, orgs, users, 120)
        d8.stage_id = self._ref("stage_uitvoering")
        self._interventies(d8, orgs, users, 115)
        d8.stage_id = self._ref("stage_monitoring")

        # 9. Uitvoering / nazorg: arbeidsuitbuiting in de schoonmaak.
        victim = self._person(g["Zutphen"], age=27)
        m = self._melding(
            240,
            orgs["gemeente"],
            users["gemeente"],
            [victim],
            [],
            ["vorm_arbeid"],
            g["Lochem"],
            location_type="schoonmaak",
        )
        d9 = add("9", self._dossier(m, orgs["zvh"], users["ketenregie"], orgs["zorg"]))
        self._weging(d9, "eerste", 235)
        self._feedback(d9, 230)
        self._weging(d9, "tweede", 220)
        self._plan(d9, orgs, users, 210)
        d9.stage_id = self._ref("stage_uitvoering")
        self._interventies(d9, orgs, users, 200, done=True)
        d9.stage_id = self._ref("stage_nazorg")

        # 10. Evaluatie / afgesloten: seksuele uitbuiting, evaluatie planned.
        victim = self._person(g["Putten"], age=23)
        m = self._melding(
            330,
            orgs["vt"],
            users["meldpunt"],
            [victim],
            [],
            ["vorm_seksueel", "vorm_arbeid"],
            g["Ermelo"],
            location_type="horeca",
        )
        d10 = add(
            "10", self._dossier(m, orgs["zvh"], users["ketenregie"], orgs["zorg"])
        )
        self._weging(d10, "eerste", 325)
        self._feedback(d10, 320)
        self._weging(d10, "tweede", 310)
        self._plan(d10, orgs, users, 300)
        d10.stage_id = self._ref("stage_uitvoering")
        self._interventies(d10, orgs, users, 290, done=True)
        d10.stage_id = self._ref("stage_nazorg")
        self._close(d10, orgs, evaluatie_days=10)

        # Secondary partners hand in a situatieschets without names.
        for key, text in (
            (
                "school",
                "Een leerling van 15 slaapt vaak in de klas en vertelt over "
                "nachtwerk bij een kennis (situatieschets, demo).",
            ),
            (
                "woningcorporatie",
                "In een rijtjeshuis wonen wisselend tien tot "
                "vijftien arbeidsmigranten; busjes halen hen om 5 uur op "
                "(situatieschets, demo).",
            ),
        ):
            schets = self._melding(
                3,
                orgs[key],
                users[key],
                [],
                [],
                ["vorm_onbekend"],
                g["Zutphen"],
                is_situatieschets=True,
                category="signaal",
                content=text,
            )
            self._xmlid("demo_melding_situatieschets_" + key, schets)

        # The next overleg: dossier 4 on the agenda (gepland).
        upcoming = self._overleg(-7, orgs, [d4], held=False)
        self._xmlid("demo_overleg_upcoming", upcoming)
        self._xmlid("demo_overleg_past", past_overleg)
        d4.stage_id = self._ref("stage_casusoverleg")
        return pilots

    # ------------------------------------------------------------------
    # About fifty closed historic dossiers over the last two years
    # ------------------------------------------------------------------
    def _demo_historic_dossiers(self, g, orgs, users, count=50):
        rng = self._rng
        vormen = (
            ["vorm_seksueel"] * 5
            + ["vorm_arbeid"] * 4
            + ["vorm_crimineel"] * 3
            + ["vorm_orgaan"]
            + ["vorm_onbekend"]
        )
        senders = [
            "vt",
            "politie",
            "gemeente",
            "ggd",
            "arbeidsinspectie",
            "jeugd",
            "zorg",
            "opvang",
        ]
        names = list(g)
        closed = self.env["keten.dossier"]
        for i in range(count):
            start = rng.randint(60, 720)
            vorm = rng.choice(vormen)
            gemeente = g[rng.choice(names)]
            victim = self._person(gemeente, female=rng.random() < 0.65)
            sender = rng.choice(senders)
            m = self._melding(
                start,
                orgs[sender],
                users.get(sender, users["meldpunt"]),
                [victim],
                [],
                [vorm],
                gemeente,
            )
            d = self._dossier(m, orgs["zvh"], users["ketenregie"], orgs["zorg"])
            if rng.random() < 0.3:
                # geen mensenhandel: afgeschaald or handed over
                kind = rng.choice(["afschalen", "overdracht"])
                self._weging(
                    d,
                    "eerste",
                    start - 3,
                    kwalificatie="geen",
                    afschaling_type=kind,
                    overdracht_organisation_id=(
                        orgs["jeugd"].id if kind == "overdracht" else False
                    ),
                )
                if rng.random() < 0.9:
                    self._feedback(d, start - 3 - rng.randint(1, 12))
                closed_days = start - 3
            else:
                self._weging(d, "eerste", start - 4)
                if rng.random() < 0.9:
                    self._feedback(d, start - 4 - rng.randint(1, 12))
                self._weging(
                    d,
                    "tweede",
                    start - 15,
                    traject_zorg_strafrecht=rng.random() < 0.4 or None,
                )
                self._plan(d, orgs, users, start - 25)
                d.stage_id = self._ref("stage_uitvoering")
                self._interventies(d, orgs, users, start - 30, done=True)
                d.stage_id = self._ref("stage_nazorg")
                closed_days = max(start - 45, 1)
                self._close(d, orgs, evaluatie_days=20 - closed_days)
            d.date_closed = fields.Date.context_today(self) - timedelta(
                days=closed_days
            )
            if d.stage_id.closing_type == "afgesloten" and closed_days > 50:
                # held a month after closing; the nazorg was checked after three
                for evaluatie in d.evaluatie_ids:
                    evaluatie.date_done = d.date_closed + timedelta(days=30)
                    evaluatie.action_done()
                if closed_days > 100:
                    d.nazorg_check_date = d.date_closed + timedelta(
                        days=rng.randint(85, 100)
                    )
            d.melding_ids.write({"state": "afgerond"})
            closed |= d
            if i == 0:
                self._xmlid("demo_dossier_historic_first", d)
        # The stage history of these dossiers happened in the past too.
        self.env.cr.execute(
            """
            UPDATE keten_dossier_stage_history h
               SET date_start = LEAST(h.date_start, d.date_closed::timestamp),
                   date_end = CASE WHEN h.date_end IS NULL THEN NULL
                              ELSE LEAST(h.date_end, d.date_closed::timestamp) END
              FROM keten_dossier d
             WHERE d.id = h.dossier_id AND d.id = ANY(%s)
            """,
            [closed.ids],
        )
        self.env.cr.execute(
            "UPDATE keten_dossier SET date_last_stage_update = date_closed::timestamp"
            " WHERE id = ANY(%s)",
            [closed.ids],
        )
        self.env.invalidate_all()
        return closed

    def _demo_termijnen(self, g, orgs, users):
        """Termijnen follow from the dossiers by themselves; add what makes the
        signaleringslijst show its cases, then run the daily termijnbewaking."""
        # A melding of twelve days ago still waiting in the meldpunt queue.
        victim = self._person(g["Brummen"], age=31)
        waiting = self._melding(
            12,
            orgs["politie"],
            users["politie"],
            [victim],
            [],
            ["vorm_arbeid"],
            g["Brummen"],
            location_type="bouw",
            content="Wijkagent ziet bouwvakkers die op de bouwplaats slapen (demo).",
        )
        self._xmlid("demo_melding_waiting", waiting)
        # Dossier 8 has been in monitoring for six weeks without a stage change.
        dossier = self._ref("demo_dossier_8")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE keten_dossier SET date_last_stage_update = now() - interval "
            "'45 days' WHERE id = %s",
            [dossier.id],
        )
        self.env.invalidate_all()
        return self.env["keten.deadline"]._cron_escalate()

    def _demo_preventie(self, g, orgs, users):
        today = fields.Date.context_today(self)
        Preventie = self.env["keten.preventie"]
        Preventie.create(
            [
                {
                    "name": "Voorlichting horeca Apeldoorn",
                    "kind": "voorlichting",
                    "audience": "ondernemers",
                    "organisation_ids": [
                        (6, 0, [orgs["gemeente"].id, orgs["politie"].id])
                    ],
                    "gemeente_ids": [(6, 0, g["Apeldoorn"].ids)],
                    "verschijningsvorm_ids": self._vormen(
                        "vorm_seksueel", "vorm_arbeid"
                    ),
                    "date_start": today - timedelta(days=60),
                    "reach": 45,
                    "state": "uitgevoerd",
                },
                {
                    "name": "Gastles loverboys Graafschap Beroepscollege",
                    "kind": "gastles",
                    "audience": "jongeren",
                    "organisation_ids": [(6, 0, [orgs["ggd"].id, orgs["school"].id])],
                    "gemeente_ids": [(6, 0, g["Doetinchem"].ids)],
                    "verschijningsvorm_ids": self._vormen("vorm_seksueel"),
                    "date_start": today + timedelta(days=21),
                    "state": "gepland",
                },
                {
                    "name": "Training signaleren voor wijkteams",
                    "kind": "training",
                    "audience": "professionals",
                    "organisation_ids": [(6, 0, [orgs["zvh"].id, orgs["vt"].id])],
                    "gemeente_ids": [(6, 0, (g["Zutphen"] | g["Lochem"]).ids)],
                    "date_start": today - timedelta(days=120),
                    "reach": 80,
                    "state": "uitgevoerd",
                },
            ]
        )

    # ------------------------------------------------------------------
    # AVG: legal bases, a consent, a correction, a request of a data subject
    # ------------------------------------------------------------------
    def _demo_privacy(self, orgs, users):
        today = fields.Date.context_today(self)
        self.env["keten.legal.basis"].create(
            [
                {
                    "organisation_id": orgs[key].id,
                    "basis_type": basis_type,
                    "name": name,
                    "date_from": today.replace(month=1, day=1) - timedelta(days=730),
                    "date_to": (
                        today.replace(month=1, day=1) - timedelta(days=1)
                        if key == "jeugd"
                        else False
                    ),
                    "scope": "Gegevens die nodig zijn voor de casus (need-to-know); "
                    "geen opsporingsinformatie.",
                }
                for key, (basis_type, name) in LEGAL_BASES.items()
            ]
        )
        # CoMensha registers the victim of pilot 7 with her written consent.
        victim_7 = self._victim(self._ref("demo_dossier_7"))
        consent = self.env["keten.consent"].create(
            {
                "person_id": victim_7.id,
                "purpose": "comensha",
                "organisation_id": orgs["comensha"].id,
                "purpose_note": "Landelijke registratie slachtoffers mensenhandel",
                "date_given": today - timedelta(days=50),
                "given_by": "self",
                "written": True,
            }
        )
        self._xmlid("demo_consent_comensha", consent)
        # The meldpunt corrects a surname after a call (rectificatie).
        victim_3 = self._victim(self._ref("demo_dossier_3"))
        victim_3.with_user(users["meldpunt"]).write(
            {
                "known_as": f"{victim_3.first_name[:3]}",
                "change_reason": "Roepnaam doorgegeven door de cliënte",
            }
        )
        # Jeugdzorg's covenant expired; the meldpunt involves it anyway, with why.
        dossier_2 = self._ref("demo_dossier_2")
        dossier_2.with_user(users["meldpunt"]).with_context(
            keten_basis_override_reason="Jeugdzorg is de voogd van de jongen; het "
            "convenant wordt verlengd."
        )._involve_organisation(orgs["jeugd"], "Jongen staat onder voogdij.")
        # The victim of pilot 9 asks to see her data: registered and checked.
        victim_9 = self._victim(self._ref("demo_dossier_9"))
        request = (
            self.env["keten.avg.request"]
            .with_user(users["privacy"])
            .create(
                {
                    "request_type": "inzage",
                    "channel": "brief",
                    "date_received": today - timedelta(days=6),
                    "subject_name": victim_9.name,
                    "subject_birth_date": victim_9.birth_date,
                    "identity_note": "ID-kaart getoond aan de balie van het ZVH",
                }
            )
        )
        request.action_find_person()
        request.action_verify_identity()
        self._xmlid("demo_avg_request_inzage", request)
        return request

    def _victim(self, dossier):
        return dossier.person_link_ids.filtered(
            lambda link: link.role == "slachtoffer"
        )[:1].person_id

    def _demo_keten_evaluatie(self, orgs, users):
        self.env["keten.evaluatie"].create(
            {
                "name": "Ketenevaluatie Noord- en Oost-Gelderland",
                "level": "keten",
                "date_planned": fields.Date.context_today(self) + timedelta(days=40),
                "procesbegeleider_organisation_id": orgs["riec"].id,
                "lesson_ids": [
                    (
                        0,
                        0,
                        {
                            "description": "Secundaire partners kennen het meldpunt "
                            "nog onvoldoende."
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "description": "Terugkoppeling aan melders gebeurt niet "
                            "altijd binnen de termijn."
                        },
                    ),
                ],
            }
        )
