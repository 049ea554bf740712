#!/usr/bin/env python3
"""P1 options: the SQL of a partner's board under other rule shapes.

    python3 bench/p1_plans.py --db kt_bench_10000 [--runs 5] [--json FILE]

A board asks PostgreSQL for the count of dossiers per stage of one hoofdstap
and for the first 40 cards of every column. This script sends those
statements, with the involvement rule in each shape below, for a partner
organisation that is involved in many dossiers (Moviera, ~50 %) and one that
is involved in few (the school, ~1.5 %), and as admin (no rule), and reports
the median execution time (EXPLAIN ANALYZE) per board, the ratio to admin and
one plan per shape:

* ``exists``: what Odoo 18 makes of the rule today,
  ``involved_organisation_ids in user.keten_organisation_ids``: an EXISTS on
  ``keten_dossier_involved_org_rel`` (index on (organisation_id, dossier_id));
* ``in_subquery``: the same table as ``id IN (SELECT dossier_id ...)``, the
  shape a denormalised dossier/organisation access table would give;
* ``array_gin``: the involvement as an integer array on the dossier row with a
  GIN index, the rule as ``&&`` (built in a transaction that is rolled back).

Nothing is changed in the database: the array column and its index exist only
inside the measuring transaction.
"""

import argparse
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from run import raw_connection  # noqa: E402

ORDER = "d.urgency DESC NULLS LAST, d.date_opened DESC NULLS LAST, d.id DESC"
RULES = {
    "admin": "TRUE",
    "exists": (
        "EXISTS (SELECT 1 FROM keten_dossier_involved_org_rel r"
        " WHERE r.dossier_id = d.id AND r.organisation_id = ANY(%(orgs)s))"
    ),
    "in_subquery": (
        "d.id IN (SELECT r.dossier_id FROM keten_dossier_involved_org_rel r"
        " WHERE r.organisation_id = ANY(%(orgs)s))"
    ),
    "array_gin": "d.bench_org_ids && %(orgs)s::int[]",
}


def build_array(cur):
    cur.execute(
        """
        ALTER TABLE keten_dossier ADD COLUMN bench_org_ids int[];
        UPDATE keten_dossier d SET bench_org_ids = coalesce(
            (SELECT array_agg(r.organisation_id)
               FROM keten_dossier_involved_org_rel r WHERE r.dossier_id = d.id),
            '{}');
        CREATE INDEX bench_org_ids_gin ON keten_dossier USING gin (bench_org_ids);
        ANALYZE keten_dossier;
        """
    )


def board_stages(cur, boards):
    """hoofdstap code -> the ids of its stages (the board's columns)."""
    cur.execute(
        "SELECT hoofdstap_code, array_agg(id ORDER BY id) FROM keten_stage"
        " WHERE hoofdstap_code = ANY(%s) GROUP BY hoofdstap_code",
        [boards],
    )
    return dict(cur.fetchall())


def board_statements(stages, rule):
    """The board's statements: counts per stage, then 40 cards per column."""
    base = f"FROM keten_dossier d WHERE d.active AND d.hoofdstap_code = %(code)s AND {rule}"
    statements = [f"SELECT d.stage_id, count(*) {base} GROUP BY d.stage_id"]
    statements += [
        f"SELECT d.id {base} AND d.stage_id = {stage} ORDER BY {ORDER} LIMIT 40"
        for stage in stages
    ]
    return statements


def explain(cur, statement, params):
    cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, params)
    plan = cur.fetchone()[0][0]
    return plan["Execution Time"] + plan["Planning Time"]


def plan_text(cur, statement, params):
    cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
    return "\n".join(line for (line,) in cur.fetchall())


def organisation(cur, code):
    cur.execute(
        "SELECT o.id, count(r.dossier_id), (SELECT count(*) FROM keten_dossier)"
        "  FROM keten_organisation o"
        "  LEFT JOIN keten_dossier_involved_org_rel r ON r.organisation_id = o.id"
        " WHERE o.code = %s GROUP BY o.id",
        [code],
    )
    org_id, involved, total = cur.fetchone()
    return {"id": org_id, "code": code, "share": involved / total}


def measure(db, runs):
    conn = raw_connection(db)
    cur = conn.cursor()
    cur.execute("SELECT DISTINCT hoofdstap_code FROM keten_stage ORDER BY 1")
    boards = [code for (code,) in cur.fetchall() if code]
    stages = board_stages(cur, boards)
    build_array(cur)
    profiles = {
        "high (Moviera)": organisation(cur, "B-MOV"),
        "low (school)": organisation(cur, "B-SCH"),
    }
    result = {"boards": boards, "profiles": {}}
    for label, org in profiles.items():
        params = {"orgs": [org["id"]]}
        samples = {rule: {code: [] for code in boards} for rule in RULES}
        for run in range(runs + 1):  # the first run warms the caches
            names = list(RULES)
            names = names[run % len(names) :] + names[: run % len(names)]
            for rule in names:
                for code in boards:
                    total = sum(
                        explain(cur, statement, dict(params, code=code))
                        for statement in board_statements(stages[code], RULES[rule])
                    )
                    if run:
                        samples[rule][code].append(total)
        medians = {
            rule: {code: statistics.median(values) for code, values in per.items()}
            for rule, per in samples.items()
        }
        plans = {
            rule: plan_text(
                cur,
                board_statements(stages["analyse"], RULES[rule])[0],
                dict(params, code="analyse"),
            )
            for rule in RULES
        }
        result["profiles"][label] = dict(org, medians=medians, plans=plans)
    conn.rollback()
    conn.close()
    return result


def print_report(result):
    for label, profile in result["profiles"].items():
        print(
            f"\n{label}: organisation {profile['code']}, involved in "
            f"{profile['share']:.1%} of the dossiers (ms per board, ratio to admin)\n"
        )
        boards = result["boards"]
        print("| rule | " + " | ".join(boards) + " |")
        print("|---|" + "---|" * len(boards))
        admin = profile["medians"]["admin"]
        for rule, per in profile["medians"].items():
            cells = [
                f"{per[code]:.1f} ({per[code] / admin[code]:.2f}×)" for code in boards
            ]
            print(f"| {rule} | " + " | ".join(cells) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="kt_bench_10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json")
    args = parser.parse_args()
    result = measure(args.db, args.runs)
    print_report(result)
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(result, handle, indent=1)


if __name__ == "__main__":
    main()
