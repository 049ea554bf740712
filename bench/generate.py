"""Realistic data for the benchmark, created in batches through the ORM.

Distributions follow the domain brief (``shared/domain.md``, Volumes; CoMensha
2015-2019): a dossier has one or more verschijningsvormen, about 62 % seksuele
uitbuiting, at least 22 % arbeidsuitbuiting, at least 11 % criminele uitbuiting
and 11 % onbekend (alone); about 40 % of the victims are under 23, three in four
are women. Municipalities are of very different size (a Zipf-like weight), a
quarter of the cases is exploited in another municipality than the victim
lives in. Ten years of a national deployment: most dossiers are closed, the
open ones are recent and spread over every stage of hoofdstap 2 to 4.

Every record passes the module's constraints and stage guards: a dossier goes
through its stages one by one through ``write`` (the guards run; each step is a
row of stage history), after its wegingen are confirmed, its plan adopted, its
nazorg decided and its evaluation planned, as a user would do it. Only the
dates are moved into the past afterwards, in SQL, as the demo loader does
(the ORM stamps "now" on a stage change).

Dossiers are generated in chronological order, so one batch covers a short
period and the casusoverleggen of that period (one a week) take the batch's
dossiers on their agenda.
"""

import logging
import math
import random
import time
from datetime import date, datetime, timedelta

_logger = logging.getLogger(__name__)

P = "ketenaanpak_mensenhandel."
CTX = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "no_reset_password": True,
    "keten_skip_access_log": True,
    # Ten years of history replayed through the ORM would open and close a
    # termijn with its activity at every step; the termijnen of the open cases
    # are started afterwards, the way the upgrade that brought them does.
    "keten_no_deadlines": True,
}
YEARS = 10

