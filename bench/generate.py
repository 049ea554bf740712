"""Realistic data for the benchmark, created in batches through the ORM.

Distributions follow the domain brief (CoMensha 2015-2019 and the regional pilots):
~58 % seksuele uitbuiting, ~20 % arbeidsuitbuiting, ~10 % criminele uitbuiting,
~1 % gedwongen orgaanverwijdering, ~11 % onbekend; ~40 % under 23, mostly female.
A ten-year national deployment is mostly closed dossiers; the open ones are spread
over the stages of hoofdstap 2 to 4.

Every record passes the module's constraints and stage guards: dossiers are created
in the first stage, their wegingen and plans are created and confirmed, and only then
the stage is written, as a user would.
"""

import logging
import random
import time
from datetime import date, datetime, timedelta

_logger = logging.getLogger(__name__)

P = "ketenaanpak_mensenhandel."
CTX = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "keten_skip_access_log": True,
}

VORM_WEIGHTS = [
    ("vorm_seksueel", 58),
    ("vorm_arbeid", 20),
    ("vorm_crimineel", 10),
    ("vorm_orgaan", 1),
    ("vorm_onbekend", 11),
]
# (stage xmlid, weight): about 70 % closed, 30 % open
STAGE_WEIGHTS = [
    ("stage_melding_ontvangen", 4),
    ("stage_dossier_verrijken", 3),
    ("stage_eerste_weging", 3),
    ("stage_afgeschaald", 25),
    ("stage_casusoverleg", 4),
    ("stage_tweede_weging", 3),
    ("stage_plan_van_aanpak", 3),
    ("stage_uitvoering", 5),
    ("stage_monitoring", 3),
    ("stage_nazorg", 2),
    ("stage_afgesloten", 15),
    ("stage_geevalueerd", 30),
]
CHANNELS = (
    ["telefoon"] * 5
    + ["email"] * 3
    + ["via_partner"] * 3
    + ["formulier", "persoonlijk"]
)
INTERVENTION_TYPES = (
    ["zorg"] * 5
    + ["opvang"] * 3
    + ["strafrechtelijk"] * 2
    + ["bestuursrechtelijk", "fiscaal", "nazorg", "b8", "overdracht", "veiligheid"]
)
FIRST_NAMES = [
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
    "Tim",
    "Daan",
    "Milan",
    "Ahmed",
    "Pjotr",
    "Tomasz",
]
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
    "Peters",
]


def weighted(rng, pairs):
    keys = [k for k, _w in pairs]
    weights = [w for _k, w in pairs]
    return rng.choices(keys, weights=weights, k=1)[0]


def ensure_config(env, n_gemeenten=60, n_organisations=40):
    """Municipalities, organisations and one partner user; idempotent."""
    Gemeente = env["keten.gemeente"]
    gemeenten = Gemeente.search([("cbs_code", "like", "BM%")])
    if not gemeenten:
        gemeenten = Gemeente.create(
            [
                {"name": f"Benchgemeente {i:03d}", "cbs_code": f"BM{i:04d}"}
                for i in range(1, n_gemeenten + 1)
            ]
        )
    Org = env["keten.organisation"]
    organisations = Org.search([("code", "like", "BENCH%")])
    if not organisations:
        kinds = ["gemeente", "zorg", "veiligheid", "justitie", "overig"]
        vals = []
        for i in range(1, n_organisations + 1):
            vals.append(
                {
                    "name": f"Bench organisatie {i:03d}",
                    "code": f"BENCH{i:03d}",
                    "kind": kinds[i % len(kinds)],
                    "membership": "ketenregieteam" if i <= 8 else "flexibele_schil",
                    "is_meldpunt": i == 1,
                    "is_procesregie": i == 2,
                    "is_justice": i in (3, 4),
                }
            )
        organisations = Org.create(vals)
    partner_org = organisations.filtered(lambda o: o.code == "BENCH010")
    users = env["res.users"].with_context(no_reset_password=True)
    partner = users.search([("login", "=", "bench.partner")])
    if not partner:
        partner = users.create(
            {
                "name": "Bench Partner",
                "login": "bench.partner",
                "password": "bench.partner",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            env.ref("base.group_user").id,
                            env.ref(P + "group_ketenpartner").id,
                        ],
                    )
                ],
                "keten_organisation_ids": [(6, 0, partner_org.ids)],
            }
        )
    return gemeenten, organisations, partner


