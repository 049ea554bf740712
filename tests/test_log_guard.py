"""The checks that make a run fail: the logged-error guard of Odoo's runner
(ketenaanpak_mensenhandel/tests/log_guard.py) and the report on the log of
`make test-odoo-addon` (scripts/odoo_test_report.py), on made-up tests and
logs (no database needed)."""

import importlib.util
import logging
import sys
import unittest
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


guard = _load("keten_log_guard_test", "ketenaanpak_mensenhandel/tests/log_guard.py")
sys.path.insert(0, str(REPO_ROOT / "scripts"))
report = _load("odoo_test_report", "scripts/odoo_test_report.py")


def _record(logger, message, level=logging.ERROR):
    return logging.LogRecord(logger, level, __file__, 1, message, (), None)


class TestAccessMatrix(unittest.TestCase):
    __test__ = False  # a made-up test case, not a test of this file

    def test_matrix(self):
        pass


# a test case of the addon, as Odoo's runner sees it
TestAccessMatrix.__module__ = guard.PACKAGE + ".test_access_matrix"


def test_allow_list_needs_test_logger_and_message():
    allowed = guard.ALLOWED_ERRORS[0]
    message = "bad query: b'INSERT INTO \"keten_hoofdstap\" ...'"
    record = _record("odoo.sql_db", message)
    assert guard.is_allowed(allowed.tests[0], record)
    assert not guard.is_allowed("TestProcess.test_other", record)
    assert not guard.is_allowed(allowed.tests[0], _record("odoo.other", message))
    assert not guard.is_allowed(
        allowed.tests[0], _record("odoo.sql_db", "bad query: x")
    )
    assert all(entry.reason for entry in guard.ALLOWED_ERRORS)


def test_odoo_runner_guard_fails_the_running_test(monkeypatch):
    from odoo.modules import module  # noqa: PLC0415

    test = TestAccessMatrix("test_matrix")
    test._outcome = object()  # running
    monkeypatch.setattr(module, "current_test", test)
    handler = guard.OdooRunnerGuard()
    handler.emit(
        _record("odoo.sql_db", "bad query: b'INSERT INTO \"keten_hoofdstap\"'")
    )
    assert not test._cleanups, "an allowed error adds nothing"
    handler.emit(_record("odoo.addons.x", "Traceback: something broke"))
    handler.emit(_record("odoo.addons.x", "and again"))
    assert len(test._cleanups) == 1
    function, args, kwargs = test._cleanups[0]
    with pytest.raises(AssertionError) as caught:
        function(*args, **kwargs)
    assert "2 ERROR/CRITICAL record(s)" in str(caught.value)
    assert "something broke" in str(caught.value)


def test_odoo_runner_guard_ignores_other_modules_and_warnings(monkeypatch):
    from odoo.modules import module  # noqa: PLC0415

    class TestElsewhere(unittest.TestCase):
        __test__ = False

        def test_x(self):
            pass

    test = TestElsewhere("test_x")
    test._outcome = object()
    monkeypatch.setattr(module, "current_test", test)
    guard.OdooRunnerGuard().emit(_record("odoo.addons.x", "not ours"))
    assert not test._cleanups
    ours = TestAccessMatrix("test_matrix")
    ours._outcome = object()
    monkeypatch.setattr(module, "current_test", ours)
    handler = guard.OdooRunnerGuard()
    assert handler.level == logging.ERROR  # a WARNING never reaches emit()
    handler.emit(_record("odoo.tests.result", "FAIL: TestAccessMatrix.test_matrix"))
    assert not ours._cleanups, "Odoo's own FAIL line is the failure already"


_T = "odoo.addons.ketenaanpak_mensenhandel.tests"
LOG = "".join(
    f"2026-01-01 10:00:0{second},000 1 {level} db {logger}: {message}\n"
    for second, (level, logger, message) in enumerate(
        [
            (
                "INFO",
                f"{_T}.test_access_matrix",
                "Starting TestAccessMatrix.test_matrix ...",
            ),
            ("ERROR", "odoo.sql_db", "bad query: b'INSERT INTO \"keten_hoofdstap\" x'"),
            ("INFO", f"{_T}.test_process", "Starting TestProcess.test_a ..."),
            ("INFO", f"{_T}.test_process", "skipped TestProcess.test_b : no chrome"),
            ("ERROR", "odoo.addons.web", "something broke"),
            ("INFO", "odoo.tests.result", "0 failed, 0 error(s) of 3 tests"),
        ]
    )
)


def test_report_finds_skips_errors_and_other_tests(tmp_path, capsys, monkeypatch):
    # the report reads the allow-list of log_guard.py: the first line is allowed
    log = tmp_path / "tests.log"
    log.write_text(LOG)
    started, skipped, summaries, errors = report.read_log(log)
    assert started == [
        "test_access_matrix.TestAccessMatrix.test_matrix",
        "test_process.TestProcess.test_a",
    ]
    assert skipped == ["test_process.TestProcess.test_b: no chrome"]
    assert summaries[-1] == {"failed": 0, "errors": 0, "run": 3}
    assert len(errors) == 1 and "something broke" in errors[0]
    ids = tmp_path / "ids.txt"
    ids.write_text(
        "ketenaanpak_mensenhandel/tests/test_access_matrix.py::TestAccessMatrix::test_matrix\n"
        "ketenaanpak_mensenhandel/tests/test_process.py::TestProcess::test_c\n"
        "\n2 tests collected in 1.0s\n"
    )
    monkeypatch.setattr(sys, "argv", ["report", str(log), "--pytest-ids", str(ids)])
    assert report.main() == 1
    err = capsys.readouterr().err
    assert "1 test(s) skipped" in err
    assert "ERROR/CRITICAL line(s) not allowed" in err
    assert "test_process.TestProcess.test_c" in err  # collected, not run
    assert "test_process.TestProcess.test_a" in err  # run, not collected