# The main form of a dossier whose form is known (89 %), and the chance of a
# second one: marginals of about 62 % sexual, 23 % labour, 12 % criminal.
VORM_MAIN = {
    "vorm_seksueel": 58,
    "vorm_arbeid": 20.5,
    "vorm_crimineel": 9.5,
    "vorm_orgaan": 0.5,
}
SECOND_VORM_CHANCE = 0.1
UNKNOWN_VORM_CHANCE = 0.11
# The path of a dossier through the stages: wel mensenhandel ...
PATH_WEL = [
    "stage_melding_ontvangen",
    "stage_dossier_verrijken",
    "stage_eerste_weging",
    "stage_casusoverleg",
    "stage_tweede_weging",
    "stage_plan_van_aanpak",
    "stage_uitvoering",
    "stage_monitoring",
    "stage_nazorg",
    "stage_afgesloten",
    "stage_geevalueerd",
]
# ... and geen mensenhandel (afgeschaald or handed over after the 1e weging).
PATH_GEEN = PATH_WEL[:3] + ["stage_afgeschaald"]
# Working days spent in each stage (lower, upper) before the next one.
STAGE_DAYS = {
    "stage_melding_ontvangen": (0, 3),
    "stage_dossier_verrijken": (1, 7),
    "stage_eerste_weging": (1, 10),
    "stage_casusoverleg": (3, 20),
    "stage_tweede_weging": (5, 30),
    "stage_plan_van_aanpak": (5, 25),
    "stage_uitvoering": (20, 120),
    "stage_monitoring": (30, 180),
    "stage_nazorg": (20, 90),
    "stage_afgesloten": (20, 90),
}
# Weights of the stage an open dossier is in now.
OPEN_STAGE_WEIGHTS = {
    "stage_melding_ontvangen": 6,
    "stage_dossier_verrijken": 6,
    "stage_eerste_weging": 8,
    "stage_casusoverleg": 8,
    "stage_tweede_weging": 8,
    "stage_plan_van_aanpak": 8,
    "stage_uitvoering": 18,
    "stage_monitoring": 24,
    "stage_nazorg": 14,
}
CHANNELS = {
    "telefoon": 40,
    "email": 25,
    "via_partner": 20,
    "formulier": 8,
    "persoonlijk": 5,
    "brief": 1,
    "overig": 1,
}
SOURCE_TYPES = {
    "professional": 40,
    "ketenpartner": 30,
    "omgeving": 12,
    "slachtoffer": 8,
    "werkgever": 3,
    "anoniem": 5,
    "overig": 2,
}
LOCATION_TYPES = {
    "seksbranche": {"woning": 35, "seksbranche": 25, "online": 25, "horeca": 10},
    "arbeid": {
        "agrarisch": 25,
        "bouw": 15,
        "logistiek": 20,
        "schoonmaak": 15,
        "horeca": 20,
        "woning": 5,
    },
    "crimineel": {"openbare_ruimte": 40, "woning": 40, "online": 20},
    "onbekend": {"onbekend": 70, "woning": 20, "overig": 10},
}
INTERVENTION_TYPES = {
    "zorg": 30,
    "opvang": 18,
    "strafrechtelijk": 10,
    "bestuursrechtelijk": 6,
    "fiscaal": 3,
    "nazorg": 10,
    "b8": 5,
    "overdracht": 3,
    "veiligheid": 8,
    "juridisch": 5,
    "overig": 2,
}
INTERVENTION_RESULTS = {"geslaagd": 60, "deels": 30, "niet_geslaagd": 10}
COUNTRIES = {
    "nl": 45,
    "ro": 8,
    "pl": 8,
    "bg": 6,
    "hu": 3,
    "ng": 7,
    "ua": 5,
    "ma": 4,
    "er": 3,
    "vn": 3,
    "cn": 3,
    "br": 2,
    "th": 2,
    "sy": 1,
}
FIRST_NAMES_F = [
    "Anna",
    "Sara",
    "Fleur",
    "Lisa",
    "Noor",
    "Eva",
    "Maria",
    "Olga",
    "Irina",
    "Fatima",
    "Amira",
    "Joy",
    "Lotte",
    "Sanne",
    "Blessing",
    "Mei",
]
FIRST_NAMES_M = ["Tim", "Daan", "Milan", "Ahmed", "Pjotr", "Tomasz", "Ion", "Minh"]
LAST_NAMES = [
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Kowalski",
    "Popescu",
    "Nowak",
    "Ivanova",
    "El Amrani",
    "Yilmaz",
    "de Boer",
    "Okafor",
    "Nguyen",
]
COUNT_KEYS = (
    "dossiers",
    "persons",
    "meldingen",
    "meldingen_without_dossier",
    "wegingen",
    "casusoverleggen",
    "agenda_items",
    "plans",
    "plan_actions",
    "interventies",
    "strafrecht",
    "evaluaties",
    "stage_history",
    "activities",
)
ORGANISATIONS = [
    # code, name, kind, membership, flags
    ("VT", "Veilig Thuis (bench)", "zorg", "ketenregieteam", {"is_meldpunt": True}),
    (
        "ZVH",
        "Zorg- en Veiligheidshuis (bench)",
        "veiligheid",
        "ketenregieteam",
        {"is_procesregie": True},
    ),
    ("POL", "Politie (bench)", "veiligheid", "ketenregieteam", {"is_justice": True}),
    (
        "OM",
        "Openbaar Ministerie (bench)",
        "justitie",
        "ketenregieteam",
        {"is_justice": True},
    ),
    (
        "NLA",
        "Nederlandse Arbeidsinspectie (bench)",
        "justitie",
        "ketenregieteam",
        {"is_justice": True},
    ),
    ("MOV", "Moviera (bench)", "zorg", "ketenregieteam", {}),
    ("MEE", "MEE Samen (bench)", "zorg", "ketenregieteam", {}),
    ("GEM", "Centrumgemeente (bench)", "gemeente", "ketenregieteam", {}),
    (
        "KMAR",
        "Koninklijke Marechaussee (bench)",
        "veiligheid",
        "flexibele_schil",
        {"is_justice": True},
    ),
    (
        "RIEC",
        "RIEC (bench)",
        "veiligheid",
        "flexibele_schil",
        {"is_procesbegeleider": True},
    ),
    ("GGD", "GGD (bench)", "zorg", "flexibele_schil", {}),
    ("JB", "Jeugdbescherming (bench)", "zorg", "flexibele_schil", {}),
    ("COA", "COA (bench)", "overig", "flexibele_schil", {}),
    ("COM", "CoMensha (bench)", "zorg", "flexibele_schil", {}),
    ("REC", "Reclassering (bench)", "justitie", "flexibele_schil", {}),
    ("BD", "Belastingdienst (bench)", "overig", "flexibele_schil", {}),
    ("WON", "Woningcorporatie (bench)", "overig", "flexibele_schil", {}),
    ("IND", "IND (bench)", "overig", "flexibele_schil", {}),
    ("SCH", "School (bench)", "overig", "secundair", {}),
    ("HA", "Huisartsenpraktijk (bench)", "zorg", "secundair", {}),
]
# Who registers the first melding (organisation code: weight).
REGISTERING = {
    "VT": 30,
    "POL": 20,
    "GEM": 10,
    "MOV": 8,
    "MEE": 5,
    "NLA": 6,
    "KMAR": 4,
    "GGD": 5,
    "JB": 4,
    "COA": 3,
    "COM": 3,
    "WON": 1,
    "SCH": 1,
}
# Expertise of the flexibele schil: invited per verschijningsvorm.
EXPERTISE = {
    "KMAR": ["vorm_seksueel", "vorm_arbeid"],
    "RIEC": ["vorm_crimineel"],
    "COA": ["vorm_arbeid"],
    "IND": ["vorm_seksueel"],
    "BD": ["vorm_arbeid"],
    "JB": ["vorm_crimineel"],
}


def weighted(rng, table):
    return rng.choices(list(table), weights=list(table.values()), k=1)[0]


def working_days_later(day, working_days):
    """``day`` plus ``working_days`` weekdays."""
    weeks, rest = divmod(working_days, 5)
    day = day + timedelta(weeks=weeks)
    while rest:
        day += timedelta(days=1)
        if day.weekday() < 5:
            rest -= 1
    return day