class _Batch:
    """What one batch needs: the shared configuration and the specs of its dossiers."""

    def __init__(self, env, rng, today, config):
        self.env = env
        self.rng = rng
        self.today = today
        self.now = datetime.now() - timedelta(minutes=5)
        self.__dict__.update(config)
        self.specs = []


def generate(env, n, batch_size=500, seed=20261122, today=None):
    """Create ``n`` dossiers with meldingen, persons, wegingen, plans, interventies,
    evaluaties and activities. Returns a dict of counts."""
    env = env(context=dict(env.context, **CTX))
    rng = random.Random(seed)
    ref = env.ref
    gemeenten, organisations, _partner = ensure_config(env)
    config = {
        "gemeenten": gemeenten,
        "organisations": organisations,
        "vormen": {key: ref(P + key) for key, _w in VORM_WEIGHTS},
        "stages": {key: ref(P + key) for key, _w in STAGE_WEIGHTS},
        "meldpunt": organisations.filtered("is_meldpunt"),
        "procesregie": organisations.filtered("is_procesregie"),
        "countries": [ref("base.nl")] * 6
        + [ref(f"base.{c}") for c in ("ro", "pl", "bg", "ng", "ua", "ma")],
        "admin": env.ref("base.user_admin"),
        "activity_type": env.ref("mail.mail_activity_data_todo"),
        "counts": dict.fromkeys(
            (
                "dossiers",
                "meldingen",
                "persons",
                "wegingen",
                "plans",
                "interventies",
                "evaluaties",
                "activities",
            ),
            0,
        ),
    }
    started = time.time()
    remaining = n
    while remaining > 0:
        size = min(batch_size, remaining)
        remaining -= size
        batch = _Batch(env, rng, today or date.today(), config)
        _make_specs(batch, size)
        for step in STEPS:
            step(batch)
        env.cr.commit()
        env.invalidate_all()
        _logger.info(
            "bench data: %s/%s dossiers, %.0f s",
            n - remaining,
            n,
            time.time() - started,
        )
    counts = dict(config["counts"], seconds=round(time.time() - started, 1))
    return counts


def _make_specs(b, size):
    rng = b.rng
    for _i in range(size):
        opened = b.today - timedelta(days=rng.randint(0, 3650))
        age = rng.choices(
            [rng.randint(12, 17), rng.randint(18, 22), rng.randint(23, 60)],
            weights=[15, 25, 60],
        )[0]
        b.specs.append(
            {
                "opened": opened,
                "birth": opened - timedelta(days=age * 365 + rng.randint(0, 364)),
                "gender": rng.choices(["vrouw", "man", "x"], weights=[75, 23, 2])[0],
                "stage": weighted(rng, STAGE_WEIGHTS),
                "vorm": weighted(rng, VORM_WEIGHTS),
                "org": rng.choice(b.organisations),
                "suspect": rng.random() < 0.5,
                "meldingen": rng.choices([1, 2, 3], weights=[75, 20, 5])[0],
                "interventies": rng.choices(
                    [0, 1, 2, 3, 4], weights=[20, 35, 25, 12, 8]
                )[0],
            }
        )


def _create_persons(b):
    rng = b.rng
    Person = b.env["keten.person"]
    victims = Person.create(
        [
            {
                "first_name": rng.choice(FIRST_NAMES),
                "last_name": rng.choice(LAST_NAMES),
                "birth_date": spec["birth"],
                "gender": spec["gender"],
                "nationality_id": rng.choice(b.countries).id,
                "woongemeente_id": rng.choice(b.gemeenten).id,
            }
            for spec in b.specs
        ]
    )
    suspects = iter(
        Person.create(
            [
                {
                    "first_name": rng.choice(FIRST_NAMES),
                    "last_name": rng.choice(LAST_NAMES),
                    "gender": "man",
                }
                for spec in b.specs
                if spec["suspect"]
            ]
        )
    )
    for spec, victim in zip(b.specs, victims, strict=True):
        spec["victim"] = victim
        spec["suspect_person"] = next(suspects) if spec["suspect"] else None
    b.counts["persons"] += len(b.specs) + sum(1 for s in b.specs if s["suspect"])


