"""The addon's habits that no Odoo run checks (no database needed).

* Odoo's runner sees only the test modules tests/__init__.py imports, and
  --test-tags selects by the tags of each class: every test_*.py is imported
  and every test class carries post_install, -at_install and a feature tag
  (FEATURE_TAGS, each documented in README.md).
* README.rst is generated from readme/ (scripts/gen_readme.py) and valid
  reStructuredText; readme/HISTORY.md has an entry for every version of the
  manifest in the history and for the current one.
* .pre-commit-config.yaml runs the commands of `make lint`.
"""

import ast
import importlib.util
import io
import re
from pathlib import Path

from test_migrations import current_version, release_commits

REPO_ROOT = Path(__file__).resolve().parent.parent
ADDON = REPO_ROOT / "ketenaanpak_mensenhandel"
TESTS = ADDON / "tests"

# What `--test-tags` selects by, e.g. `odoo ... --test-tags keten_access`.
FEATURE_TAGS = {
    "keten_access": "need-to-know: record rules, field groups, JSON-RPC, side views",
    "keten_avg": "AVG rights: legal bases, inzage, rectificatie, erasure, register",
    "keten_demo": "the demo region loader",
    "keten_documents": "documents on dossiers: need-to-know per kind, upload, download",
    "keten_i18n": "the Dutch translation on every screen",
    "keten_intake": "e-mail and web intake",
    "keten_performance": "query budgets of the forms",
    "keten_process": "the process: stages, guards, casusoverleg, persons",
    "keten_rapportage": "figures, suppression, the Regionale-Tafel workbook",
    "keten_retention": "bewaartermijn and anonymisation",
    "keten_security": "second factor, sessions, passwords, authentication log",
    "keten_termijnen": "termijnen, working days, signaleringslijst",
    "keten_tours": "browser tours",
    "keten_validation": "refused input",
}


def _test_files():
    return sorted(TESTS.glob("test_*.py"))


def _decorator_tags(node):
    for decorator in node.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and getattr(decorator.func, "id", None) == "tagged"
        ):
            return [
                arg.value for arg in decorator.args if isinstance(arg, ast.Constant)
            ]
    return None


def test_every_test_module_is_imported_for_odoos_runner():
    tree = ast.parse((TESTS / "__init__.py").read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 1 and not node.module
        for alias in node.names
    }
    missing = [path.stem for path in _test_files() if path.stem not in imported]
    assert not missing, f"not imported in tests/__init__.py: {missing}"


def test_every_test_class_has_a_feature_tag():
    problems = []
    for path in _test_files():
        for node in ast.parse(path.read_text()).body:
            if not isinstance(node, ast.ClassDef) or not node.name.startswith("Test"):
                continue
            tags = _decorator_tags(node)
            where = f"{path.name}:{node.lineno} {node.name}"
            if tags is None:
                problems.append(f"{where}: no @tagged(...)")
                continue
            if "post_install" not in tags or "-at_install" not in tags:
                problems.append(f"{where}: not post_install, -at_install: {tags}")
            if not set(tags) & FEATURE_TAGS.keys():
                problems.append(f"{where}: no feature tag of FEATURE_TAGS: {tags}")
            if (
                unknown := {t for t in tags if t.startswith("keten_")}
                - FEATURE_TAGS.keys()
            ):
                problems.append(f"{where}: unknown feature tag(s) {sorted(unknown)}")
    assert not problems, "\n".join(problems)


def test_feature_tags_are_documented():
    readme = (REPO_ROOT / "README.md").read_text()
    missing = [tag for tag in FEATURE_TAGS if f"`{tag}`" not in readme]
    assert not missing, f"feature tags missing in README.md: {missing}"


def _gen_readme():
    path = REPO_ROOT / "scripts" / "gen_readme.py"
    spec = importlib.util.spec_from_file_location("gen_readme", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_rst_is_generated_from_the_fragments_and_valid():
    import docutils.core  # noqa: PLC0415 (Odoo's dependency)

    text = _gen_readme().build()
    assert (ADDON / "README.rst").read_text() == text, (
        "ketenaanpak_mensenhandel/README.rst is out of date: run `make readme`"
    )
    warnings = io.StringIO()
    docutils.core.publish_string(
        text,
        writer_name="html",
        settings_overrides={"report_level": 2, "warning_stream": warnings},
    )
    assert not warnings.getvalue(), warnings.getvalue()
    # the fragments' content is in it, converted
    assert "``res.partner``" in text and "Changelog\n=========" in text


def test_history_has_every_version():
    headings = re.findall(
        r"^## (\S+)", (ADDON / "readme" / "HISTORY.md").read_text(), re.M
    )
    versions = set(release_commits()) | {current_version()}
    missing = sorted(versions - set(headings))
    assert not missing, f"readme/HISTORY.md has no entry for {missing}"
    assert (
        headings == sorted(headings, key=lambda v: [int(p) for p in v.split(".")])[::-1]
    ), "readme/HISTORY.md: newest version first"


def _makefile_lint_commands():
    lines = (REPO_ROOT / "Makefile").read_text().splitlines()
    start = lines.index("lint:") + 1
    commands = []
    for line in lines[start:]:
        if not line.startswith("\t"):
            break
        commands.append(line.strip())
    return commands


def test_pre_commit_runs_what_make_lint_runs():
    config = (REPO_ROOT / ".pre-commit-config.yaml").read_text()
    entries = re.findall(r"^\s+entry: (.+)$", config, re.M)
    assert entries == _makefile_lint_commands()
    assert "repo: local" in config and config.count("pass_filenames: false") == len(
        entries
    ), "the hooks run on the whole tree, as make lint does"