# ----------------------------------------------------------------------
# Configuration: municipalities, organisations, users, overleggen
# ----------------------------------------------------------------------
def ensure_config(env, n_gemeenten=60, in_region=40):
    """Municipalities, organisations and the benchmark users; idempotent."""
    Gemeente = env["keten.gemeente"]
    gemeenten = Gemeente.search([("region", "=", "Bench")], order="id")
    if not gemeenten:
        gemeenten = Gemeente.create(
            [
                {
                    "name": f"Benchgemeente {i:03d}",
                    "cbs_code": f"GM9{i:03d}",
                    "region": "Bench",
                    "in_region": i <= in_region,
                }
                for i in range(1, n_gemeenten + 1)
            ]
        )
    Org = env["keten.organisation"]
    organisations = Org.search([("code", "like", "B-%")], order="id")
    if not organisations:
        vals = []
        for seq, (code, name, kind, membership, flags) in enumerate(ORGANISATIONS):
            vals.append(
                dict(
                    flags,
                    code=f"B-{code}",
                    name=name,
                    kind=kind,
                    membership=membership,
                    membership_sequence=seq,
                    gemeente_id=gemeenten[0].id,
                    verschijningsvorm_ids=[
                        (6, 0, [env.ref(P + v).id for v in EXPERTISE.get(code, [])])
                    ],
                )
            )
        organisations = Org.create(vals)
    orgs = {org.code[2:]: org for org in organisations}
    users = {}
    Users = env["res.users"].with_context(no_reset_password=True)
    base = env.ref("base.group_user")
    for login, name, group, org_codes in (
        ("bench.partner", "Bench Partner (Moviera)", "group_ketenpartner", ["MOV"]),
        ("bench.regie", "Bench Regievoerder (ZVH)", "group_ketenregie", ["ZVH"]),
        ("bench.zorg", "Bench Zorgcoördinator (MEE)", "group_ketenpartner", ["MEE"]),
    ):
        user = Users.search([("login", "=", login)])
        if not user:
            user = Users.create(
                {
                    "name": name,
                    "login": login,
                    "tz": "Europe/Amsterdam",
                    "groups_id": [(6, 0, [base.id, env.ref(P + group).id])],
                    "keten_organisation_ids": [(6, 0, [orgs[c].id for c in org_codes])],
                }
            )
        users[login] = user
    return gemeenten, orgs, users


# ----------------------------------------------------------------------
# Specifications: what each dossier will be, decided up front
# ----------------------------------------------------------------------
def make_specs(n, rng, today, gemeente_ids):
    """``n`` dossier specifications in chronological order; the first
    municipalities are the largest."""
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(gemeente_ids))]
    specs = []
    span = YEARS * 365
    for _i in range(n):
        # more signals later on: recognition improves (the density grows linearly)
        age = int(span * (1 - math.sqrt(rng.random())))
        opened = today - timedelta(days=age)
        # open dossiers are recent
        open_chance = 0.75 if age < 240 else 0.3 if age < 540 else 0.03
        wel = rng.random() < 0.62
        if rng.random() < open_chance and age >= 1:
            final = weighted(rng, OPEN_STAGE_WEIGHTS)
            if final not in PATH_WEL[:3]:
                wel = True
        elif wel:
            final = "stage_geevalueerd" if rng.random() < 0.7 else "stage_afgesloten"
        else:
            final = "stage_afgeschaald"
        path = PATH_WEL if final in PATH_WEL else PATH_GEEN
        path = path[: path.index(final) + 1]
        # the day each stage is entered, squeezed into the dossier's age
        offsets, day = [0], 0
        for previous in path[:-1]:
            low, high = STAGE_DAYS.get(previous, (1, 5))
            day += rng.randint(low, high) * 7 // 5
            offsets.append(day)
        if offsets[-1] > age:
            factor = age / offsets[-1] if offsets[-1] else 0
            offsets = [int(o * factor) for o in offsets]
        entered = dict(
            zip(path, (opened + timedelta(days=o) for o in offsets), strict=True)
        )
        if rng.random() < UNKNOWN_VORM_CHANCE:
            vormen = ["vorm_onbekend"]
        else:
            vormen = [weighted(rng, VORM_MAIN)]
            if rng.random() < SECOND_VORM_CHANCE:
                others = {k: w for k, w in VORM_MAIN.items() if k != vormen[0]}
                vormen.append(weighted(rng, others))
        under = rng.random()
        years = (
            rng.randint(12, 17)
            if under < 0.15
            else rng.randint(18, 22)
            if under < 0.40
            else rng.randint(23, 60)
        )
        woon = rng.choices(gemeente_ids, weights=weights, k=1)[0]
        specs.append(
            {
                "opened": opened,
                "path": path,
                "entered": entered,
                "wel": wel,
                "vormen": vormen,
                "birth": opened - timedelta(days=years * 365 + rng.randint(0, 364)),
                "female": rng.random() < 0.75
                if "vorm_arbeid" not in vormen
                else rng.random() < 0.45,
                "country": weighted(rng, COUNTRIES),
                "woongemeente": woon,
                "uitbuiting": woon
                if rng.random() < 0.75
                else rng.choices(gemeente_ids, weights=weights, k=1)[0],
                "registering": weighted(rng, REGISTERING),
                "suspects": rng.choices([0, 1, 2], weights=[45, 45, 10])[0],
                "extra_victims": rng.choices([0, 1, 2], weights=[88, 9, 3])[0],
                "meldingen": rng.choices([1, 2, 3, 4, 6], weights=[70, 18, 7, 3, 2])[0],
                "interventies": rng.choices(
                    [1, 2, 3, 4, 6, 8], weights=[20, 30, 25, 12, 8, 5]
                )[0],
                "urgency": rng.choices(["0", "1", "2"], weights=[80, 15, 5])[0],
                "criminal": rng.random() < 0.35,
            }
        )
    specs.sort(key=lambda s: s["opened"])
    return specs


