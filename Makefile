# Run, test and lint the ketenaanpak_mensenhandel Odoo 18.0 addon.
# Prerequisites: see README.md. `make help` lists targets and variables.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Database connection (also used by psql/createdb): see README.md.
#   PGHOST, PGPORT, PGUSER (default root), PGPASSWORD
#   FORCE_PRIVATE_PG=1   always use the private throwaway cluster in .pgdata/
# make test:
#   TEST_PORT=8169       HTTP port of the Odoo server the tests run against
#                        (0: any free port)
#   TEST_DB=name         reuse this database, where the module is installed
#                        (see make test-db): no create/install/drop, fast
#   PYTEST_ARGS='...'    extra pytest arguments, e.g. PYTEST_ARGS="-k tour -x"
#   ODOO_TEST_LOG_LEVEL  Odoo log level during the tests (default warn)
# make demo:
#   DEMO_DB=keten_noord_oost_gelderland   named after the demo region
#   DEMO_PORT=8069
# make demo-smoke:
#   DEMO_SMOKE_PORT=8174 DEMO_SMOKE_DB=name (default: a throwaway database)
# make test-odoo / make test-odoo-addon:
#   ODOO_TESTS_PORT=8170 KEEP_DB=1 (keep the database)
#   TEST_TAGS=keten_access  (test-odoo-addon: Odoo's --test-tags)
# make i18n / make i18n-check:
#   I18N_DB=keten_i18n   database without demo data the template is exported from
#   I18N_UPDATE=0        do not install/update the module in it first
export TEST_PORT TEST_DB PYTEST_ARGS ODOO_TEST_LOG_LEVEL DEMO_DB DEMO_PORT \
	DEMO_SMOKE_DB DEMO_SMOKE_PORT \
	I18N_DB I18N_UPDATE TEST_TAGS \
	ODOO_TESTS_PORT KEEP_DB SMOKE_PORT SMOKE_GEVENT_PORT SMOKE_DB \
	FORCE_PRIVATE_PG PG_BINDIR EXTRA_ADDONS_PATH

.PHONY: help test test-db demo demo-drop demo-smoke readme lint format clean bench test-odoo test-odoo-addon \
	smoke-workers i18n i18n-check

BENCH_N ?= 10000 100000
BENCH_RUNS ?= 5

help:
	@echo "Set-up commands:"
	@echo "  make demo        install the addon with demo data in database"
	@echo "                   keten_noord_oost_gelderland (DEMO_DB, named after the demo"
	@echo "                   region), load Dutch, print the demo logins and serve"
	@echo "                   Odoo on http://127.0.0.1:8069 (DEMO_PORT)"
	@echo "  make test        fresh database, install without demo data, run all tests"
	@echo "                   (addon tests/ and repo tests/, browser tours included,"
	@echo "                   skipped tests fail the run), drop the database"
	@echo
	@echo "Developer commands:"
	@echo "  make test TEST_DB=keten_dev PYTEST_ARGS='-k name'"
	@echo "                   fast iteration: run the tests against an existing database"
	@echo "  make test-db TEST_DB=keten_dev"
	@echo "                   create that database or update the module in it (no demo)"
	@echo "  make lint        ruff check, ruff format --check, pylint-odoo mandatory checks,"
	@echo "                   README.rst up to date (what .pre-commit-config.yaml runs)"
	@echo "  make format      apply ruff fixes and formatting"
	@echo "  make bench       benchmark at N = 10,000 and 100,000 dossiers (BENCH_N, BENCH_RUNS);"
	@echo "                   see docs/benchmarks.md"
	@echo "  make test-odoo   Odoo's own tests of access rights, record rules, activities"
	@echo "                   and calendars (base, mail, test_mail, resource) with the"
	@echo "                   addon installed, in a fresh database (ODOO_TESTS_PORT 8170)"
	@echo "  make test-odoo-addon"
	@echo "                   the addon's tests with Odoo's own runner (odoo -i ..."
	@echo "                   --test-enable) on demo data; fails unless they are the"
	@echo "                   tests pytest collects (TEST_TAGS=keten_access: some only)"
	@echo "  make demo-smoke  install with demo data in a throwaway database, serve it,"
	@echo "                   check /web/login and one login per role over HTTP, stop"
	@echo "                   (DEMO_SMOKE_PORT 8174, DEMO_SMOKE_DB, KEEP_DB=1)"
	@echo "  make readme      generate ketenaanpak_mensenhandel/README.rst from readme/"
	@echo "  make smoke-workers"
	@echo "                   odoo --workers=2: log in over HTTP, read a dossier board,"
	@echo "                   open the bus websocket (SMOKE_PORT 8171, SMOKE_GEVENT_PORT"
	@echo "                   8172, SMOKE_DB to reuse a database)"
	@echo "  make i18n        export the translation template (i18n/*.pot) from database"
	@echo "                   keten_i18n (I18N_DB, no demo data) and merge it into"
	@echo "                   i18n/nl.po; lists the strings left to translate"
	@echo "  make i18n-check  fail, listing the strings, when the template is out of date"
	@echo "                   or nl.po is incomplete (I18N_UPDATE=0: skip the module update)"
	@echo "  make demo-drop   drop the demo database (start over with make demo)"
	@echo "  make clean       stop and remove the private PostgreSQL cluster (.pgdata/)"
	@echo "                   and generated files (.local/)"
	@echo
	@echo "Variables: PGHOST PGPORT PGUSER (default: local socket, then"
	@echo "127.0.0.1:5432, role root), FORCE_PRIVATE_PG=1, TEST_PORT (8169),"
	@echo "TEST_DB, PYTEST_ARGS, ODOO_TEST_LOG_LEVEL (warn), DEMO_DB, DEMO_PORT,"
	@echo "I18N_DB (keten_i18n), I18N_UPDATE (1)."

test:
	@scripts/test.sh

test-db:
	@scripts/test.sh prepare

test-odoo:
	@scripts/test_odoo.sh

test-odoo-addon:
	@scripts/test_odoo.sh addon

smoke-workers:
	@scripts/smoke_workers.sh

demo:
	@scripts/demo.sh

demo-drop:
	@scripts/demo.sh drop

demo-smoke:
	@scripts/demo.sh smoke

i18n:
	@scripts/i18n.sh update

i18n-check:
	@scripts/i18n.sh check

# The same commands as .pre-commit-config.yaml (tests/test_tooling.py).
lint:
	ruff check .
	ruff format --check .
	pylint --rcfile=.pylintrc-mandatory ketenaanpak_mensenhandel
	python3 scripts/gen_readme.py --check

readme:
	@python3 scripts/gen_readme.py

bench:
	nice -n 10 python3 bench/run.py $(foreach n,$(BENCH_N),--n $(n)) --runs $(BENCH_RUNS) --json .local/bench.json

format:
	ruff check --fix .
	ruff format .

clean:
	@if [ -s .pgdata/data/postmaster.pid ]; then \
		bindir=$$(ls -d /usr/lib/postgresql/$$(cat .pgdata/data/PG_VERSION)/bin 2>/dev/null); \
		runas=; [ "$$(id -u)" != 0 ] || runas="runuser -u $$(stat -c %U .pgdata/data) --"; \
		$$runas $${bindir:+$$bindir/}pg_ctl -D .pgdata/data stop -m fast || true; \
	fi
	rm -rf .pgdata .local
