"""Repository-wide pytest configuration for `make test`.

* A skipped test counts as a failure. Odoo skips browser tests silently when
  Chrome or websocket-client is missing, and pytest-odoo skips HttpCase tests
  without --odoo-http; a green run must mean that every test really ran.
* pytest-odoo imports odoo.tests before test mode is on, which makes Odoo log
  a spurious ERROR ("Importing test framework") with a stack trace; that one
  record is filtered out so that real errors stand out.
* The HTTP port of the in-process Odoo server is taken from KETEN_TEST_PORT
  (set by `make test` from TEST_PORT) instead of pytest-odoo's random port, so
  that it is predictable and does not clash with `make demo` on 8069.
"""

import logging
import os

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


def _skipped_reports(terminalreporter):
    return terminalreporter.stats.get("skipped", [])


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or not _skipped_reports(reporter):
        return
    if session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
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