# ----------------------------------------------------------------------
# The batch
# ----------------------------------------------------------------------
class Batch:
    def __init__(self, env, rng, today, config, specs):
        self.env = env
        self.rng = rng
        self.today = today
        self.now = datetime.now() - timedelta(minutes=10)
        self.__dict__.update(config)
        self.specs = specs

    def at(self, day, hour=10):
        return min(
            datetime.combine(day, datetime.min.time()) + timedelta(hours=hour), self.now
        )

    def reached(self, spec, stage):
        return stage in spec["entered"]


def generate(
    env, n, batch_size=500, seed=20261122, today=None, commit=True, report=None
):
    """Create ``n`` dossiers with everything recorded on them; return counts and
    rows per second. ``report(text)`` hears of every batch."""
    env = env(context=dict(env.context, **CTX))
    rng = random.Random(seed)
    today = today or date.today()
    gemeenten, orgs, users = ensure_config(env)
    ref = env.ref
    config = {
        "gemeenten": gemeenten,
        "orgs": orgs,
        "users": users,
        "vormen": {key: ref(P + key).id for key in (*VORM_MAIN, "vorm_onbekend")},
        "stages": {key: ref(P + key) for key in PATH_WEL + ["stage_afgeschaald"]},
        "countries": {code: ref(f"base.{code}").id for code in COUNTRIES},
        "activity_type": ref("mail.mail_activity_data_todo").id,
        "counts": dict.fromkeys(COUNT_KEYS, 0),
    }
    specs = make_specs(n, rng, today, gemeenten.ids)
    started = time.perf_counter()
    for start in range(0, n, batch_size):
        batch = Batch(env, rng, today, config, specs[start : start + batch_size])
        for step in STEPS:
            step(batch)
        env.flush_all()
        if commit:
            env.cr.commit()
        env.invalidate_all()
        elapsed = time.perf_counter() - started
        done = start + len(batch.specs)
        message = f"{done}/{n} dossiers, {elapsed:.0f} s ({done / elapsed:.1f}/s)"
        _logger.info("bench data: %s", message)
        if report:
            report(message)
    termijnen_started = time.perf_counter()
    counts_open = env["keten.deadline"]._start_open_cases(
        after_batch=env.cr.commit if commit else None
    )
    termijn_seconds = time.perf_counter() - termijnen_started
    if report:
        report(f"termijnen of the open cases: {counts_open} in {termijn_seconds:.0f} s")
    seconds = time.perf_counter() - started
    counts = dict(config["counts"], termijnen_open=counts_open)
    rows = sum(counts.values())
    counts.update(
        termijnen_seconds=round(termijn_seconds, 1),
        seconds=round(seconds, 1),
        rows_per_second=round(rows / seconds, 1),
        dossiers_per_second=round(n / seconds, 1),
    )
    return counts


def _create_persons(b):
    rng = b.rng
    vals, owners = [], []
    for index, spec in enumerate(b.specs):
        victims = 1 + spec["extra_victims"]
        for k in range(victims):
            female = spec["female"] if k == 0 else rng.random() < 0.7
            vals.append(
                {
                    "first_name": rng.choice(
                        FIRST_NAMES_F if female else FIRST_NAMES_M
                    ),
                    "last_name": rng.choice(LAST_NAMES),
                    "birth_date": spec["birth"]
                    - timedelta(days=rng.randint(0, 900) * k),
                    "gender": "vrouw" if female else "man",
                    "nationality_id": b.countries[
                        spec["country"] if k == 0 else weighted(rng, COUNTRIES)
                    ],
                    "woongemeente_id": spec["woongemeente"],
                }
            )
            owners.append((index, "slachtoffer"))
        for _k in range(spec["suspects"]):
            vals.append(
                {
                    "first_name": rng.choice(FIRST_NAMES_M),
                    "last_name": rng.choice(LAST_NAMES),
                    "gender": "man" if rng.random() < 0.8 else "vrouw",
                    "nationality_id": b.countries[weighted(rng, COUNTRIES)],
                }
            )
            owners.append((index, "verdachte"))
    persons = b.env["keten.person"].create(vals)
    for spec in b.specs:
        spec["victims"], spec["suspect_persons"] = [], []
    for (index, role), person in zip(owners, persons, strict=True):
        key = "victims" if role == "slachtoffer" else "suspect_persons"
        b.specs[index][key].append(person.id)
    b.counts["persons"] += len(persons)


