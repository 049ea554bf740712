#!/usr/bin/env python3
"""Benchmark of the ketenaanpak addon at scale (issue: Scale).

    python3 bench/run.py --n 10000 [--n 100000] [--runs 5] [--db-prefix kt_bench]

For every N it creates (or reuses) a database with the addon and Odoo's `project`
installed, fills it with N dossiers (bench/generate.py) and N project tasks, then
measures, each as the median of --runs runs, paired within the same run:

* P1  opening each hoofdstap's kanban (web_read_group + read_progress_bar +
      web_search_read per open column) as a partner-organisation user with record
      rules, as admin, and Odoo's own project.task kanban with N tasks;
* P2  the Regionale-Tafel workbook (time, peak memory) against raw SQL computing
      the same aggregates (when the rapportage report is installed);
* P3  the daily deadline cron over all open dossiers (time and query count) when
      the termijnen cron is installed;
* P4  opening a dossier form: queries for a dossier with 1 and with 50 meldingen
      and interventies.

Prints a Markdown table; docs/benchmarks.md holds the table of a run.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)


def odoo_config(args):
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
            "http_port = 8201\n"
            "limit_time_real = 0\n"
            "limit_time_cpu = 0\n"
            "log_level = warn\n"
        )
    return path


def database_ready(db):
    result = subprocess.run(
        [
            "psql",
            "-h",
            os.environ.get("PGHOST", "127.0.0.1"),
            "-U",
            os.environ.get("PGUSER", "root"),
            "-d",
            db,
            "-tAc",
            "SELECT state FROM ir_module_module WHERE name = 'ketenaanpak_mensenhandel'",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0 and result.stdout.strip() == "installed"


def setup_database(conf, db):
    if database_ready(db):
        subprocess.run(
            [
                "odoo",
                "-c",
                conf,
                "-d",
                db,
                "-u",
                "ketenaanpak_mensenhandel",
                "--stop-after-init",
            ],
            check=True,
        )
        return
    subprocess.run(
        [
            "odoo",
            "-c",
            conf,
            "-d",
            db,
            "-i",
            "ketenaanpak_mensenhandel,project",
            "--without-demo=all",
            "--stop-after-init",
        ],
        check=True,
    )


def environment(conf, db):
    import odoo
    from odoo.tools import config

    config.parse_config(["-c", conf, "-d", db])
    registry = odoo.modules.registry.Registry(db)
    return registry


def median_time(func, runs):
    times = []
    for _i in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# ----------------------------------------------------------------------
# P1: kanban boards
# ----------------------------------------------------------------------
DOSSIER_CARD = {
    "name": {},
    "urgency": {},
    "color": {},
    "is_closed": {},
    "has_criminal_track": {},
    "stage_id": {"fields": {"display_name": {}}},
    "verschijningsvorm_ids": {"fields": {"display_name": {}, "color": {}}},
    "woongemeente_id": {"fields": {"display_name": {}}},
    "regie_user_id": {"fields": {"display_name": {}}},
    "activity_ids": {},
    "activity_state": {},
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
    "activity_summary": {},
    "activity_type_id": {"fields": {"display_name": {}}},
}
TASK_CARD = {
    "name": {},
    "priority": {},
    "color": {},
    "state": {},
    "stage_id": {"fields": {"display_name": {}}},
    "tag_ids": {"fields": {"display_name": {}, "color": {}}},
    "project_id": {"fields": {"display_name": {}}},
    "user_ids": {"fields": {"display_name": {}}},
    "activity_ids": {},
    "activity_state": {},
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
    "activity_summary": {},
    "activity_type_id": {"fields": {"display_name": {}}},
}


def open_kanban(model, domain, spec, group_field, progress_field, limit=40):
    """What the web client does to open a grouped kanban view."""
    groups = model.web_read_group(domain, [group_field], [group_field], lazy=True)
    model.read_progress_bar(
        domain, group_field, {"field": progress_field, "colors": {}}
    )
    for group in groups["groups"]:
        if group.get("__fold") or not group[f"{group_field}_count"]:
            continue
        model.web_search_read(group["__domain"], spec, limit=limit)


def measure_p1(env, runs):
    partner = env["res.users"].search([("login", "=", "bench.partner")])
    admin = env.ref("base.user_admin")
    rows = []
    boards = ["signalering", "analyse", "uitvoering", "evaluatie"]
    project = env["project.project"].search([("name", "=", "Bench project")], limit=1)
    task_domain = [("project_id", "=", project.id)]
    for code in boards:
        domain = [("hoofdstap_code", "=", code)]
        ctx = {"keten_hoofdstap_code": code}

        def as_partner(domain=domain, ctx=ctx):
            model = env["keten.dossier"].with_user(partner).with_context(**ctx)
            open_kanban(model, domain, DOSSIER_CARD, "stage_id", "urgency")
            model.env.invalidate_all()

        def as_admin(domain=domain, ctx=ctx):
            model = env["keten.dossier"].with_user(admin).with_context(**ctx)
            open_kanban(model, domain, DOSSIER_CARD, "stage_id", "urgency")
            model.env.invalidate_all()

        def tasks():
            model = env["project.task"].with_user(admin)
            open_kanban(model, task_domain, TASK_CARD, "stage_id", "state")
            model.env.invalidate_all()

        as_partner(), as_admin(), tasks()  # warm caches
        partner_t, admin_t, task_t = [], [], []
        for _i in range(runs):
            for func, bucket in (
                (as_partner, partner_t),
                (as_admin, admin_t),
                (tasks, task_t),
            ):
                started = time.perf_counter()
                func()
                bucket.append(time.perf_counter() - started)
        p, a, t = (statistics.median(x) for x in (partner_t, admin_t, task_t))
        rows.append((code, p, a, t))
    return rows


# ----------------------------------------------------------------------
# P4: dossier form
# ----------------------------------------------------------------------
def form_specification(env, user):
    """The web client's specification for the dossier form (fields of the arch)."""
    view = env["keten.dossier"].with_user(user).get_views([(False, "form")])
    fields_spec = {}
    for name, info in view["models"]["keten.dossier"]["fields"].items():
        if info["type"] in ("one2many", "many2many"):
            fields_spec[name] = {"fields": {"display_name": {}}, "limit": 40}
        elif info["type"] == "many2one":
            fields_spec[name] = {"fields": {"display_name": {}}}
        else:
            fields_spec[name] = {}
    return fields_spec