def _create_dossiers(b):
    vals_list = []
    for spec in b.specs:
        links = [(0, 0, {"person_id": spec["victim"].id, "role": "slachtoffer"})]
        if spec["suspect_person"]:
            links.append(
                (0, 0, {"person_id": spec["suspect_person"].id, "role": "verdachte"})
            )
        vals_list.append(
            {
                "date_opened": spec["opened"],
                "verschijningsvorm_ids": [(6, 0, b.vormen[spec["vorm"]].ids)],
                "woongemeente_id": spec["victim"].woongemeente_id.id,
                "gemeente_uitbuiting_id": b.rng.choice(b.gemeenten).id,
                "registering_organisation_id": spec["org"].id,
                "meldpunt_organisation_id": b.meldpunt.id,
                "regie_organisation_id": b.procesregie.id,
                "urgency": b.rng.choices(["0", "1", "2"], weights=[80, 15, 5])[0],
                "person_link_ids": links,
            }
        )
    dossiers = b.env["keten.dossier"].create(vals_list)
    for spec, dossier in zip(b.specs, dossiers, strict=True):
        spec["dossier"] = dossier
    b.counts["dossiers"] += len(dossiers)


def _create_meldingen(b):
    rng = b.rng
    vals_list = []
    for spec in b.specs:
        dossier = spec["dossier"]
        for k in range(spec["meldingen"]):
            received = datetime.combine(
                spec["opened"], datetime.min.time()
            ) + timedelta(days=k * rng.randint(1, 60), hours=rng.randint(8, 17))
            vals_list.append(
                {
                    "dossier_id": dossier.id,
                    "date_received": min(received, b.now),
                    "channel": rng.choice(CHANNELS),
                    "category": rng.choices(
                        ["melding", "signaal", "adviesvraag"], weights=[60, 30, 10]
                    )[0],
                    "organisation_id": spec["org"].id,
                    "melder_name": "Melder",
                    "content": "Signalen van uitbuiting.",
                    "person_ids": [(6, 0, spec["victim"].ids)],
                    "verschijningsvorm_ids": [(6, 0, b.vormen[spec["vorm"]].ids)],
                    "gemeente_uitbuiting_id": dossier.gemeente_uitbuiting_id.id,
                }
            )
    b.env["keten.melding"].create(vals_list)
    b.counts["meldingen"] += len(vals_list)


ORDER = [key for key, _w in STAGE_WEIGHTS]
PAST_SIGNALERING = set(ORDER[3:])
PAST_ANALYSE = set(ORDER[7:])
GEEN = {"stage_afgeschaald"}
CLOSED = {"stage_afgesloten", "stage_geevalueerd"}


def _at(day, **delta):
    return datetime.combine(day, datetime.min.time()) + timedelta(**delta)


def _create_wegingen(b):
    vals_list = []
    for spec in b.specs:
        dossier_id = spec["dossier"].id
        if spec["stage"] in PAST_SIGNALERING:
            geen = spec["stage"] in GEEN
            vals_list.append(
                {
                    "dossier_id": dossier_id,
                    "weging_type": "eerste",
                    "actueel": "ja",
                    "acuut_volgens_melder": "nee",
                    "veiligheid": "veilig",
                    "kwalificatie": "geen" if geen else "wel",
                    "afschaling_type": "afschalen" if geen else False,
                    "date": min(_at(spec["opened"], hours=12), b.now),
                }
            )
        if spec["stage"] in PAST_ANALYSE:
            vals_list.append(
                {
                    "dossier_id": dossier_id,
                    "weging_type": "tweede",
                    "kwalificatie": "wel",
                    "zorg": "wel",
                    "traject_zorg": True,
                    "date": min(_at(spec["opened"], days=10), b.now),
                }
            )
    wegingen = b.env["keten.weging"].create(vals_list)
    wegingen.write({"state": "vastgesteld"})
    b.counts["wegingen"] += len(wegingen)


