#!/usr/bin/env python3
"""Benchmark of the ketenaanpak addon at scale (docs/benchmarks.md).

    python3 bench/run.py --n 10000 [--n 100000] [--runs 5] [--db-prefix kt_bench]
                         [--only p1,p2,p3,p4] [--json .local/bench.json]

For every N it creates (or reuses) the database ``<prefix>_<N>`` with the addon
and Odoo's ``project`` installed, fills it with N dossiers (bench/generate.py)
and N project tasks, then measures, each as the median of --runs runs and each
a ratio of two things timed in the same run, in turn (A B C A B C ...):

* P1  opening each hoofdstap's board: what the web client asks for a grouped
      kanban (web_read_group, read_progress_bar, web_search_read of the cards
      of every unfolded column, the fields of the kanban arch) as a
      partner-organisation user with record rules, as admin, and Odoo's own
      project.task kanban with N tasks in one project;
* P2  the Regionale-Tafel workbook (time and peak Python memory) against the
      same aggregate statements sent as raw SQL over a plain connection;
* P3  the daily deadline cron over all open dossiers (time and queries), when
      ``keten.deadline`` is installed;
* P4  opening a dossier form (queries and time) with 1 and with 50 meldingen
      and interventies;
* P5  the access log at volume (--log-rows, default 5,000,000): see p5.py.

Nothing measured is committed: every measurement is rolled back.
Prints a Markdown table; docs/benchmarks.md holds the table of a run.
"""

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from contextlib import contextmanager
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

HTTP_PORT = 8201
P = "ketenaanpak_mensenhandel."


# ----------------------------------------------------------------------
# Database and registry
# ----------------------------------------------------------------------
def pg_args():
    return [
        "-h",
        os.environ.get("PGHOST", "127.0.0.1"),
        "-p",
        os.environ.get("PGPORT", "5432"),
        "-U",
        os.environ.get("PGUSER", "root"),
    ]


def odoo_config(port=HTTP_PORT):
    path = os.path.join(ROOT, ".local", "bench.conf")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    import odoo

    odoo_addons = os.path.join(
        os.path.dirname(os.path.dirname(odoo.__file__)), "addons"
    )
    with open(path, "w") as handle:
        handle.write(
            "[options]\n"
            f"db_host = {os.environ.get('PGHOST', '127.0.0.1')}\n"
            f"db_port = {os.environ.get('PGPORT', '5432')}\n"
            f"db_user = {os.environ.get('PGUSER', 'root')}\n"
            f"addons_path = {odoo_addons},{ROOT}\n"
            f"http_port = {port}\n"
            "limit_time_real = 0\n"
            "limit_time_cpu = 0\n"
            "log_level = warn\n"
        )
    return path