def count_queries(env, func):
    before = env.cr.sql_log_count
    func()
    return env.cr.sql_log_count - before


def measure_p4(env):
    dossier_small = env["keten.dossier"].search(
        [("hoofdstap_code", "=", "uitvoering")], limit=1
    )
    big = dossier_small.copy({"name": "/"})
    admin = env.ref("base.user_admin")
    org = env["keten.organisation"].search([("code", "=", "BENCH010")])
    env["keten.melding"].create(
        [
            {
                "dossier_id": big.id,
                "content": "x",
                "melder_name": "m",
                "organisation_id": org.id,
            }
            for _i in range(50)
        ]
    )
    env["keten.interventie"].create(
        [
            {"dossier_id": big.id, "name": "i", "organisation_id": org.id}
            for _i in range(50)
        ]
    )
    spec = form_specification(env, admin)
    pairs = (("1", dossier_small), ("50", big))
    for _label, dossier in pairs:  # warm rule, view and registry caches per record
        dossier.with_user(admin).web_read(spec)
        env.invalidate_all()
    result = {}
    for label, dossier in pairs:
        record = dossier.with_user(admin)
        record.env.invalidate_all()
        result[label] = count_queries(record.env, lambda r=record: r.web_read(spec))
    env.cr.rollback()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="number of dossiers")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db-prefix", default="kt_bench")
    parser.add_argument("--skip-generate", action="store_true")
    args = parser.parse_args()
    sizes = args.n or [10000, 100000]
    conf = odoo_config(args)
    report = []
    for n in sizes:
        db = f"{args.db_prefix}_{n}"
        setup_database(conf, db)
        registry = environment(conf, db)
        import generate

        import odoo
        from odoo import SUPERUSER_ID

        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, SUPERUSER_ID, {})
            have = env["keten.dossier"].search_count([])
            if have < n and not args.skip_generate:
                print(f"generating {n - have} dossiers in {db} ...", flush=True)
                print(generate.generate(env, n - have), flush=True)
                generate.generate_tasks(env, n)
                cr.commit()
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, SUPERUSER_ID, {})
            cr.execute("ANALYZE")
            p1 = measure_p1(env, args.runs)
            p4 = measure_p4(env)
            report.append((n, p1, p4))
    print_report(report)


def print_report(report):
    print(
        "\n| N | board | partner (s) | admin (s) | project.task (s) "
        "| partner/admin | partner/task |"
    )
    print("|---|---|---|---|---|---|---|")
    for n, p1, _p4 in report:
        for code, p, a, t in p1:
            print(
                f"| {n} | {code} | {p:.3f} | {a:.3f} | {t:.3f} | {p / a:.2f} | {p / t:.2f} |"
            )
    print("\n| N | form queries, 1 melding/interventie | form queries, 50 |")
    print("|---|---|---|")
    for n, _p1, p4 in report:
        print(f"| {n} | {p4['1']} | {p4['50']} |")


if __name__ == "__main__":
    main()