def _create_dossiers(b):
    vals_list = []
    for spec in b.specs:
        links = [
            (0, 0, {"person_id": p, "role": "slachtoffer"}) for p in spec["victims"]
        ]
        links += [
            (0, 0, {"person_id": p, "role": "verdachte"})
            for p in spec["suspect_persons"]
        ]
        # zorgcoördinatie: MEE Samen under 23, Moviera from 23 on
        spec["zorg"] = (
            "MEE" if (spec["opened"] - spec["birth"]).days < 23 * 365 else "MOV"
        )
        vals_list.append(
            {
                "date_opened": spec["opened"],
                "summary": "Signalen van uitbuiting; gegevens verzameld door het meldpunt.",
                "verschijningsvorm_ids": [
                    (6, 0, [b.vormen[v] for v in spec["vormen"]])
                ],
                "woongemeente_id": spec["woongemeente"],
                "gemeente_uitbuiting_id": spec["uitbuiting"],
                "registering_organisation_id": b.orgs[spec["registering"]].id,
                "meldpunt_organisation_id": b.orgs["VT"].id,
                "regie_organisation_id": b.orgs["ZVH"].id,
                "regie_user_id": b.users["bench.regie"].id,
                "zorgcoordinator_organisation_id": b.orgs[spec["zorg"]].id
                if spec["wel"]
                else False,
                "urgency": spec["urgency"],
                "person_link_ids": links,
            }
        )
    dossiers = b.env["keten.dossier"].create(vals_list)
    for spec, dossier in zip(b.specs, dossiers, strict=True):
        spec["dossier"] = dossier.id
    b.counts["dossiers"] += len(dossiers)


def _create_meldingen(b):
    rng = b.rng
    vals_list = []
    for spec in b.specs:
        kind = (
            "seksbranche"
            if "vorm_seksueel" in spec["vormen"]
            else "arbeid"
            if "vorm_arbeid" in spec["vormen"]
            else "crimineel"
            if "vorm_crimineel" in spec["vormen"]
            else "onbekend"
        )
        last_day = (
            b.today
            if spec["path"][-1]
            not in ("stage_afgeschaald", "stage_afgesloten", "stage_geevalueerd")
            else spec["entered"][spec["path"][-1]]
        )
        for k in range(spec["meldingen"]):
            day = (
                spec["opened"]
                if k == 0
                else min(spec["opened"] + timedelta(days=rng.randint(1, 200)), last_day)
            )
            source = weighted(rng, SOURCE_TYPES)
            org = spec["registering"] if k == 0 else weighted(rng, REGISTERING)
            vals_list.append(
                {
                    "dossier_id": spec["dossier"],
                    "date_received": b.at(day, rng.randint(8, 17)),
                    "channel": weighted(rng, CHANNELS),
                    "category": rng.choices(
                        ["melding", "signaal", "adviesvraag"], weights=[60, 30, 10]
                    )[0],
                    "organisation_id": b.orgs[org].id,
                    "source_type": source,
                    "melder_anonymous": source == "anoniem",
                    "melder_name": False if source == "anoniem" else "Melder",
                    "melder_role": False if source == "anoniem" else "Professional",
                    "content": "Signalen van uitbuiting.",
                    "person_ids": [(6, 0, spec["victims"])],
                    "suspect_ids": [(6, 0, spec["suspect_persons"])],
                    "verschijningsvorm_ids": [
                        (6, 0, [b.vormen[v] for v in spec["vormen"]])
                    ],
                    "location_type": weighted(rng, LOCATION_TYPES[kind]),
                    "gemeente_uitbuiting_id": spec["uitbuiting"],
                    "woongemeente_id": spec["woongemeente"],
                    "nr_victims": len(spec["victims"]),
                    "nr_offenders": len(spec["suspect_persons"]),
                    "frequency": rng.choice(["incidenteel", "structureel", "onbekend"]),
                    "politie_gebeld": rng.random() < 0.3,
                    "hulpverlening_betrokken": rng.random() < 0.5,
                }
            )
    # Signals that never became a dossier: advice questions and situatieschetsen.
    for spec in b.specs:
        if rng.random() < 0.25:
            vals_list.append(
                {
                    "date_received": b.at(spec["opened"], rng.randint(8, 17)),
                    "channel": weighted(rng, CHANNELS),
                    "category": rng.choice(["adviesvraag", "signaal"]),
                    "organisation_id": b.orgs[weighted(rng, REGISTERING)].id,
                    "source_type": "professional",
                    "melder_name": "Melder",
                    "content": "Situatieschets zonder namen.",
                    "is_situatieschets": True,
                    "verschijningsvorm_ids": [
                        (6, 0, [b.vormen[v] for v in spec["vormen"]])
                    ],
                    "gemeente_uitbuiting_id": spec["uitbuiting"],
                    "handled_without_dossier": True,
                    "handling_note": "Advies gegeven.",
                    "date_handled": min(spec["opened"] + timedelta(days=3), b.today),
                }
            )
            b.counts["meldingen_without_dossier"] += 1
    b.env["keten.melding"].create(vals_list)
    b.counts["meldingen"] += len(vals_list)


