"""Fixtures of the repo-level tests that drive `odoo` in subprocesses."""

import os
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def odoo_config(tmp_path_factory):
    """The Odoo config of `make test`, or one built from the PG* variables."""
    if os.environ.get("KETEN_ODOO_CONF"):
        return Path(os.environ["KETEN_ODOO_CONF"])
    odoo_dir = subprocess.run(
        ["python3", "-c", "import os, odoo; print(os.path.dirname(odoo.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    addons = [str(REPO_ROOT)]
    if Path(odoo_dir, "..", "addons").is_dir():
        addons.insert(0, str(Path(odoo_dir, "..", "addons").resolve()))
    directory = tmp_path_factory.mktemp("odoo")
    config_file = directory / "odoo.conf"
    config_file.write_text(
        "[options]\n"
        f"addons_path = {','.join(addons)}\n"
        f"data_dir = {directory / 'data'}\n"
        f"db_host = {os.environ.get('PGHOST', 'False')}\n"
        f"db_port = {os.environ.get('PGPORT', 'False')}\n"
        f"db_user = {os.environ.get('PGUSER', 'root')}\n"
        f"db_password = {os.environ.get('PGPASSWORD', 'False')}\n"
    )
    return config_file
