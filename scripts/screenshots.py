#!/usr/bin/env python3
"""Take a screenshot of every board from a tour run on the demo database.

    python3 scripts/screenshots.py [--db DEMO_DB] [--login LOGIN] [--out docs/screenshots]

DEMO_DB defaults to keten_noord_oost_gelderland, the database `make demo` makes.

Runs the board walk of ketenaanpak_mensenhandel/tests/test_tours.py
(TestBoardWalk, tour keten_boards_screenshots) through `make test` against an
existing database with demo data (`make demo` creates it), logged in as a demo
user of the Ketenregie (default: the first one found, procesregie first). The
test runs in a transaction that is rolled back: the demo database is not
changed. It writes one PNG per board into --out (board_overzicht.png,
board_1_preventie.png, ... board_5_evaluatie.png), as README.md shows them.
"""

import argparse
import os
import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
GROUP = "group_ketenregie"

FIND_LOGIN = f"""
SELECT u.login
  FROM res_users u
  JOIN res_groups_users_rel r ON r.uid = u.id
  JOIN ir_model_data d ON d.model = 'res.groups' AND d.res_id = r.gid
                      AND d.module = 'ketenaanpak_mensenhandel' AND d.name = '{GROUP}'
  LEFT JOIN keten_organisation_res_users_rel m ON m.user_id = u.id
  LEFT JOIN keten_organisation o ON o.id = m.organisation_id
 WHERE u.active AND u.login NOT IN ('admin', '__system__')
 ORDER BY o.is_procesregie IS TRUE DESC, u.id
 LIMIT 1
"""


def find_login(db):
    command = ["psql", "-XAtq", "-d", db, "-c", FIND_LOGIN]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode and not os.environ.get("PGHOST"):
        # no local socket: the default server of scripts/lib.sh
        env = dict(
            os.environ, PGHOST="127.0.0.1", PGUSER=os.environ.get("PGUSER", "root")
        )
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, env=env
        )
    if result.returncode:
        sys.exit(f"cannot read the users of database {db}: {result.stderr.strip()}")
    login = result.stdout.strip()
    if not login:
        sys.exit(f"no Ketenregie user in database {db}: run `make demo` first")
    return login


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", default=os.environ.get("DEMO_DB", "keten_noord_oost_gelderland")
    )
    parser.add_argument(
        "--login", help="a Ketenregie user whose password is its login (demo users)"
    )
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument("--port", default=os.environ.get("TEST_PORT", "8169"))
    args = parser.parse_args()
    login = args.login or find_login(args.db)
    out = pathlib.Path(args.out).resolve()
    print(f"Screenshots of the boards as {login} in database {args.db} -> {out}")
    env = dict(
        os.environ,
        TEST_DB=args.db,
        TEST_PORT=str(args.port),
        PYTEST_ARGS="ketenaanpak_mensenhandel/tests/test_tours.py -k walks_every_board",
        KETEN_SCREENSHOTS=str(out),
        KETEN_SCREENSHOTS_LOGIN=login,
    )
    return subprocess.run(["make", "test"], cwd=REPO, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