def _create_wegingen(b):
    rng = b.rng
    first, second = [], []
    for spec in b.specs:
        path = spec["path"]
        if len(path) > 3:  # left Signaleren: a confirmed 1e weging
            geen = not spec["wel"]
            overdracht = geen and rng.random() < 0.4
            spec["overdracht"] = overdracht
            first.append(
                {
                    "dossier_id": spec["dossier"],
                    "weging_type": "eerste",
                    "actueel": rng.choices(
                        ["ja", "nee", "onbekend"], weights=[70, 20, 10]
                    )[0],
                    "acuut_volgens_melder": "ja" if spec["urgency"] == "2" else "nee",
                    "veiligheid": "onveilig" if spec["urgency"] != "0" else "veilig",
                    "kwalificatie": "geen" if geen else "wel",
                    "afschaling_type": ("overdracht" if overdracht else "afschalen")
                    if geen
                    else False,
                    "overdracht_organisation_id": b.orgs[
                        rng.choice(["GGD", "JB", "MEE", "GEM"])
                    ].id
                    if overdracht
                    else False,
                    "date": b.at(spec["entered"][path[3]], 14),
                }
            )
        if "stage_plan_van_aanpak" in spec["entered"]:
            criminal = spec["criminal"]
            second.append(
                {
                    "dossier_id": spec["dossier"],
                    "weging_type": "tweede",
                    "kwalificatie": "wel",
                    "zorg": "wel" if rng.random() < 0.9 else "geen",
                    "melder_gehoord": True,
                    "factor_lvb": rng.random() < 0.2,
                    "factor_psychisch": rng.random() < 0.3,
                    "factor_verslaving": rng.random() < 0.15,
                    "traject_zorg": not criminal,
                    "traject_zorg_strafrecht": criminal,
                    "traject_ondermijning": "vorm_crimineel" in spec["vormen"]
                    and rng.random() < 0.3,
                    "date": b.at(spec["entered"]["stage_plan_van_aanpak"], 11),
                }
            )
    Weging = b.env["keten.weging"]
    wegingen = Weging.create(first)
    wegingen.write({"state": "vastgesteld"})
    later = Weging.create(second)
    later.write({"state": "vastgesteld"})
    b.counts["wegingen"] += len(wegingen) + len(later)


def _create_overleggen(b):
    """One casusoverleg a week over the batch's period; every dossier that reached
    the casusoverleg goes on the agenda of the first one after it got there."""
    by_week = {}
    for spec in b.specs:
        entered = spec["entered"].get("stage_casusoverleg")
        if entered:
            monday = entered + timedelta(days=(7 - entered.weekday()) % 7 or 7)
            if monday >= b.today:
                monday = entered
            by_week.setdefault(monday, []).append(spec)
    if not by_week:
        return
    invited = [b.orgs[c].id for c in ("VT", "ZVH", "GEM", "POL", "OM")]
    Overleg = b.env["keten.casusoverleg"]
    days = sorted(by_week)
    overleggen = Overleg.create(
        [
            {
                "date_start": b.at(day, 9) if day < b.today else b.now,
                "overleg_type": "spoed"
                if any(s["urgency"] == "2" for s in by_week[day])
                and b.rng.random() < 0.3
                else "regulier",
                "location": "Zorg- en Veiligheidshuis",
                "procesregie_organisation_id": b.orgs["ZVH"].id,
                "invited_organisation_ids": [(6, 0, invited)],
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "dossier_id": spec["dossier"],
                            "deadline": day + timedelta(days=14),
                            "question": "Is er sprake van mensenhandel en wie doet wat?",
                        },
                    )
                    for spec in by_week[day]
                ],
            }
            for day in days
        ]
    )
    past = overleggen.filtered(lambda o: o.date_start.date() < b.today)
    past.action_fill_attendance()
    past.action_hold()
    past.item_ids.write(
        {
            "decisions": "Wel mensenhandel; zorgtraject. Plan van aanpak binnen 10 werkdagen."
        }
    )
    past.action_approve()
    b.counts["casusoverleggen"] += len(overleggen)
    b.counts["agenda_items"] += len(overleggen.item_ids)


def _create_plans(b):
    rng = b.rng
    vals_list = []
    for spec in b.specs:
        if "stage_uitvoering" not in spec["entered"]:
            continue
        actions = [
            ("Zorgcoördinatie en hulpverleningsplan", spec["zorg"]),
            ("Veilige opvang", spec["zorg"]),
            ("Inkomen en huisvesting", "GEM"),
        ]
        if spec["criminal"]:
            actions.append(("Aangifte en verhoor", "POL"))
        if rng.random() < 0.3:
            actions.append(("Verblijfsrecht (B8)", "IND"))
        vals_list.append(
            {
                "dossier_id": spec["dossier"],
                "goal": "Slachtoffer veilig, uit de uitbuitingssituatie, met "
                "perspectief op herstel.",
                "results": "Veilige woonplek, hulpverlening gestart.",
                "role_division": "Zie acties.",
                "action_ids": [
                    (
                        0,
                        0,
                        {
                            "name": name,
                            "organisation_id": b.orgs[code].id,
                            "rasci_role": "R",
                        },
                    )
                    for name, code in actions
                ],
            }
        )
        b.counts["plan_actions"] += len(actions)
    plans = b.env["keten.plan"].create(vals_list)
    # what action_adopt does, for the whole batch at once and without its
    # chatter note (one message per plan cost more than the rest of the plan)
    plans.write({"state": "vastgesteld", "adopted_by_id": b.env.uid})
    plans.action_ids._on_plan_adopted()
    days = {
        spec["dossier"]: spec["entered"]["stage_uitvoering"]
        for spec in b.specs
        if "stage_uitvoering" in spec["entered"]
    }
    for plan in plans:
        plan.date_adopted = days[plan.dossier_id.id]
    b.counts["plans"] += len(plans)


