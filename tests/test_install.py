"""Install and upgrade checks of the addon, driving `odoo` in subprocesses.

These tests need no database from pytest-odoo: they create their own
throwaway databases (random names), run `odoo ... --stop-after-init` against
them and drop them afterwards. `make test` runs them in the same pytest session
as the addon's own tests; the subprocesses run with --no-http, so they do not
compete with the in-process Odoo server for its port.

Database connection and addons path come from the Odoo config file that
`make test` generates (KETEN_ODOO_CONF). Run on their own, without Odoo in
the pytest process, they build one from PGHOST/PGPORT/PGUSER:

    pytest -p no:odoo tests/test_install.py
"""

import configparser
import os
import re
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg2
import pytest
from psycopg2 import sql

MODULE = "ketenaanpak_mensenhandel"
REPO_ROOT = Path(__file__).resolve().parent.parent
ODOO_TIMEOUT = int(os.environ.get("KETEN_INSTALL_TIMEOUT", "1200"))

# The upgrade test compares the row counts of every table named keten_%
# (the tables of the module's models and their many2many relations) before
# and after `-u`. Left out of that comparison:
# - log tables (name ending in _log, e.g. keten_access_log): rows are appended
#   as a side effect of reading records, which an upgrade may legitimately do;
# - tables of transient models (wizards) and their relation tables: their rows
#   are temporary and vacuumed by a cron job, they are not data.
EXCLUDED_TABLE_SUFFIXES = ("_log",)

_LOG_LINE = r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
ERROR_RE = re.compile(_LOG_LINE + r"(ERROR|CRITICAL) |Traceback \(most recent call")


@dataclass
class OdooRun:
    what: str
    returncode: int
    log: str

    def assert_clean(self):
        """The run succeeded and logged no ERROR, CRITICAL or traceback."""
        tail = "\n".join(self.log.splitlines()[-40:])
        assert self.returncode == 0, (
            f"{self.what} exited with status {self.returncode}; log ends with:\n{tail}"
        )
        lines = self.log.splitlines()
        problems = [
            "\n".join(lines[i : i + 15])
            for i, line in enumerate(lines)
            if ERROR_RE.search(line)
        ]
        assert not problems, f"{self.what} logged errors:\n" + "\n---\n".join(
            problems[:10]
        )


def _false_to_none(value):
    return None if value in (None, "", "False", "None") else value


class OdooDatabase:
    """A throwaway database that `odoo` subprocesses work on."""

    def __init__(self, config_file, label, log_dir):
        self.config_file = config_file
        self.name = f"keten_it_{label}_{uuid.uuid4().hex[:8]}"
        self.log_dir = log_dir
        parser = configparser.RawConfigParser()
        parser.read(config_file)
        options = dict(parser.items("options"))
        self.connect_args = {
            "host": _false_to_none(options.get("db_host")),
            "port": _false_to_none(options.get("db_port")),
            "user": _false_to_none(options.get("db_user")),
            "password": _false_to_none(options.get("db_password")),
        }
        self.data_dir = _false_to_none(options.get("data_dir"))
        self._process = None
        self._result = None
        self._runs = 0

    # -- odoo subprocesses --

    def start(self, what, *args):
        """Start `odoo -d <this db> --stop-after-init <args>` in the background."""
        odoo = shutil.which("odoo")
        assert odoo, "the 'odoo' command is not on PATH"
        self._runs += 1
        log_file = self.log_dir / f"{self.name}-{self._runs}.log"
        self._log_file = log_file
        self._what = f"{what} (database {self.name}, log {log_file})"
        with open(log_file, "wb") as out:
            self._process = subprocess.Popen(
                [odoo, "-c", str(self.config_file), "-d", self.name]
                + ["--stop-after-init", "--no-http", "--log-level=info", *args],
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=REPO_ROOT,
            )
        self._result = None

    def wait(self):
        """Wait for the last started run and return its OdooRun."""
        if self._result is None:
            assert self._process, "no odoo run was started"
            try:
                returncode = self._process.wait(timeout=ODOO_TIMEOUT)
            except subprocess.TimeoutExpired:
                self._process.kill()
                returncode = self._process.wait()
                pytest.fail(f"{self._what} took more than {ODOO_TIMEOUT} s")
            log = self._log_file.read_text(errors="replace")
            self._result = OdooRun(self._what, returncode, log)
        return self._result

    def run(self, what, *args):
        self.start(what, *args)
        return self.wait()

    def shell(self, what, script):
        """Run ``script`` in `odoo shell` on this database; returns an OdooRun."""
        self._runs += 1
        log_file = self.log_dir / f"{self.name}-{self._runs}-shell.log"
        with open(log_file, "wb") as out:
            process = subprocess.run(
                [shutil.which("odoo"), "shell", "-c", str(self.config_file)]
                + ["-d", self.name, "--no-http", "--log-level=warn"],
                input=script.encode(),
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=REPO_ROOT,
                timeout=ODOO_TIMEOUT,
                check=False,
            )
        return OdooRun(
            f"{what} (database {self.name}, log {log_file})",
            process.returncode,
            log_file.read_text(errors="replace"),
        )

    # -- SQL --

    def _connect(self, dbname):
        return psycopg2.connect(dbname=dbname, **self.connect_args)

    def query(self, query, params=None):
        conn = self._connect(self.name)
        try:
            with conn.cursor() as cr:
                cr.execute(query, params)
                return cr.fetchall()
        finally:
            conn.close()

    def module_state(self):
        rows = self.query(
            "SELECT state, demo FROM ir_module_module WHERE name = %s", [MODULE]
        )
        return rows[0] if rows else (None, None)

    def table_exists(self, table):
        return bool(self.query("SELECT to_regclass(%s)", [f"public.{table}"])[0][0])

    def count(self, table):
        query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        return self.query(query)[0][0]

    def module_tables(self):
        """The keten_% tables, without the excluded ones."""
        tables = [
            row[0]
            for row in self.query(
                "SELECT c.relname FROM pg_class c"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = 'public' AND c.relkind = 'r'"
                " AND c.relname LIKE %s ORDER BY c.relname",
                ["keten\\_%"],
            )
        ]
        transient = [
            row[0]
            for row in self.query(
                "SELECT replace(model, '.', '_') FROM ir_model"
                " WHERE transient AND model LIKE %s",
                ["keten.%"],
            )
        ]
        return [
            table
            for table in tables
            if not table.endswith(EXCLUDED_TABLE_SUFFIXES)
            and not any(t in table for t in transient)
        ]

    def module_row_counts(self):
        """Row counts of the keten_% tables, without the excluded ones."""
        return {table: self.count(table) for table in self.module_tables()}

    def module_records(self):
        """Per keten_% table, the set of its records: the ids of a model's table,
        the rows of a many2many relation table. A row replaced by another keeps
        the count but not the record; this sees it."""
        records = {}
        for table in self.module_tables():
            columns = {
                row[0]
                for row in self.query(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_schema = 'public' AND table_name = %s",
                    [table],
                )
            }
            if "id" in columns:
                query = sql.SQL("SELECT id FROM {}").format(sql.Identifier(table))
                records[table] = {row[0] for row in self.query(query)}
            else:
                query = sql.SQL("SELECT * FROM {}").format(sql.Identifier(table))
                records[table] = set(self.query(query))
        return records

    def drop(self):
        if self._process and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        conn = self._connect("postgres")
        try:
            conn.autocommit = True
            with conn.cursor() as cr:
                cr.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(self.name)
                    )
                )
        finally:
            conn.close()
        if self.data_dir:
            shutil.rmtree(Path(self.data_dir, "filestore", self.name), True)