def database_ready(db):
    result = subprocess.run(
        [
            "psql",
            *pg_args(),
            "-d",
            db,
            "-tAc",
            "SELECT state FROM ir_module_module"
            " WHERE name = 'ketenaanpak_mensenhandel'",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0 and result.stdout.strip() == "installed"


def setup_database(conf, db):
    """Install the addon and project in ``db``, or update the addon there."""
    action = (
        ["-u", "ketenaanpak_mensenhandel"]
        if database_ready(db)
        else [
            "-i",
            "ketenaanpak_mensenhandel,project",
            "--without-demo=all",
        ]
    )
    subprocess.run(
        ["odoo", "-c", conf, "-d", db, *action, "--stop-after-init", "--no-http"],
        check=True,
    )


_CONFIGURED = []


def registry_for(conf, db):
    """The registry of ``db``; Odoo's configuration is parsed once per process
    (parsing it again fails), the database name set for each size."""
    import odoo
    from odoo.tools import config

    if not _CONFIGURED:
        config.parse_config(["-c", conf, "-d", db])
        _CONFIGURED.append(conf)
    config["db_name"] = db
    return odoo.modules.registry.Registry(db)


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    pg = subprocess.run(
        ["psql", *pg_args(), "-d", "postgres", "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    import odoo

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(
            os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1
        ),
        "python": platform.python_version(),
        "postgresql": pg,
        "odoo": odoo.release.version,
        "load": os.getloadavg()[0],
    }


# ----------------------------------------------------------------------
# Timing helpers
# ----------------------------------------------------------------------
@contextmanager
def rolled_back(env):
    """Run a measurement in a savepoint that is rolled back afterwards."""
    env.flush_all()
    with env.cr.savepoint(flush=False) as savepoint:
        yield
        env.flush_all()
        savepoint.rollback()
    env.invalidate_all()


def timed(env, func):
    """(seconds, queries) of ``func()`` on a cold ORM cache."""
    env.invalidate_all()
    gc.collect()
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    func()
    env.flush_all()
    return time.perf_counter() - started, env.cr.sql_log_count - queries


def paired(env, funcs, runs):
    """Run ``funcs`` (name -> callable) in turn ``runs`` times after a warm-up;
    return name -> {"median", "min", "max", "queries"} and the per-run ratios."""
    for func in funcs.values():  # warm registry, rule and view caches
        with rolled_back(env):
            func()
    samples = {name: [] for name in funcs}
    queries = {}
    for run in range(runs):
        names = list(funcs)
        names = names[run % len(names) :] + names[: run % len(names)]
        for name in names:
            with rolled_back(env):
                seconds, count = timed(env, funcs[name])
            samples[name].append(seconds)
            queries[name] = count
    return summarise(samples, queries)


def summarise(samples, queries):
    """name -> {"median", "min", "max", "queries", "samples"}."""
    return {
        name: {
            "median": statistics.median(values),
            "min": min(values),
            "max": max(values),
            "queries": queries[name],
            "samples": values,
        }
        for name, values in samples.items()
    }


def ratio(result, a, b):
    """Median of the per-run ratios a/b (runs are paired)."""
    return statistics.median(
        x / y for x, y in zip(result[a]["samples"], result[b]["samples"], strict=True)
    )


# ----------------------------------------------------------------------
# P1: boards
# ----------------------------------------------------------------------
WIDGET_DEPENDENCIES = {
    # fields the web client's kanban_activity widget reads with activity_ids
    "activity_ids": {
        "activity_exception_decoration": {},
        "activity_exception_icon": {},
        "activity_state": {},
        "activity_summary": {},
        "activity_type_icon": {},
        "activity_type_id": {"fields": {"display_name": {}}},
    },
}


def kanban_spec(model):
    """The web client's read specification for the fields of the kanban arch."""
    view = model.get_views([(False, "kanban")])
    fields = view["models"][model._name]["fields"]
    spec = {}
    for name, info in fields.items():
        if info["type"] in ("one2many", "many2many"):
            comodel = model.env[info["relation"]]
            sub = {"display_name": {}}
            if "color" in comodel._fields:
                sub["color"] = {}
            spec[name] = {"fields": sub}
        elif info["type"] == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
        spec.update(WIDGET_DEPENDENCIES.get(name, {}))
    return {name: value for name, value in spec.items() if name in model._fields}


def open_kanban(model, domain, group_field, progress_field, spec, limit=40):
    """What the web client does to open a grouped kanban view."""
    groups = model.web_read_group(
        domain, [group_field], [group_field], limit=80, lazy=True
    )
    model.read_progress_bar(
        domain, group_field, {"field": progress_field, "colors": {}}
    )
    order = model._order
    for group in groups["groups"]:
        if group.get("__fold") or not group.get(f"{group_field}_count"):
            continue
        model.web_search_read(group["__domain"], spec, limit=limit, order=order)


BOARDS = [
    # name, domain, context, group by
    ("signalering", [("hoofdstap_code", "=", "signalering")], "stage_id"),
    ("analyse", [("hoofdstap_code", "=", "analyse")], "stage_id"),
    ("uitvoering", [("hoofdstap_code", "=", "uitvoering")], "stage_id"),
    ("evaluatie", [("hoofdstap_code", "=", "evaluatie")], "stage_id"),
    ("overzicht (open)", [("is_closed", "=", False)], "hoofdstap_id"),
]


def measure_p1(env, runs):
    partner = env["res.users"].search([("login", "=", "bench.partner")])
    admin = env.ref("base.user_admin")
    project = env["project.project"].search([("name", "=", "Bench project")], limit=1)
    Task = env["project.task"].with_user(admin)
    task_spec = kanban_spec(Task)
    task_domain = [("project_id", "=", project.id)]
    task_ctx = {"default_project_id": project.id}
    dossier_spec = kanban_spec(env["keten.dossier"].with_user(admin))
    rows = []
    for board, domain, group_field in BOARDS:
        ctx = {}
        if domain[0][0] == "hoofdstap_code":
            ctx = {"keten_hoofdstap_code": domain[0][2]}

        def board_as(user, domain=domain, ctx=ctx, group_field=group_field):
            model = env["keten.dossier"].with_user(user).with_context(**ctx)
            return lambda: open_kanban(
                model, domain, group_field, "urgency", dossier_spec
            )

        def tasks():
            model = Task.with_context(**task_ctx)
            open_kanban(model, task_domain, "stage_id", "state", task_spec)

        result = paired(
            env,
            {"partner": board_as(partner), "admin": board_as(admin), "task": tasks},
            runs,
        )
        visible = (
            env["keten.dossier"].with_user(partner).search_count(domain),
            env["keten.dossier"].search_count(domain),
        )
        rows.append(
            {
                "board": board,
                "partner": result["partner"],
                "admin": result["admin"],
                "task": result["task"],
                "partner_admin": ratio(result, "partner", "admin"),
                "partner_task": ratio(result, "partner", "task"),
                "visible": visible,
            }
        )
    env.cr.rollback()
    return rows


# ----------------------------------------------------------------------
# P2: the Regionale-Tafel workbook against raw SQL
# ----------------------------------------------------------------------
@contextmanager
def captured_statements(cr):
    """The statements ``cr`` executes, as the SQL text PostgreSQL receives."""
    statements = []
    original = cr.execute

    def execute(query, params=None, log_exceptions=True):
        result = original(query, params, log_exceptions)
        statements.append(cr._obj.query.decode())
        return result

    cr.execute = execute
    try:
        yield statements
    finally:
        del cr.execute


def raw_connection(db):
    import psycopg2

    return psycopg2.connect(
        dbname=db,
        host=os.environ.get("PGHOST", "127.0.0.1"),
        port=os.environ.get("PGPORT", "5432"),
        user=os.environ.get("PGUSER", "root"),
    )


def measure_p2(env, db, runs, periods):
    regie = env["res.users"].search([("login", "=", "bench.regie")])
    report = env.ref(P + "rapportage_regionale_tafel_xlsx")
    Figures = env["keten.rapportage.figures"].with_user(regie)
    connection = raw_connection(db)
    rows = []
    for label, date_from, date_to in periods:
        wizard = (
            env["keten.rapportage.wizard"]
            .with_user(regie)
            .create({"date_from": date_from, "date_to": date_to})
        )
        params = wizard._rapportage_params()
        with captured_statements(env.cr) as statements:
            Figures._collect(params)
        aggregates = [s for s in statements if "SELECT" in s.upper()]

        def workbook(wizard=wizard):
            content, _kind = report.with_user(regie)._render_xlsx(
                report.report_name, wizard.ids, {}
            )
            assert content[:2] == b"PK"

        def figures(params=params):
            Figures._collect(params)

        def raw(aggregates=aggregates):
            with connection.cursor() as cursor:
                for statement in aggregates:
                    cursor.execute(statement)
                    cursor.fetchall()
            connection.rollback()

        result = paired(
            env, {"workbook": workbook, "figures": figures, "raw": raw}, runs
        )
        # peak memory of one more run: Python allocations and the process
        gc.collect()
        tracemalloc.start()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with rolled_back(env):
            workbook()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        slowest = []
        with connection.cursor() as cursor:
            for statement in aggregates:
                started = time.perf_counter()
                cursor.execute(statement)
                cursor.fetchall()
                slowest.append((time.perf_counter() - started, statement[:160]))
        connection.rollback()
        slowest.sort(reverse=True)
        process = {
            kind: process_figures(db, label, kind == "raw", runs=3)
            for kind in ("workbook", "raw")
        }
        rows.append(
            {
                "period": label,
                "from": str(date_from),
                "to": str(date_to),
                "workbook": result["workbook"],
                "figures": result["figures"],
                "raw": result["raw"],
                "workbook_raw": ratio(result, "workbook", "raw"),
                "figures_raw": ratio(result, "figures", "raw"),
                "statements": len(aggregates),
                "peak_python_mb": peak / 2**20,
                "peak_rss_mb": rss_after / 1024,
                "rss_growth_mb": (rss_after - rss_before) / 1024,
                "slowest": [(round(s, 3), q) for s, q in slowest[:3]],
                "process": process,
            }
        )
    connection.close()
    env.cr.rollback()
    return rows


def process_figures(db, label, raw, runs):
    """Median seconds and peak RSS of bench/workbook.py in processes of their own."""
    period = "last-year" if label == "last 12 months" else "ten-years"
    results = []
    for _i in range(runs):
        command = [sys.executable, os.path.join(HERE, "workbook.py"), "--db", db]
        command += ["--period", period] + (["--raw"] if raw else [])
        output = subprocess.run(command, capture_output=True, text=True, check=True)
        results.append(json.loads(output.stdout.strip().splitlines()[-1]))
    return {
        key: statistics.median(r[key] for r in results)
        for key in ("seconds", "peak_rss_mb", "rss_before_mb")
    }


# ----------------------------------------------------------------------
# P3: the daily deadline cron
# ----------------------------------------------------------------------
def measure_p3(env, runs):
    """The daily termijnbewaking as Odoo's cron runs it: batch after batch until
    nothing remains. *first*: over the generated data, where every termijn past
    its deadline is new (the worst day); *daily*: the run of the next day, when
    nothing became overdue (flags, signaleringslijst, no message). Both in the
    same savepoint, rolled back; against a scan of the open termijnen."""
    if "keten.deadline" not in env:
        return None
    Deadline = env["keten.deadline"]
    env.cr.execute("SELECT count(*) FROM keten_dossier WHERE NOT is_closed")
    open_dossiers = env.cr.fetchone()[0]
    deadlines = Deadline.search_count([("state", "=", "open")])

    def full_run():
        batches = 0
        while True:
            batches += 1
            if not Deadline._cron_escalate()["remaining"]:
                return batches

    def scan():
        env.cr.execute(
            "SELECT k.id, k.dossier_id FROM keten_deadline k"
            " WHERE k.state = 'open' AND k.date_deadline < CURRENT_DATE"
        )
        env.cr.fetchall()

    with rolled_back(env):  # warm-up
        full_run()
    samples = {"first": [], "daily": [], "scan": []}
    queries = {}
    batches = []
    for _run in range(runs):
        with rolled_back(env):
            seconds, queries["first"] = timed(env, lambda: batches.append(full_run()))
            samples["first"].append(seconds)
            seconds, queries["daily"] = timed(env, full_run)
            samples["daily"].append(seconds)
        with rolled_back(env):
            seconds, queries["scan"] = timed(env, scan)
            samples["scan"].append(seconds)
    result = summarise(samples, queries)
    return {
        "open_dossiers": open_dossiers,
        "deadlines": deadlines,
        "batches": batches[-1],
        "first": result["first"],
        "daily": result["daily"],
        "scan": result["scan"],
        "first_scan": ratio(result, "first", "scan"),
    }


# ----------------------------------------------------------------------
# P4: the dossier form
# ----------------------------------------------------------------------
def form_spec(model):
    """The web client's read specification for the dossier form."""
    view = model.get_views([(False, "form")])
    spec = {}
    for name, info in view["models"][model._name]["fields"].items():
        if info["type"] in ("one2many", "many2many"):
            spec[name] = {"fields": {"display_name": {}}, "limit": 40}
        elif info["type"] == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def dossier_of_size(env, size, org):
    """A dossier with ``size`` meldingen and ``size`` interventies of ``org``."""
    gemeente = env["keten.gemeente"].search([("region", "=", "Bench")], limit=1)
    person = env["keten.person"].create(
        {
            "first_name": "Vorm",
            "last_name": f"Proef {size}",
            "woongemeente_id": gemeente.id,
        }
    )
    meldingen = env["keten.melding"].create(
        [
            {
                "date_received": f"2025-0{1 + i % 9}-10 10:00:00",
                "channel": "telefoon",
                "category": "melding",
                "organisation_id": org.id,
                "melder_name": "Melder",
                "content": "Signalen.",
                "person_ids": [(6, 0, person.ids)],
            }
            for i in range(size)
        ]
    )
    dossier = meldingen.dossier_id
    if not dossier:
        meldingen[0].action_create_dossier()
        dossier = meldingen[0].dossier_id
        meldingen[1:].write({"dossier_id": dossier.id})
    env["keten.interventie"].create(
        [
            {
                "dossier_id": dossier.id,
                "name": f"Interventie {i}",
                "organisation_id": org.id,
            }
            for i in range(size)
        ]
    )
    assert len(dossier.melding_ids) == size and len(dossier.interventie_ids) == size
    return dossier


def measure_p4(env, runs):
    admin = env.ref("base.user_admin")
    partner = env["res.users"].search([("login", "=", "bench.partner")])
    org = partner.keten_organisation_ids[:1]
    env = env(context=dict(env.context, tracking_disable=True))
    small = dossier_of_size(env, 1, org)
    big = dossier_of_size(env, 50, org)
    rows = []
    for label, user in (("admin", admin), ("partner", partner)):
        spec = form_spec(env["keten.dossier"].with_user(user))

        def open_form(dossier, user=user, spec=spec):
            return lambda: dossier.with_user(user).web_read(spec)

        result = paired(env, {"1": open_form(small), "50": open_form(big)}, runs)
        rows.append(
            {
                "user": label,
                "small": result["1"],
                "big": result["50"],
                "big_small": ratio(result, "50", "1"),
            }
        )
    env.cr.rollback()
    return rows


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------
def periods_for(today):
    year_end = today - timedelta(days=1)
    return [
        ("last 12 months", year_end - timedelta(days=364), year_end),
        ("ten years", year_end - timedelta(days=3652), year_end),
    ]


def prepare(conf, n, prefix, skip_generate, skip_update=False):
    import generate

    import odoo

    db = f"{prefix}_{n}"
    if not (skip_update and database_ready(db)):
        setup_database(conf, db)
    registry = registry_for(conf, db)
    generated = None
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        have = env["keten.dossier"].with_context(active_test=False).search_count([])
        if have < n and not skip_generate:
            print(f"generating {n - have} dossiers in {db} ...", flush=True)
            generated = generate.generate(
                env, n - have, report=lambda text: print(text, flush=True)
            )
            print(generated, flush=True)
        generate.generate_tasks(env, n)
        cr.commit()
    # the steady state autovacuum keeps a database in: statistics and the
    # visibility map (index-only scans) of the freshly generated tables
    subprocess.run(["psql", *pg_args(), "-d", db, "-qc", "VACUUM ANALYZE"], check=True)
    return db, registry, generated


def measure(registry, db, n, runs, only, log_rows=0):
    import p5

    import odoo

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        result = {"n": n, "machine": machine()}
        cr.execute("SELECT count(*) FROM keten_dossier WHERE NOT is_closed")
        result["open_dossiers"] = cr.fetchone()[0]
        if "p1" in only:
            result["p1"] = measure_p1(env, runs)
        if "p2" in only:
            result["p2"] = measure_p2(env, db, runs, periods_for(date.today()))
        if "p3" in only:
            result["p3"] = measure_p3(env, runs)
        if "p4" in only:
            result["p4"] = measure_p4(env, runs)
        if "p5" in only:
            result["p5"] = p5.measure_p5(env, runs, log_rows)
        cr.rollback()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="number of dossiers")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db-prefix", default="kt_bench")
    parser.add_argument("--only", default="p1,p2,p3,p4,p5")
    parser.add_argument("--skip-generate", action="store_true")
    parser.add_argument("--log-rows", type=int, default=5_000_000, help="P5")
    parser.add_argument(
        "--skip-update", action="store_true", help="do not update the addon first"
    )
    parser.add_argument("--json", help="write the results to this file too")
    args = parser.parse_args()
    sizes = args.n or [10000, 100000]
    only = set(args.only.split(","))
    conf = odoo_config()
    report = []
    for n in sizes:
        db, registry, generated = prepare(
            conf, n, args.db_prefix, args.skip_generate, args.skip_update
        )
        result = measure(registry, db, n, args.runs, only, args.log_rows)
        result["generated"] = generated
        report.append(result)
        print_report([result])
        if args.json:
            with open(args.json, "w") as handle:
                json.dump(report, handle, indent=1, default=str)
    if len(report) > 1:
        print_report(report)


def print_report(report):
    for result in report:
        n = result["n"]
        m = result["machine"]
        print(
            f"\n## N = {n:,} dossiers ({result['open_dossiers']:,} open); "
            f"{m['cpu']}, {m['cores']} cores, PostgreSQL {m['postgresql']}, "
            f"load {m['load']:.1f}"
        )
        if result.get("generated"):
            g = result["generated"]
            print(
                f"\ngenerated in {g['seconds']} s: {g['dossiers_per_second']} "
                f"dossiers/s, {g['rows_per_second']} records/s"
            )
        if result.get("p1"):
            print(
                "\n| P1 board | partner (s) | admin (s) | project.task (s) "
                "| partner/admin | partner/task | queries p/a/t | visible p/all |"
            )
            print("|---|---|---|---|---|---|---|---|")
            for row in result["p1"]:
                p, a, t = row["partner"], row["admin"], row["task"]
                print(
                    f"| {row['board']} | {p['median']:.3f} | {a['median']:.3f} "
                    f"| {t['median']:.3f} | {row['partner_admin']:.2f} "
                    f"| {row['partner_task']:.2f} | {p['queries']}/{a['queries']}"
                    f"/{t['queries']} | {row['visible'][0]:,}/{row['visible'][1]:,} |"
                )
        if result.get("p2"):
            print(
                "\n| P2 period | workbook (s) | figures (s) | raw SQL (s) "
                "| workbook/raw | peak Python (MB) | process RSS workbook/raw (MB) "
                "| statements |"
            )
            print("|---|---|---|---|---|---|---|---|")
            for row in result["p2"]:
                print(
                    f"| {row['period']} | {row['workbook']['median']:.2f} "
                    f"| {row['figures']['median']:.2f} | {row['raw']['median']:.2f} "
                    f"| {row['workbook_raw']:.2f} | {row['peak_python_mb']:.0f} "
                    f"| {row['process']['workbook']['peak_rss_mb']:.0f}"
                    f"/{row['process']['raw']['peak_rss_mb']:.0f}"
                    f" | {row['statements']} |"
                )
            for row in result["p2"]:
                for seconds, statement in row["slowest"]:
                    print(
                        f"    {row['period']}: {seconds:.3f} s  {' '.join(statement.split())[:120]}"
                    )
        p3 = result.get("p3")
        if p3:
            print(
                "\n| P3 | open dossiers | open termijnen | batches | first run (s) "
                "| queries | next day (s) | queries | scan (s) | first/scan |"
            )
            print("|---|---|---|---|---|---|---|---|---|---|")
            print(
                f"| cron | {p3['open_dossiers']:,} | {p3['deadlines']:,} "
                f"| {p3['batches']} | {p3['first']['median']:.2f} "
                f"| {p3['first']['queries']} | {p3['daily']['median']:.2f} "
                f"| {p3['daily']['queries']} | {p3['scan']['median']:.3f} "
                f"| {p3['first_scan']:.1f} |"
            )
        elif "p3" in result:
            print("\nP3: keten.deadline is not installed (termijnen): not measured")
        if result.get("p4"):
            print(
                "\n| P4 user | queries, 1 | queries, 50 | time 1 (s) | time 50 (s) "
                "| 50/1 |"
            )
            print("|---|---|---|---|---|---|")
            for row in result["p4"]:
                print(
                    f"| {row['user']} | {row['small']['queries']} "
                    f"| {row['big']['queries']} | {row['small']['median']:.3f} "
                    f"| {row['big']['median']:.3f} | {row['big_small']:.2f} |"
                )
        if result.get("p5"):
            import p5

            print("\n" + "\n".join(p5.report_lines(result["p5"])))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