def _create_interventies(b):
    rng = b.rng
    vals_list, finished = [], []
    for spec in b.specs:
        start_day = spec["entered"].get("stage_uitvoering")
        if not start_day:
            continue
        closed = "stage_afgesloten" in spec["entered"]
        end_limit = spec["entered"]["stage_afgesloten"] if closed else b.today
        for _k in range(spec["interventies"]):
            kind = weighted(rng, INTERVENTION_TYPES)
            if kind == "strafrechtelijk" and not spec["criminal"]:
                kind = "zorg"
            owner = {
                "strafrechtelijk": "POL",
                "opvang": spec["zorg"],
                "b8": "IND",
                "fiscaal": "BD",
                "bestuursrechtelijk": "GEM",
            }.get(kind, rng.choice(["MOV", "MEE", "GGD", "GEM", "JB", "COM"]))
            start = min(start_day + timedelta(days=rng.randint(0, 40)), end_limit)
            end = min(start + timedelta(days=rng.randint(14, 160)), end_limit)
            done = closed or end < b.today - timedelta(days=1)
            vals_list.append(
                {
                    "dossier_id": spec["dossier"],
                    "name": "Interventie",
                    "intervention_type": kind,
                    "organisation_id": b.orgs[owner].id,
                    "date_start": start,
                    "date_review": start + timedelta(days=30),
                }
            )
            finished.append((done, end))
    interventies = b.env["keten.interventie"].create(vals_list)
    interventies.write({"state": "lopend"})
    for (done, end), interventie in zip(finished, interventies, strict=True):
        if done:
            interventie.write(
                {
                    "state": "afgerond",
                    "result": weighted(rng, INTERVENTION_RESULTS),
                    "date_end": end,
                }
            )
    b.counts["interventies"] += len(interventies)


def _create_strafrecht(b):
    vals_list = [
        {
            "dossier_id": spec["dossier"],
            "organisation_id": b.orgs[
                "NLA" if "vorm_arbeid" in spec["vormen"] else "POL"
            ].id,
            "state": "onderzoek",
            "date_start": spec["entered"]["stage_uitvoering"],
            "verdenking": "Art. 273f Sr",
            "care_contact_organisation_id": b.orgs["MOV"].id,
        }
        for spec in b.specs
        if spec["criminal"] and "stage_uitvoering" in spec["entered"]
    ]
    b.env["keten.strafrecht"].create(vals_list)
    b.counts["strafrecht"] += len(vals_list)


def _create_evaluaties(b):
    vals_list, held = [], []
    for spec in b.specs:
        closing = spec["entered"].get("stage_afgesloten")
        if not closing:
            continue
        done = spec["entered"].get("stage_geevalueerd")
        vals_list.append(
            {
                "name": "Casusevaluatie",
                "level": "casus",
                "dossier_id": spec["dossier"],
                "procesbegeleider_organisation_id": b.orgs["RIEC"].id,
                "date_planned": done or closing + timedelta(days=40),
                "case_description": "Jonge vrouw, seksuele uitbuiting, opvang geregeld.",
                "went_well": "Snelle 1e weging.",
                "to_improve": "Terugkoppeling aan de melder.",
            }
        )
        held.append(done)
    evaluaties = b.env["keten.evaluatie"].create(vals_list)
    for done, evaluatie in zip(held, evaluaties, strict=True):
        if done:
            evaluatie.write({"state": "uitgevoerd", "date_done": done})
            evaluatie.write(
                {
                    "lesson_ids": [
                        (
                            0,
                            0,
                            {
                                "category": "processen",
                                "description": "Eerder de zorgcoördinator betrekken.",
                            },
                        )
                    ]
                }
            )
            evaluatie.write({"state": "vastgesteld"})
    b.counts["evaluaties"] += len(evaluaties)


def _walk_stages(b):
    """Every dossier goes through its stages one by one; the guards run."""
    Dossier = b.env["keten.dossier"]
    closing = [s["dossier"] for s in b.specs if "stage_afgesloten" in s["entered"]]
    Dossier.browse(closing).write(
        {"nazorg_status": "geregeld", "nazorg_note": "Nazorg via Moviera."}
    )
    reasons = {}
    for spec in b.specs:
        if spec.get("overdracht"):
            reasons.setdefault("overgedragen", []).append(spec["dossier"])
        elif "stage_afgesloten" in spec["entered"]:
            reason = b.rng.choices(
                ["afgerond", "buiten_regio", "geen_contact", "overig"],
                weights=[85, 6, 7, 2],
            )[0]
            reasons.setdefault(reason, []).append(spec["dossier"])
    for reason, ids in reasons.items():
        Dossier.browse(ids).write({"closing_reason": reason})
    for step in range(1, len(PATH_WEL)):
        groups = {}
        for spec in b.specs:
            if step < len(spec["path"]):
                groups.setdefault(spec["path"][step], []).append(spec["dossier"])
        for key, ids in groups.items():
            Dossier.browse(ids).write({"stage_id": b.stages[key].id})


