#!/usr/bin/env python3
"""One Regionale-Tafel workbook (or its raw SQL) in a process of its own.

    python3 bench/workbook.py --db kt_bench_100000 --period ten-years [--raw]

Loads the registry, renders the workbook as the Ketenregie user of the
benchmark (or, with --raw, sends the same aggregate statements over a plain
connection) and prints one JSON line: seconds and the peak resident memory of
the whole process. bench/run.py runs it for P2's memory figures; it can also be
timed from outside, e.g. with ``/usr/bin/time -v``.
"""

import argparse
import json
import os
import resource
import sys
import time
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import run  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument(
        "--period", default="ten-years", choices=["last-year", "ten-years"]
    )
    parser.add_argument("--raw", action="store_true")
    args = parser.parse_args()
    import odoo

    registry = run.registry_for(os.path.join(run.ROOT, ".local", "bench.conf"), args.db)
    label, date_from, date_to = run.periods_for(date.today())[
        0 if args.period == "last-year" else 1
    ]
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        regie = env["res.users"].search([("login", "=", "bench.regie")])
        wizard = (
            env["keten.rapportage.wizard"]
            .with_user(regie)
            .create({"date_from": date_from, "date_to": date_to})
        )
        if args.raw:
            with run.captured_statements(cr) as statements:
                env["keten.rapportage.figures"].with_user(regie)._collect(
                    wizard._rapportage_params()
                )
            cr.rollback()
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started = time.perf_counter()
            connection = run.raw_connection(args.db)
            with connection.cursor() as cursor:
                for statement in statements:
                    if "SELECT" in statement.upper():
                        cursor.execute(statement)
                        cursor.fetchall()
            connection.close()
        else:
            report = env.ref(run.P + "rapportage_regionale_tafel_xlsx")
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started = time.perf_counter()
            content, _kind = report.with_user(regie)._render_xlsx(
                report.report_name, wizard.ids, {}
            )
            assert content[:2] == b"PK"
        seconds = time.perf_counter() - started
        cr.rollback()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "period": label,
                "raw": args.raw,
                "seconds": round(seconds, 3),
                "peak_rss_mb": round(peak / 1024, 1),
                "rss_before_mb": round(before / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
