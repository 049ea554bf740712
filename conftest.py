"""Repository-wide pytest configuration for `make test`.

* A skipped test counts as a failure. Odoo skips browser tests silently when
  Chrome or websocket-client is missing, and pytest-odoo skips HttpCase tests
  without --odoo-http; a green run must mean that every test really ran.
* pytest-odoo imports odoo.tests before test mode is on, which makes Odoo log
  a spurious ERROR ("Importing test framework") with a stack trace; that one
  record is filtered out so that real errors stand out.
* A logged ERROR or CRITICAL fails the test that logged it (the session when
  it is logged outside a test), unless the test provokes it on purpose and it
  is listed with its reason in ketenaanpak_mensenhandel/tests/log_guard.py
  (ALLOWED_ERRORS, shared with the guard under Odoo's own runner).
* The HTTP port of the in-process Odoo server is taken from KETEN_TEST_PORT
  (set by `make test` from TEST_PORT) instead of pytest-odoo's random port, so
  that it is predictable and does not clash with `make demo` on 8069.
"""

import importlib.util
import logging
import os
from pathlib import Path

import pytest

_SKIP_MESSAGE = (
    "{count} test(s) were skipped; `make test` allows no skipped tests. "
    "Install what they need (see README.md) or remove the skip."
)


def _configure_http_port():
    port = os.environ.get("KETEN_TEST_PORT", "").strip()
    if not port or port == "0":
        return  # keep pytest-odoo's random free port
    try:
        import pytest_odoo
    except ImportError:
        return
    if hasattr(pytest_odoo, "_get_available_random_port"):
        pytest_odoo._get_available_random_port = lambda: int(port)


_configure_http_port()


def _not_test_framework_import(record):
    return not record.getMessage().startswith("Importing test framework")


logging.getLogger("odoo.tests.common").addFilter(_not_test_framework_import)


# --- logged errors ------------------------------------------------------------


def _load_log_guard():
    # By path: Odoo is not configured yet when pytest loads this file.
    path = Path(__file__).parent / "ketenaanpak_mensenhandel" / "tests" / "log_guard.py"
    spec = importlib.util.spec_from_file_location("keten_log_guard", path)
    guard = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(guard)
    return guard


log_guard = _load_log_guard()
# the addon's tests package must not add its Odoo-runner guard as well
os.environ["KETEN_LOG_GUARD"] = "pytest"


class _ErrorRecords(logging.Handler):
    """Collects the ERROR and CRITICAL records of the whole session."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records = []

    def emit(self, record):
        if not log_guard.is_test_report(record):
            self.records.append(record)

    def take(self):
        records, self.records = self.records, []
        return records


_error_records = _ErrorRecords()
_orphan_records = []


def _pytest_test_name(item):
    cls = getattr(item, "cls", None)
    name = getattr(item, "originalname", None) or item.name
    return f"{cls.__qualname__}.{name}" if cls else name


def pytest_sessionstart(session):
    # after pytest-odoo's parse_config, which sets up Odoo's own log handlers
    root = logging.getLogger()
    if _error_records not in root.handlers:
        root.addHandler(_error_records)


def pytest_runtest_logstart(nodeid, location):
    # what was logged between two tests (collection, session fixtures) is nobody's
    _orphan_records.extend(_error_records.take())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    name = _pytest_test_name(item)
    records = [
        record
        for record in _error_records.take()
        if not log_guard.is_allowed(name, record)
    ]
    if not records:
        return
    message = log_guard.failure_message(records)
    report.sections.append((f"logged errors ({call.when})", message))
    if report.passed or report.skipped:
        report.outcome = "failed"
        report.longrepr = message


def _skipped_reports(terminalreporter):
    return terminalreporter.stats.get("skipped", [])


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    _orphan_records.extend(_error_records.take())
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter is not None and _skipped_reports(reporter)
    if (skipped or _orphan_records) and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if _orphan_records:
        terminalreporter.section("errors logged outside any test", sep="=", red=True)
        for record in _orphan_records:
            terminalreporter.write_line(log_guard.describe(record), red=True)
    skipped = _skipped_reports(terminalreporter)
    if not skipped:
        return
    terminalreporter.section("skipped tests are not allowed", sep="=", red=True)
    for report in skipped:
        reason = ""
        if isinstance(report.longrepr, tuple) and len(report.longrepr) == 3:
            reason = report.longrepr[2]
        terminalreporter.write_line(f"SKIPPED {report.nodeid}: {reason}", red=True)
    terminalreporter.write_line(
        _SKIP_MESSAGE.format(count=len(skipped)), red=True, bold=True
    )