def _date_history(b):
    """Move the stage history and closing dates into the past: the ORM stamps
    "now" on a stage change. Rows of a dossier were made in the order of its path."""
    b.env.flush_all()
    cr = b.env.cr
    by_dossier = {s["dossier"]: s for s in b.specs}
    cr.execute(
        "SELECT id, dossier_id FROM keten_dossier_stage_history"
        " WHERE dossier_id = ANY(%s) ORDER BY dossier_id, id",
        [list(by_dossier)],
    )

    def moment(spec, seq):
        day = spec["entered"][spec["path"][seq]]
        return datetime.combine(day, datetime.min.time()) + timedelta(hours=9)

    ids, starts, ends, seen = [], [], [], {}
    for row_id, dossier_id in cr.fetchall():
        spec = by_dossier[dossier_id]
        seq = seen[dossier_id] = seen.get(dossier_id, -1) + 1
        ids.append(row_id)
        starts.append(moment(spec, seq))
        ends.append(moment(spec, seq + 1) if seq + 1 < len(spec["path"]) else None)
    cr.execute(
        """
        UPDATE keten_dossier_stage_history h
           SET date_start = v.date_start, date_end = v.date_end
          FROM unnest(%s::int[], %s::timestamp[], %s::timestamp[])
               AS v(id, date_start, date_end)
         WHERE h.id = v.id
        """,
        [ids, starts, ends],
    )
    b.counts["stage_history"] += cr.rowcount
    last = [(s["dossier"], s["entered"][s["path"][-1]]) for s in b.specs]
    cr.execute(
        """
        UPDATE keten_dossier d
           SET date_last_stage_update = v.day + time '09:00',
               date_closed = CASE WHEN d.date_closed IS NULL THEN NULL ELSE v.day END
          FROM unnest(%s::int[], %s::date[]) AS v(id, day)
         WHERE d.id = v.id
        """,
        [[x[0] for x in last], [x[1] for x in last]],
    )
    cr.execute(
        """
        UPDATE keten_melding m SET state = 'afgerond'
          FROM keten_dossier d
         WHERE m.dossier_id = d.id AND d.is_closed AND d.id = ANY(%s)
        """,
        [list(by_dossier)],
    )
    b.env.invalidate_all()


def _create_activities(b):
    """An open to-do on most open dossiers, for the regievoerder."""
    model_id = b.env["ir.model"]._get_id("keten.dossier")
    vals_list = [
        {
            "res_model_id": model_id,
            "res_id": spec["dossier"],
            "activity_type_id": b.activity_type,
            "summary": "Voortgang bespreken",
            "user_id": b.users["bench.regie"].id,
            "date_deadline": b.today + timedelta(days=b.rng.randint(-20, 20)),
        }
        for spec in b.specs
        if spec["path"][-1] in OPEN_STAGE_WEIGHTS and b.rng.random() < 0.8
    ]
    b.env["mail.activity"].create(vals_list)
    b.counts["activities"] += len(vals_list)


STEPS = [
    _create_persons,
    _create_dossiers,
    _create_meldingen,
    _create_wegingen,
    _create_overleggen,
    _create_plans,
    _create_interventies,
    _create_strafrecht,
    _create_evaluaties,
    _walk_stages,
    _date_history,
    _create_activities,
]


def generate_tasks(env, n, batch_size=2000, seed=20261122):
    """``n`` project.task records in one project with six stages, for comparison:
    tags, an assignee, a few with an activity, like the dossiers."""
    env = env(context=dict(env.context, **CTX))
    rng = random.Random(seed)
    project = env["project.project"].search([("name", "=", "Bench project")], limit=1)
    if not project:
        stages = env["project.task.type"].create(
            [{"name": f"Stage {i}", "sequence": i} for i in range(1, 7)]
        )
        project = env["project.project"].create(
            {"name": "Bench project", "type_ids": [(6, 0, stages.ids)]}
        )
    stages = project.type_ids
    tags = env["project.tags"].search([("name", "like", "bench%")])
    if not tags:
        tags = env["project.tags"].create([{"name": f"bench{i}"} for i in range(5)])
    admin = env.ref("base.user_admin")
    done = env["project.task"].search_count([("project_id", "=", project.id)])
    while done < n:
        size = min(batch_size, n - done)
        env["project.task"].create(
            [
                {
                    "name": f"Taak {done + i}",
                    "project_id": project.id,
                    "stage_id": rng.choice(stages).id,
                    "tag_ids": [(6, 0, [rng.choice(tags).id])],
                    "user_ids": [(6, 0, admin.ids)],
                    "priority": rng.choice(["0", "1"]),
                }
                for i in range(size)
            ]
        )
        done += size
        env.cr.commit()
        env.invalidate_all()
    return project