def _create_plans(b):
    plans = b.env["keten.plan"].create(
        [
            {
                "dossier_id": spec["dossier"].id,
                "goal": "Veiligheid en passende zorg.",
                "state": "vastgesteld",
                "date_adopted": min(spec["opened"] + timedelta(days=20), b.today),
                "action_ids": [
                    (
                        0,
                        0,
                        {"name": "Zorgcoördinatie", "organisation_id": spec["org"].id},
                    )
                ],
            }
            for spec in b.specs
            if spec["stage"] in PAST_ANALYSE
        ]
    )
    b.counts["plans"] += len(plans)


def _create_interventies(b):
    rng = b.rng
    interventies, evaluaties = [], []
    for spec in b.specs:
        if spec["stage"] not in PAST_ANALYSE:
            continue
        finished = spec["stage"] in CLOSED
        for _k in range(spec["interventies"]):
            start = spec["opened"] + timedelta(days=rng.randint(20, 60))
            interventies.append(
                {
                    "dossier_id": spec["dossier"].id,
                    "name": "Interventie",
                    "intervention_type": rng.choice(INTERVENTION_TYPES),
                    "organisation_id": rng.choice(b.organisations).id,
                    "date_start": min(start, b.today),
                    "date_end": min(start + timedelta(days=90), b.today)
                    if finished
                    else False,
                    "state": "afgerond" if finished else "lopend",
                }
            )
        if finished:
            evaluaties.append(
                {
                    "name": "Casusevaluatie",
                    "dossier_id": spec["dossier"].id,
                    "date_planned": spec["opened"] + timedelta(days=200),
                    "state": "vastgesteld"
                    if spec["stage"] == "stage_geevalueerd"
                    else "gepland",
                }
            )
    b.env["keten.interventie"].create(interventies)
    b.env["keten.evaluatie"].create(evaluaties)
    b.counts["interventies"] += len(interventies)
    b.counts["evaluaties"] += len(evaluaties)


def _move_to_stages(b):
    """Write every dossier's stage through the ORM, so the guards run."""
    Dossier = b.env["keten.dossier"]
    Dossier.browse([s["dossier"].id for s in b.specs if s["stage"] in CLOSED]).write(
        {"nazorg_status": "geregeld"}
    )
    by_stage = {}
    for spec in b.specs:
        by_stage[spec["stage"]] = by_stage.get(spec["stage"], Dossier) | spec["dossier"]
    for key in ORDER:
        if key == "stage_melding_ontvangen" or key not in by_stage:
            continue
        if key == "stage_geevalueerd":
            by_stage[key].write({"stage_id": b.stages["stage_afgesloten"].id})
        by_stage[key].write({"stage_id": b.stages[key].id})


def _create_activities(b):
    """An open activity on most open dossiers."""
    model_id = b.env["ir.model"]._get_id("keten.dossier")
    vals_list = [
        {
            "res_model_id": model_id,
            "res_id": spec["dossier"].id,
            "activity_type_id": b.activity_type.id,
            "summary": "Opvolgen",
            "user_id": b.admin.id,
            "date_deadline": b.today + timedelta(days=b.rng.randint(-20, 20)),
        }
        for spec in b.specs
        if spec["stage"] not in CLOSED | GEEN and b.rng.random() < 0.8
    ]
    b.env["mail.activity"].create(vals_list)
    b.counts["activities"] += len(vals_list)


STEPS = [
    _create_persons,
    _create_dossiers,
    _create_meldingen,
    _create_wegingen,
    _create_plans,
    _create_interventies,
    _move_to_stages,
    _create_activities,
]


def generate_tasks(env, n, batch_size=2000, seed=20261122):
    """``n`` project.task records in one project with six stages, for comparison."""
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
