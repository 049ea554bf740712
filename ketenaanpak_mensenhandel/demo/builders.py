"""Building blocks of the demo scenarios: one step of the process each.

Every step goes through the ORM as a user of the chain would, so each stage
guard and validation holds; days are counted back from the day the demo is
loaded. The organisations, users and municipalities are the fixed demo records
of the XML files beside this one, found by their XML id.
"""

import random
from datetime import datetime, time, timedelta

from odoo import fields

MODULE = "ketenaanpak_mensenhandel"

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
COUNTRIES = ["nl", "nl", "nl", "ro", "pl", "bg", "ng", "er", "ua", "ma", "br"]


def demo_records(env, model, prefix):
    """{suffix: record} of the ``model`` records with an XML id
    ``<prefix><suffix>`` of this module, in the order they were made (not the
    ids Odoo adds for the partner of a user, ``<xml id>_res_partner``)."""
    data = env["ir.model.data"].search(
        [
            ("module", "=", MODULE),
            ("model", "=", model),
            ("name", "=like", prefix + "%"),
        ],
        order="id",
    )
    return {
        xmlid.name[len(prefix) :]: env[model].browse(xmlid.res_id)
        for xmlid in data
        if xmlid.name.startswith(prefix)
    }


class DemoBuilder:
    """The process steps of a demo region, with its fixed records at hand.

    ``gemeenten`` by name, ``orgs`` by the key of their XML id
    (``demo_org_<key>``), ``users`` by login (``demo_user_<login>``).
    ``rng`` is seeded: the same demo every time.
    """

    def __init__(self, env, seed):
        self.env = env
        self.rng = random.Random(seed)
        self.gemeenten = {
            gemeente.name: gemeente
            for gemeente in demo_records(
                env, "keten.gemeente", "demo_gemeente_"
            ).values()
        }
        self.orgs = demo_records(env, "keten.organisation", "demo_org_")
        self.users = demo_records(env, "res.users", "demo_user_")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def today(self):
        return fields.Date.context_today(self.env.user)

    def xmlid(self, name, record):
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": f"{MODULE}.{name}", "record": record, "noupdate": True}]
        )

    def ref(self, name):
        return self.env.ref(f"{MODULE}.{name}")

    def vormen(self, *codes):
        return [(6, 0, [self.ref(c).id for c in codes])]

    def past(self, days, hour=10):
        day = self.today() - timedelta(days=days)
        return datetime.combine(day, time(hour, 0))

    def victim(self, dossier):
        return dossier.person_link_ids.filtered(
            lambda link: link.role == "slachtoffer"
        )[:1].person_id

    def person(self, gemeente, female=True, age=None, **extra):
        rng = self.rng
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        prefix, last = rng.choice(LAST_NAMES)
        age = (
            age
            if age is not None
            else rng.choice([15, 16, 17, 19, 20, 22, 24, 27, 31, 35, 42, 48])
        )
        birth = self.today() - timedelta(days=int(age * 365.25) + rng.randint(20, 300))
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
    # Process steps, each through the ORM
    # ------------------------------------------------------------------
    def melding(
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
        rng = self.rng
        vals = {
            "date_received": self.past(days_ago, hour=rng.randint(8, 16)),
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
            "verschijningsvorm_ids": self.vormen(*vormen),
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

    def dossier(self, melding, zorg=True):
        """The dossier of ``melding``: regie at the Zorg- en Veiligheidshuis,
        zorgcoördinatie (``zorg``) at the care coordinator."""
        melding.action_create_dossier()
        dossier = melding.dossier_id
        dossier.write(
            {
                "date_opened": melding.date_received.date(),
                "regie_organisation_id": self.orgs["zvh"].id,
                "regie_user_id": self.users["ketenregie"].id,
                "zorgcoordinator_organisation_id": (
                    self.orgs["zorg"].id if zorg else False
                ),
            }
        )
        return dossier

    def weging(
        self, dossier, kind, days_ago, kwalificatie="wel", confirm=True, **extra
    ):
        vals = {
            "dossier_id": dossier.id,
            "weging_type": kind,
            "date": self.past(days_ago, hour=14),
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

    def overleg(self, days_ago, dossiers, held=True, spoed=False, decisions=None):
        orgs = self.orgs
        overleg = self.env["keten.casusoverleg"].create(
            {
                "date_start": self.past(days_ago, hour=9),
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
                            "deadline": self.today() - timedelta(days=days_ago - 14),
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

    def plan(self, dossier, days_ago, adopt=True, extra_actions=()):
        orgs, users = self.orgs, self.users
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
            plan.date_adopted = self.today() - timedelta(days=days_ago)
        return plan

    def interventies(self, dossier, days_ago, justice=False, done=False):
        orgs, users = self.orgs, self.users
        today = self.today()
        start = today - timedelta(days=days_ago)
        # name, type, organisation and user key, days after the start
        rows = [
            ("Opvang in beschermde woonvorm", "opvang", "opvang", 0),
            ("Traumabehandeling", "zorg", "zorg", 7),
        ]
        if justice:
            rows.append(("Aangifte en verhoor", "strafrechtelijk", "politie", 0))
        vals = [
            {
                "dossier_id": dossier.id,
                "name": name,
                "intervention_type": kind,
                "organisation_id": orgs[key].id,
                "user_id": users[key].id,
                "date_start": start + timedelta(days=after),
            }
            for name, kind, key, after in rows
        ]
        interventies = self.env["keten.interventie"].create(vals)
        interventies.write({"state": "lopend"})
        if done:
            end = min(start + timedelta(days=60), today - timedelta(days=1))
            interventies.write(
                {"state": "afgerond", "result": "geslaagd", "date_end": end}
            )
        return interventies

    def strafrecht(self, dossier):
        orgs, users = self.orgs, self.users
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

    def evaluatie(self, dossier, days_ahead):
        return self.env["keten.evaluatie"].create(
            {
                "name": f"Casusevaluatie {dossier.name}",
                "dossier_id": dossier.id,
                "date_planned": self.today() + timedelta(days=days_ahead),
                "procesbegeleider_organisation_id": self.orgs["riec"].id,
            }
        )

    def feedback(self, dossier, days_ago, exception=None, reason=None):
        """Terugkoppeling to the melders of ``dossier``, ``days_ago`` days ago."""
        day = self.today() - timedelta(days=days_ago)
        if exception:
            vals = {"feedback_exception": exception, "feedback_exception_note": reason}
        else:
            vals = {"feedback_note": "Melding is opgepakt door de ketenregie (demo)."}
        for melding in dossier.melding_ids.filtered(lambda m: not m.melder_anonymous):
            melding.write(dict(vals, feedback_date=day))
            if exception:
                melding.action_feedback_not_allowed()
            else:
                melding.action_feedback_given()

    def walk_to_nazorg(self, dossier, days_ago):
        """From a 1e weging ``days_ago`` days ago to nazorg: the terugkoppeling
        5 days later, the 2e weging after 15, the plan adopted after 25 and the
        interventies, done, from 35 days on."""
        self.weging(dossier, "eerste", days_ago)
        self.feedback(dossier, days_ago - 5)
        self.weging(dossier, "tweede", days_ago - 15)
        self.plan(dossier, days_ago - 25)
        dossier.stage_id = self.ref("stage_uitvoering")
        self.interventies(dossier, days_ago - 35, done=True)
        dossier.stage_id = self.ref("stage_nazorg")

    def close(self, dossier, evaluatie_days=14, nazorg="geregeld"):
        dossier.nazorg_status = nazorg
        self.evaluatie(dossier, evaluatie_days)
        dossier.stage_id = self.ref("stage_afgesloten")
        return dossier
