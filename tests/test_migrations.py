"""Upgrades from the released versions, on their demo data, value by value.

For each version in RELEASES: the addon as it was released (the last commit of
the first-parent history of HEAD whose manifest has that version, taken with
`git archive`, no network) is installed with demo data into a fresh database,
with a little more data made through its own API; every keten_* table is read;
the database is upgraded (`-u`) to the working tree; every table is read again
and compared row by row and column by column. What the upgrade may change is
DOCUMENTED_CHANGES below, the same list as in migrations/README.md; anything
else that differs, a row lost or added, a column or table gone, fails. Then
MIGRATION_CHECKS asserts what each migration script adds.

Not compared (not case data): the tables of transient models (wizards,
vacuumed by a cron) and the tables of the demo loader model of the old
versions, `keten.demo` (an AbstractModel there: no table; the working tree
loads the demo from elsewhere).

The oldest version in the history is 18.0.1.1.0, so no database ever upgrades
*to* it from git. To run its script for real, the 18.0.1.2.0 database is
declared 18.0.1.0.0 before its upgrade, with `date_handled` emptied as a
database before 18.0.1.1.0 had it (the column did not exist): the upgrade then
runs the scripts of 18.0.1.1.0 and 18.0.1.3.0.

`test_every_migration_is_tested` (no database) fails when a migrations/<version>/
folder has no entry in MIGRATION_CHECKS or no release here upgrades through
it, and when the newest release before the working tree is not in RELEASES.
"""

import ast
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from psycopg2 import sql
from test_install import MODULE, REPO_ROOT, OdooDatabase

MANIFEST = f"{MODULE}/__manifest__.py"
MIGRATIONS = REPO_ROOT / MODULE / "migrations"

# The released versions this test upgrades from, with the version the
# database is declared to have before the upgrade (see the docstring).
RELEASES = {
    "18.0.1.2.0": "18.0.1.0.0",
    "18.0.1.3.0": "18.0.1.3.0",
    "18.0.1.4.0": "18.0.1.4.0",
}

# Made with the old version's API on top of its demo data: a melding that
# becomes a dossier with a confirmed 1e weging (termijn terugkoppeling after
# 18.0.1.3.0), and a melding handled without a dossier (18.0.1.1.0).
OLD_VERSION_DATA = """
org = env["keten.organisation"].search([("is_meldpunt", "=", True)], limit=1)
victim = env["keten.person"].create(
    {"first_name": "Upgrade", "last_name": "Slachtoffer", "birth_date": "2000-01-01"}
)
melding = env["keten.melding"].create({
    "content": "Upgrade: signalen van uitbuiting.", "melder_name": "Melder",
    "organisation_id": org.id, "person_ids": [(6, 0, victim.ids)],
})
melding.action_create_dossier()
weging = env["keten.weging"].create({
    "dossier_id": melding.dossier_id.id, "actueel": "ja",
    "acuut_volgens_melder": "nee", "veiligheid": "veilig", "kwalificatie": "wel",
})
weging.action_confirm()
advies = env["keten.melding"].create({
    "content": "Upgrade: adviesvraag.", "melder_name": "Buurman",
    "organisation_id": org.id, "handling_note": "Beantwoord en doorverwezen.",
})
advies.action_handle_without_dossier()
env.cr.commit()
print("KETEN_DATA_OK")
"""


@dataclass(frozen=True)
class Change:
    """A documented change of an upgrade: ``column`` of ``table`` may differ
    (``"*"``: rows may be added), for the reason given."""

    table: str
    column: str
    reason: str
    since: str  # the version whose upgrade makes the change