@pytest.fixture(scope="module")
def databases(request, odoo_config, tmp_path_factory):
    """Start the installs the selected tests need, in parallel, and drop the
    databases at the end of the module."""
    log_dir = tmp_path_factory.mktemp("odoo-logs")
    selected = {
        item.originalname
        for item in request.session.items
        if getattr(item, "path", None) == request.path
    }
    dbs = {
        "demo": OdooDatabase(odoo_config, "demo", log_dir),
        "nodemo": OdooDatabase(odoo_config, "nodemo", log_dir),
    }
    try:
        if selected & {"test_install_with_demo_data", "test_upgrade_keeps_data"}:
            dbs["demo"].start("install with demo data", "-i", MODULE)
        if "test_install_without_demo_data" in selected:
            dbs["nodemo"].start(
                "install without demo data", "-i", MODULE, "--without-demo=all"
            )
        yield dbs
    finally:
        for db in dbs.values():
            db.drop()


def test_install_with_demo_data(databases):
    db = databases["demo"]
    db.wait().assert_clean()
    assert db.module_state() == ("installed", True)
    assert db.table_exists("keten_dossier"), "table keten_dossier does not exist"
    assert db.count("keten_dossier") > 0, "the demo data has no keten.dossier"


def assert_same_records(before, after, what):
    """Every record of every keten_% table is still there, and no other appeared."""
    assert before, "no keten_% tables to compare"
    changed = {}
    for table in sorted(before.keys() | after.keys()):
        lost = before.get(table, set()) - after.get(table, set())
        new = after.get(table, set()) - before.get(table, set())
        if lost or new or table not in after:
            changed[table] = {
                "lost": sorted(lost, key=str)[:10],
                "new": sorted(new, key=str)[:10],
            }
    assert not changed, f"records changed by {what}: {changed}"


def test_upgrade_keeps_data(databases):
    db = databases["demo"]
    if db.wait().returncode != 0:
        pytest.fail("the install with demo data failed, see the test before")
    before = db.module_records()
    counts = db.module_row_counts()
    db.run("upgrade (-u)", "-u", MODULE).assert_clean()
    assert db.module_state()[0] == "installed"
    assert_same_records(before, db.module_records(), "-u")
    assert db.module_row_counts() == counts


def test_install_without_demo_data(databases):
    db = databases["nodemo"]
    db.wait().assert_clean()
    assert db.module_state() == ("installed", False)
