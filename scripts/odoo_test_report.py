"""Check the log of an Odoo test run of the addon (`make test-odoo-addon`).

    python3 scripts/odoo_test_report.py LOG [--pytest-ids FILE]

Fails (exit status 1), saying why, when in the log of
`odoo -i ketenaanpak_mensenhandel --test-enable`:

* Odoo's summary is missing, or reports a failed test or an error;
* a test was skipped (a skipped test is not a green test);
* an ERROR or CRITICAL line appears that is not in ALLOWED_ERRORS of
  ketenaanpak_mensenhandel/tests/log_guard.py for the test that was running;
* with --pytest-ids: the tests Odoo's runner started are not exactly the tests
  pytest collects (FILE: the output of `pytest --collect-only -q`), i.e. the
  two runners would not run the same tests.
"""

import argparse
import importlib.util
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MODULE = "ketenaanpak_mensenhandel"

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ "
    r"(?P<logger>[\w.]+): (?P<message>.*)$"
)
STARTING = re.compile(r"^Starting (?P<test>\w+\.\w+) \.\.\.")
SKIPPED = re.compile(r"^skipped (?P<test>\S+) : (?P<reason>.*)")
SUMMARY = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests"
)
TEST_LOGGER = f"odoo.addons.{MODULE}.tests."


def load_log_guard():
    path = REPO_ROOT / MODULE / "tests" / "log_guard.py"
    spec = importlib.util.spec_from_file_location("keten_log_guard", path)
    guard = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(guard)
    return guard


def read_log(path):
    """Started tests ("test_file.Class.method"), skips, summaries, error lines."""
    guard = load_log_guard()
    started, skipped, summaries, errors = [], [], [], []
    current = None
    for number, line in enumerate(
        Path(path).read_text(errors="replace").splitlines(), 1
    ):
        match = LINE.match(line)
        if not match:
            continue
        level, logger, message = match["level"], match["logger"], match["message"]
        if logger.startswith(TEST_LOGGER):
            test_file = logger[len(TEST_LOGGER) :]
            if start := STARTING.match(message):
                current = start["test"]
                started.append(f"{test_file}.{current}")
            elif skip := SKIPPED.match(message):
                skipped.append(f"{test_file}.{skip['test']}: {skip['reason']}")
        if summary := SUMMARY.search(message):
            summaries.append(
                {key: int(value) for key, value in summary.groupdict().items()}
            )
        if level in ("ERROR", "CRITICAL") and not (
            current and guard.is_allowed_line(current, logger, message)
        ):
            errors.append(f"line {number}: {level} {logger}: {message[:300]}")
    return started, skipped, summaries, errors


def pytest_ids(path):
    """The "test_file.Class.method" of `pytest --collect-only -q` output lines."""
    ids = []
    for line in Path(path).read_text().splitlines():
        parts = line.strip().split("::")
        if len(parts) == 3 and parts[0].endswith(".py"):
            ids.append(f"{Path(parts[0]).stem}.{parts[1]}.{parts[2]}")
    return ids


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log")
    parser.add_argument("--pytest-ids", help="output of pytest --collect-only -q")
    args = parser.parse_args()

    started, skipped, summaries, errors = read_log(args.log)
    problems = []
    if not summaries:
        problems.append("no test summary in the log: the tests did not run to the end")
    else:
        # the last summary is the whole run (at_install and post_install)
        last = summaries[-1]
        print(
            f"Odoo's runner: {last['run']} tests, {last['failed']} failed, "
            f"{last['errors']} error(s); {len(started)} tests of {MODULE} started"
        )
        if last["failed"] or last["errors"]:
            problems.append(f"{last['failed']} failed, {last['errors']} error(s)")
    if not started:
        problems.append(f"no test of {MODULE} ran")
    if duplicates := sorted({test for test in started if started.count(test) > 1}):
        problems.append("tests started more than once: " + ", ".join(duplicates))
    if skipped:
        problems.append(f"{len(skipped)} test(s) skipped:\n  " + "\n  ".join(skipped))
    if errors:
        shown = "\n  ".join(errors[:30])
        problems.append(
            f"{len(errors)} ERROR/CRITICAL line(s) not allowed by "
            f"tests/log_guard.py:\n  {shown}"
        )
    if args.pytest_ids:
        collected = set(pytest_ids(args.pytest_ids))
        ran = set(started)
        print(f"pytest collects {len(collected)} tests of {MODULE}")
        if not collected:
            problems.append("pytest collected no test")
        if only_pytest := sorted(collected - ran):
            problems.append(
                f"{len(only_pytest)} test(s) collected by pytest that Odoo's runner "
                "did not run (not imported in tests/__init__.py, or filtered out "
                "by their tags):\n  " + "\n  ".join(only_pytest)
            )
        if only_odoo := sorted(ran - collected):
            problems.append(
                f"{len(only_odoo)} test(s) run by Odoo's runner that pytest does "
                "not collect:\n  " + "\n  ".join(only_odoo)
            )
        if not only_pytest and not only_odoo and collected:
            print(f"same tests in both runners: {len(collected)}")
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
