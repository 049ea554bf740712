"""The rooms of the addon and what may import what (docs/architecture.md).

Plain Python: reads the addon's source files, needs no database.
"""

import ast
from pathlib import Path

import pytest

ADDON = Path(__file__).resolve().parent.parent / "ketenaanpak_mensenhandel"
MAX_MODEL_FILE_LINES = 800

# Which folders of the addon each folder may import from (besides itself).
ALLOWED_IMPORTS = {
    "tools": set(),
    "models": {"tools"},
    "report": {"models", "tools"},
    "wizard": {"models", "tools", "report"},
    "controllers": {"models", "tools"},
    "demo": {"models", "tools"},
    "migrations": {"tools"},
}
# The one crossing allowed: ir.http is the HTTP layer's hook in models/ and
# renders the intake's error page with the controller's page helper (as
# Odoo's website/models/ir_http.py uses portal's controllers).
ALLOWED_EXCEPTIONS = {("models/ir_http.py", "controllers")}
MODEL_BASES = {"Model", "AbstractModel", "TransientModel"}


def _python_files(folder):
    return sorted((ADDON / folder).rglob("*.py"))


def _relative(path):
    return path.relative_to(ADDON).as_posix()


def _imported_rooms(path, package=None):
    """The addon folders ``path`` imports from (relative imports only);
    ``package``: the folder parts of ``path`` inside the addon."""
    tree = ast.parse(path.read_text(), filename=str(path))
    if package is None:
        package = path.relative_to(ADDON).parts[:-1]
    rooms = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not node.level:
            continue
        base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
        target = list(base) + (node.module.split(".") if node.module else [])
        if not target:  # `from .. import x`: x is a folder of the addon
            rooms.update(alias.name for alias in node.names)
        else:
            rooms.add(target[0])
    return rooms


def _model_classes(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    classes = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            bases = {
                getattr(base, "attr", getattr(base, "id", "")) for base in node.bases
            }
            if bases & MODEL_BASES:
                classes.append(node.name)
    return classes


@pytest.mark.parametrize("folder", sorted(ALLOWED_IMPORTS))
def test_imports_follow_the_rooms(folder):
    wrong = []
    for path in _python_files(folder):
        allowed = ALLOWED_IMPORTS[folder] | {folder}
        for room in _imported_rooms(path) - allowed:
            if (_relative(path), room) not in ALLOWED_EXCEPTIONS:
                wrong.append(f"{_relative(path)} imports from {room}/")
    assert not wrong, "\n".join(wrong)


def test_models_folder_holds_models_only():
    helpers = [
        _relative(path)
        for path in _python_files("models")
        if path.name != "__init__.py" and not _model_classes(path)
    ]
    assert not helpers, f"plain Python belongs in tools/: {helpers}"


def test_tools_hold_no_models():
    found = {
        _relative(path): _model_classes(path)
        for path in _python_files("tools")
        if _model_classes(path)
    }
    assert not found, f"tools/ is plain Python, no models: {found}"


def test_no_demo_code_in_models():
    found = [
        _relative(path)
        for path in _python_files("models")
        if "demo" in path.name or "_load_demo" in path.read_text()
    ]
    assert not found, f"demo code belongs in demo/: {found}"


@pytest.mark.parametrize("folder", ["models", "report", "wizard"])
def test_model_files_stay_small(folder):
    big = {
        _relative(path): lines
        for path in _python_files(folder)
        if _model_classes(path)
        and (lines := len(path.read_text().splitlines())) > MAX_MODEL_FILE_LINES
    }
    assert not big, (
        f"split these by concern into _inherit files (at most "
        f"{MAX_MODEL_FILE_LINES} lines): {big}"
    )


def test_the_checker_sees_a_wrong_import(tmp_path):
    """The import parser finds each form of crossing: otherwise the tests above
    prove nothing."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from ..models.keten_person import PERSONAL_FIELDS\n"
        "from .. import wizard\n"
        "from .masking import mask_text\n"
        "from odoo import models\n"
    )
    assert _imported_rooms(sample, package=("tools",)) == {"models", "wizard", "tools"}
    nested = tmp_path / "nested.py"
    nested.write_text("from ...report.x import y\n")
    assert _imported_rooms(nested, package=("tools", "sub")) == {"report"}
