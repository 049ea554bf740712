"""A logged ERROR or CRITICAL fails the test that logged it, under both runners.

Neither runner does this by itself: Odoo's runner counts failed assertions and
exceptions only (``OdooTestResult``), and pytest-odoo passes a test whose code
logged an error and carried on (a query refused by the database and caught, a
traceback in a controller answered as a 500 page). Such a test is not green.

* Odoo's runner (`make test-odoo-addon`, ``odoo --test-enable``): ``install()``,
  called by ``tests/__init__.py``, adds :class:`OdooRunnerGuard` to the root
  logger. While a test of this addon runs (``odoo.modules.module.current_test``),
  an ERROR record adds a failing cleanup to it: the test is reported as FAIL
  with the records. Outside a test method (``setUpClass``, ``tearDownClass``)
  the record counts as an error of the whole run.
* pytest (`make test`): ``conftest.py`` at the root of the repository loads
  this file and fails the test (or the session) the same way; it sets
  ``KETEN_LOG_GUARD=pytest`` so that ``install()`` adds nothing there.

Records muted by ``odoo.tools.mute_logger`` or caught by ``assertLogs`` never
reach the root logger: a test that provokes an error on purpose mutes it. What
a test cannot mute (it is logged by Odoo or an OCA module in a place the test
does not control) is listed in ``ALLOWED_ERRORS``, each entry with the test,
the logger, the message and the reason. Nothing else is allowed.

This file imports nothing of Odoo at import time: ``conftest.py`` loads it
before Odoo is configured.
"""

import logging
import os
import re
from dataclasses import dataclass

PACKAGE = "odoo.addons.ketenaanpak_mensenhandel.tests"


@dataclass(frozen=True)
class AllowedError:
    """An error record a test provokes on purpose."""

    tests: tuple  # ("TestClass.test_method", ...)
    logger: str  # the logger's name, exactly
    message: str  # a regular expression, searched in the record's message
    reason: str


# The ORM and the JSON-RPC matrix (tests/access_spec.py)
_MATRIX_TESTS = (
    "TestAccessMatrix.test_matrix",
    "TestAccessMatrixRpc.test_matrix_over_json_rpc",
)
_MATRIX_REFUSAL = (
    "The need-to-know matrix tries every operation as every user; where access "
    "allows it and the database refuses it, Odoo's cursor logs the refused query "
    "(odoo.sql_db 'bad query') before raising, and the matrix counts the refusal "
    "as allowed. "
)

ALLOWED_ERRORS = (
    AllowedError(
        tests=_MATRIX_TESTS,
        logger="odoo.sql_db",
        message=r'^bad query: .*INSERT INTO "keten_hoofdstap"',
        reason=_MATRIX_REFUSAL
        + "The Beheerder creates a hoofdstap with a code that exists: the "
        "unique constraint on keten_hoofdstap.code refuses it.",
    ),
    AllowedError(
        tests=_MATRIX_TESTS,
        logger="odoo.sql_db",
        message=r'^bad query: .*DELETE FROM "keten_person"',
        reason=_MATRIX_REFUSAL
        + "A person with dossier roles (or, with demo data, an AVG request) is "
        "deleted: the foreign keys of keten_dossier_person and keten_avg_request "
        "(ondelete restrict) refuse it.",
    ),
    AllowedError(
        tests=("TestRapportageDownload.test_someone_elses_wizard_is_not_rendered",),
        logger="odoo.addons.report_xlsx.controllers.main",
        message=r"^Error while generating report "
        r"ketenaanpak_mensenhandel\.rapportage_regionale_tafel",
        reason="A user asks for the workbook of another user's wizard; the record "
        "rule refuses it and report_xlsx's download controller (in the HTTP "
        "server's thread) logs the AccessError with its traceback before it "
        "answers with the error the test expects.",
    ),
)


def test_name(test):
    """``TestClass.test_method`` of a unittest test case."""
    return f"{type(test).__qualname__}.{test._testMethodName}"


def is_allowed_line(name, logger, message):
    """Whether a message of ``logger`` during test ``name`` is in ALLOWED_ERRORS."""
    return any(
        name in allowed.tests
        and allowed.logger == logger
        and re.search(allowed.message, message)
        for allowed in ALLOWED_ERRORS
    )


def is_allowed(name, record):
    """Whether ``record``, logged during test ``name``, is in ALLOWED_ERRORS."""
    return is_allowed_line(name, record.name, record.getMessage())


def describe(record):
    """One line per record: level, logger and the first line of the message."""
    first = record.getMessage().splitlines()[0] if record.getMessage() else ""
    return f"{record.levelname} {record.name}: {first[:300]}"


def failure_message(records):
    lines = "\n".join(f"  {describe(record)}" for record in records)
    return (
        f"{len(records)} ERROR/CRITICAL record(s) logged during the test (a test "
        "that provokes one on purpose mutes it with odoo.tools.mute_logger, or "
        "lists it in tests/log_guard.py ALLOWED_ERRORS with its reason):\n" + lines
    )


def is_test_report(record):
    """The FAIL/ERROR line Odoo's runner logs itself for a failing test."""
    return record.name == "odoo.tests.result" or (
        record.msg == "%s: %s\n%s"
        and isinstance(record.args, tuple)
        and record.args[:1] in (("FAIL",), ("ERROR",))
    )


class _LoggedErrors(AssertionError):
    pass


class OdooRunnerGuard(logging.Handler):
    """Fails the running test of this addon when it logs an ERROR (Odoo's runner)."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self._logger = logging.getLogger(__name__)

    def emit(self, record):
        if record.name == self._logger.name or is_test_report(record):
            return
        from odoo.modules import module  # noqa: PLC0415 (not at import time)

        test = module.current_test
        if not type(test).__module__.startswith(PACKAGE + "."):
            return
        name = test_name(test)
        if is_allowed(name, record):
            return
        if getattr(test, "_outcome", None) is not None:
            # the test runs: fail it at its cleanup, with every record
            records = test.__dict__.setdefault("_keten_logged_errors", [])
            if not records:
                test.addCleanup(self._fail, test)
            records.append(record)
        else:
            self._fail_run(test, record)

    @staticmethod
    def _fail(test):
        records = test.__dict__.pop("_keten_logged_errors", [])
        if records:
            raise _LoggedErrors(failure_message(records))

    def _fail_run(self, test, record):
        """An error outside a test method (class set-up or tear-down): the run fails."""
        from odoo.modules.registry import Registry  # noqa: PLC0415
        from odoo.tests.common import get_db_name  # noqa: PLC0415

        registries = Registry.registries
        db_name = get_db_name()
        report = (
            registries[db_name]._assertion_report if db_name in registries else None
        )
        if report is not None:
            report.errors_count += 1
        self._logger.error(
            "%s logged outside a test method near %s: the run fails\n  %s",
            record.levelname,
            test_name(test),
            describe(record),
        )


def install():
    """Add the guard to the root logger for Odoo's runner (once)."""
    if os.environ.get("KETEN_LOG_GUARD") == "pytest":
        return
    root = logging.getLogger()
    if not any(isinstance(handler, OdooRunnerGuard) for handler in root.handlers):
        root.addHandler(OdooRunnerGuard())