# Also in migrations/README.md; an upgrade from a version before ``since``
# may change these columns (of any row), nothing else. Rows may never be lost.
_NEXT_DEADLINE = (
    "18.0.1.3.0 adds stored computed fields (next_deadline_date, and on the "
    "dossier next_deadline_termijn_id); the upgrade computes them for every "
    "record and Odoo's flush sets write_date with them"
)
_COMENSHA_NEXT = (
    "18.0.1.5.0 post-migrate.py: the termijn of a CoMensha registration it makes "
    "becomes the dossier's next termijn when it falls due first"
)
DOCUMENTED_CHANGES = (
    Change(
        "keten_melding",
        "date_handled",
        "18.0.1.1.0 post-migrate.py: empty for a melding handled without dossier "
        "(column new in 18.0.1.1.0): set to the day of its last change",
        since="18.0.1.1.0",
    ),
    Change("keten_dossier", "write_date", _NEXT_DEADLINE, since="18.0.1.3.0"),
    Change("keten_melding", "write_date", _NEXT_DEADLINE, since="18.0.1.3.0"),
    Change(
        "keten_termijn",
        "*",
        "18.0.1.5.0 adds termijnen (data/keten_termijn_data.xml): the CoMensha "
        "registration",
        since="18.0.1.5.0",
    ),
    Change(
        "keten_deadline",
        "*",
        "18.0.1.5.0 post-migrate.py: the termijn of each CoMensha registration it "
        "makes",
        since="18.0.1.5.0",
    ),
    *(
        Change("keten_dossier", column, _COMENSHA_NEXT, since="18.0.1.5.0")
        for column in ("next_deadline_date", "next_deadline_termijn_id", "write_date")
    ),
)


# ---------------------------------------------------------------------------
# git history
# ---------------------------------------------------------------------------


def _git(*args):
    return subprocess.run(
        ["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout


def _version_key(version):
    return tuple(int(part) for part in version.split("."))


def _manifest_version(text):
    return ast.literal_eval(text)["version"]


def current_version():
    return _manifest_version((REPO_ROOT / MANIFEST).read_text())


def release_commits():
    """{version: commit} over the first-parent history of HEAD: per version the
    newest commit whose manifest has it (the state that version was released in)."""
    if not shutil.which("git"):
        pytest.fail("git is needed to take the released versions from the history")
    try:
        commits = _git("rev-list", "--first-parent", "HEAD").split()
    except subprocess.CalledProcessError as error:
        pytest.fail(
            f"no git history to take the released versions from: {error.stderr}"
        )
    releases = {}
    for commit in commits:
        try:
            text = _git("show", f"{commit}:{MANIFEST}")
        except subprocess.CalledProcessError:
            continue  # before the addon existed
        releases.setdefault(_manifest_version(text), commit)
    return releases


# ---------------------------------------------------------------------------
# Reading every keten_* table
# ---------------------------------------------------------------------------


@dataclass
class Table:
    columns: list
    key_columns: list  # ["id"], or every column of a relation table
    rows: dict = field(default_factory=dict)  # key -> {column: value}


def snapshot(db):
    """Every row of every keten_* table but those of transient models."""
    transient = {
        row[0]
        for row in db.query(
            "SELECT replace(model, '.', '_') FROM ir_model WHERE transient"
            " AND model LIKE %s",
            ["keten.%"],
        )
    }
    tables = [
        row[0]
        for row in db.query(
            "SELECT c.relname FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE %s"
            " ORDER BY c.relname",
            ["keten\\_%"],
        )
    ]
    result = {}
    for table in tables:
        if any(table == t or table.startswith(t + "_") for t in transient):
            continue
        if table == "keten_demo" or table.startswith("keten_demo_"):
            continue
        columns = [
            row[0]
            for row in db.query(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = 'public' AND table_name = %s"
                " ORDER BY ordinal_position",
                [table],
            )
        ]
        key_columns = ["id"] if "id" in columns else columns
        data = Table(columns, key_columns)
        query = sql.SQL("SELECT {} FROM {}").format(
            sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(table)
        )
        for row in db.query(query):
            values = dict(zip(columns, row, strict=True))
            key = tuple(values[column] for column in key_columns)
            data.rows[key] = values
        result[table] = data
    return result


def _documented(table, column, version):
    return [
        change
        for change in DOCUMENTED_CHANGES
        if change.table == table
        and change.column == column
        and _version_key(version) < _version_key(change.since)
    ]


def differences(before, after, version):
    """What differs between two snapshots and is not a documented change."""
    found = []
    for table, old in sorted(before.items()):
        new = after.get(table)
        if new is None:
            found.append(f"{table}: table gone")
            continue
        for column in old.columns:
            if column not in new.columns and not _documented(table, column, version):
                found.append(f"{table}.{column}: column gone")
        lost = old.rows.keys() - new.rows.keys()
        if lost:
            found.append(f"{table}: {len(lost)} row(s) lost, e.g. {sorted(lost)[:5]}")
        added = new.rows.keys() - old.rows.keys()
        if added and not _documented(table, "*", version):
            found.append(
                f"{table}: {len(added)} row(s) added, e.g. {sorted(added)[:5]}"
            )
        changed = {}
        for key in old.rows.keys() & new.rows.keys():
            for column, value in old.rows[key].items():
                if column not in new.columns or new.rows[key][column] == value:
                    continue
                if _documented(table, column, version):
                    continue
                changed.setdefault(column, []).append(
                    (key, value, new.rows[key][column])
                )
        for column, rows in sorted(changed.items()):
            examples = "; ".join(
                f"{key}: {old_value!r:.80} -> {new_value!r:.80}"
                for key, old_value, new_value in sorted(rows, key=str)[:3]
            )
            found.append(
                f"{table}.{column}: {len(rows)} row(s) changed, e.g. {examples}"
            )
    return found


# ---------------------------------------------------------------------------
# The upgrades
# ---------------------------------------------------------------------------


@dataclass
class Upgrade:
    version: str
    declared: str
    db: OdooDatabase
    before: dict = None
    after: dict = None


def _config_with_addon_tree(config_file, tree, directory):
    """A copy of ``config_file`` that loads the addon from ``tree``."""
    text = Path(config_file).read_text()
    lines = []
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "addons_path":
            paths = [
                str(tree) if Path(path.strip()).resolve() == REPO_ROOT else path.strip()
                for path in value.split(",")
            ]
            line = "addons_path = " + ",".join(paths)
        lines.append(line)
    new_file = directory / "odoo-release.conf"
    new_file.write_text("\n".join(lines) + "\n")
    return new_file


@pytest.fixture(scope="module")
def upgrades(request, odoo_config, tmp_path_factory):
    """Install every release with demo data (in parallel), then upgrade each to
    the working tree (in parallel); the databases are dropped at the end."""
    releases = release_commits()
    runs = {}
    try:
        for version, declared in RELEASES.items():
            if version not in releases:
                pytest.fail(f"version {version} is not in the git history")
            directory = tmp_path_factory.mktemp(f"release-{version}")
            archive = subprocess.run(
                ["git", "archive", releases[version], MODULE],
                cwd=REPO_ROOT,
                capture_output=True,
                check=True,
            ).stdout
            subprocess.run(
                ["tar", "-x", "-C", str(directory)], input=archive, check=True
            )
            config = _config_with_addon_tree(odoo_config, directory, directory)
            db = OdooDatabase(config, version.replace(".", ""), directory)
            runs[version] = Upgrade(version, declared, db)
            db.start(f"install {version} with demo data", "-i", MODULE)
        for upgrade in runs.values():
            db = upgrade.db
            db.wait().assert_clean()
            data = db.shell(f"data made with {upgrade.version}", OLD_VERSION_DATA)
            assert "KETEN_DATA_OK" in data.log, data.log[-3000:]
            if upgrade.declared != upgrade.version:
                _declare_older(db, upgrade.declared)
            upgrade.before = snapshot(db)
            # the same database, now with the code of the working tree
            db.config_file = odoo_config
            db.start(f"upgrade from {upgrade.version} (-u)", "-u", MODULE)
        for upgrade in runs.values():
            upgrade.db.wait().assert_clean()
            upgrade.after = snapshot(upgrade.db)
        yield runs
    finally:
        for upgrade in runs.values():
            upgrade.db.drop()


def _declare_older(db, declared):
    """The state of a database of version ``declared`` (before 18.0.1.1.0:
    no date_handled) as far as the migration scripts read it."""
    conn = db._connect(db.name)
    try:
        with conn, conn.cursor() as cr:
            cr.execute(
                "UPDATE ir_module_module SET latest_version = %s WHERE name = %s",
                [declared, MODULE],
            )
            if _version_key(declared) < (18, 0, 1, 1, 0):
                cr.execute(
                    "UPDATE keten_melding SET date_handled = NULL"
                    " WHERE handled_without_dossier"
                )
    finally:
        conn.close()


# ---------------------------------------------------------------------------
# What each migration script adds
# ---------------------------------------------------------------------------


def check_18_0_1_1_0(upgrade):
    """date_handled of a melding handled without dossier: its last change."""
    before = upgrade.before["keten_melding"].rows
    after = upgrade.after["keten_melding"].rows
    handled = [key for key, row in before.items() if row["handled_without_dossier"]]
    assert handled, "no melding handled without dossier to migrate"
    for key in handled:
        assert before[key]["date_handled"] is None
        assert after[key]["date_handled"] == before[key]["write_date"].date(), key


def check_18_0_1_3_0(upgrade):
    """Termijnen for the open cases, from what they hold; none for closed ones."""
    db = upgrade.db
    assert "keten_deadline" not in upgrade.before, "termijnen before 18.0.1.3.0?"
    deadlines = upgrade.after["keten_deadline"].rows.values()
    assert deadlines, "the migration started no termijn"
    assert {row["state"] for row in deadlines} == {"open"}, (
        "what was met before the upgrade gets no termijn"
    )
    dossiers = upgrade.before["keten_dossier"].rows
    closed = {key[0] for key, row in dossiers.items() if row["is_closed"]}
    assert closed and len(closed) < len(dossiers), "demo data without open and closed"
    on_closed = [row["id"] for row in deadlines if row["dossier_id"] in closed]
    assert not on_closed, f"termijnen on closed dossiers: {on_closed}"
    meldingen = upgrade.before["keten_melding"].rows
    # 1e weging: waiting meldingen and the meldingen of open dossiers without a
    # confirmed 1e weging
    confirmed = {
        row["dossier_id"]
        for row in upgrade.before["keten_weging"].rows.values()
        if row["weging_type"] == "eerste" and row["state"] == "vastgesteld"
    }
    expected = {
        key[0]
        for key, row in meldingen.items()
        if row["active"]
        and not row["handled_without_dossier"]
        and (
            (not row["dossier_id"])
            or (row["dossier_id"] not in closed and row["dossier_id"] not in confirmed)
        )
    }
    opened = {
        row["melding_id"] for row in deadlines if row["termijn_code"] == "eerste_weging"
    }
    assert opened == expected, (sorted(opened - expected), sorted(expected - opened))
    # terugkoppeling: the qualified meldingen of open dossiers, melder known
    expected = {
        key[0]
        for key, row in meldingen.items()
        if row["active"]
        and row["dossier_id"] in confirmed
        and row["dossier_id"] not in closed
        and not row["melder_anonymous"]
    }
    opened = {
        row["melding_id"]
        for row in deadlines
        if row["termijn_code"] == "terugkoppeling"
    }
    assert opened == expected, (sorted(opened - expected), sorted(expected - opened))
    mine = db.query(
        "SELECT k.termijn_code, k.state FROM keten_deadline k"
        " JOIN keten_melding m ON m.id = k.melding_id"
        " WHERE m.content = 'Upgrade: signalen van uitbuiting.'"
    )
    assert mine == [("terugkoppeling", "open")], mine
    # every open termijn has its activity
    without = db.query(
        "SELECT id FROM keten_deadline WHERE state = 'open' AND activity_id IS NULL"
    )
    assert not without, f"open termijnen without activity: {without}"


def check_18_0_1_5_0(upgrade):
    """A CoMensha registration, to be reported with its termijn open, for every
    victim of a qualified dossier with a CoMensha consent from before the
    upgrade; nothing else is registered. The access log's index on res_model
    alone is replaced by the one on (res_model, res_id)."""
    db = upgrade.db
    assert "keten_comensha_registration" not in upgrade.before
    consents = upgrade.before.get("keten_consent")
    expected = set()
    if consents is not None:
        wegingen = upgrade.before["keten_weging"].rows.values()
        qualified = {
            row["dossier_id"]
            for row in wegingen
            if row["state"] == "vastgesteld" and row["kwalificatie"] == "wel"
        }
        links = upgrade.before["keten_dossier_person"].rows.values()
        consenting = {
            row["person_id"]
            for row in consents.rows.values()
            if row["purpose"] == "comensha" and not row["date_withdrawn"]
        }
        expected = {
            (row["dossier_id"], row["person_id"])
            for row in links
            if row["role"] == "slachtoffer"
            and row["person_id"] in consenting
            and row["dossier_id"] in qualified
        }
    rows = db.query(
        "SELECT r.dossier_id, r.person_id, r.state, k.state"
        " FROM keten_comensha_registration r"
        " LEFT JOIN keten_deadline k ON k.res_model = 'keten.comensha.registration'"
        " AND k.res_id = r.id"
    )
    assert {(d, p) for d, p, _s, _k in rows} == expected, (rows, expected)
    assert all(
        state == "te_melden" and open_ == "open" for _d, _p, state, open_ in rows
    )
    if upgrade.version == "18.0.1.4.0":
        assert expected, "the demo of 18.0.1.4.0 has a CoMensha consent"
    # the access log is indexed by (model, id) as on a new install
    indexes = {
        name
        for (name,) in db.query(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'keten_access_log'"
        )
    }
    assert "keten_access_log_res_model_res_id_index" in indexes, indexes
    assert "keten_access_log__res_model_index" not in indexes, indexes


MIGRATION_CHECKS = {
    "18.0.1.1.0": check_18_0_1_1_0,
    "18.0.1.3.0": check_18_0_1_3_0,
    "18.0.1.5.0": check_18_0_1_5_0,
}


# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------


def _migration_versions():
    return sorted(
        (path.name for path in MIGRATIONS.iterdir() if path.is_dir()), key=_version_key
    )


def test_every_migration_is_tested():
    current = current_version()
    for version in _migration_versions():
        assert version in MIGRATION_CHECKS, (
            f"migrations/{version}/ has no check in tests/test_migrations.py "
            "MIGRATION_CHECKS: assert there what the script adds"
        )
        assert any(
            _version_key(declared) < _version_key(version) <= _version_key(current)
            for declared in RELEASES.values()
        ), f"no upgrade in tests/test_migrations.py RELEASES runs migrations/{version}/"
    older = [v for v in release_commits() if _version_key(v) < _version_key(current)]
    newest = max(older, key=_version_key)
    assert newest in RELEASES, (
        f"{newest} is the last release before {current}: add it to RELEASES in "
        "tests/test_migrations.py"
    )


@pytest.mark.parametrize("version", list(RELEASES))
def test_upgrade_keeps_every_value(upgrades, version):
    upgrade = upgrades[version]
    rows = upgrade.db.query(
        "SELECT latest_version, state FROM ir_module_module WHERE name = %s", [MODULE]
    )
    assert rows == [(current_version(), "installed")]
    found = differences(upgrade.before, upgrade.after, upgrade.declared)
    assert not found, (
        f"the upgrade from {version} changed what it is not documented to change "
        "(DOCUMENTED_CHANGES, migrations/README.md):\n  " + "\n  ".join(found)
    )


@pytest.mark.parametrize(
    "version,migration",
    [
        (version, migration)
        for version, declared in RELEASES.items()
        for migration in MIGRATION_CHECKS
        if _version_key(declared)
        < _version_key(migration)
        <= _version_key(_manifest_version((REPO_ROOT / MANIFEST).read_text()))
    ],
)
def test_migration_adds_what_it_says(upgrades, version, migration):
    MIGRATION_CHECKS[migration](upgrades[version])


# Legal bases came with 18.0.1.4.0: the releases before it upgrade without any.
BEFORE_LEGAL_BASES = [v for v in RELEASES if _version_key(v) < (18, 0, 1, 4, 0)]


@pytest.mark.parametrize("version", BEFORE_LEGAL_BASES)
def test_no_legal_bases_after_the_upgrade_and_the_dashboard_says_so(upgrades, version):
    upgrade = upgrades[version]
    assert "keten_legal_basis" not in upgrade.before
    assert not upgrade.after["keten_legal_basis"].rows
    run = upgrade.db.shell(
        "the legal-basis notice",
        'notice = env["keten.legal.basis"]._keten_missing_basis_notice()\n'
        'print("KETEN_NOTICE", sorted(notice["organisations"]))\n',
    )
    line = next(
        (line for line in run.log.splitlines() if line.startswith("KETEN_NOTICE")), None
    )
    assert line, run.log[-3000:]
    involved = upgrade.db.query(
        "SELECT DISTINCT o.name FROM keten_organisation o"
        " JOIN keten_dossier_involved_org_rel r ON r.organisation_id = o.id"
        " JOIN keten_dossier d ON d.id = r.dossier_id"
        " WHERE NOT d.is_closed AND d.active ORDER BY o.name"
    )
    assert involved
    assert line == "KETEN_NOTICE " + str(sorted(name for (name,) in involved))
