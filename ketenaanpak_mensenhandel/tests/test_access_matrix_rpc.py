"""The need-to-know matrix again, over JSON-RPC as real logged-in users.

Same specification as the ORM matrix (``access_spec.py``), so that no
controller (call_kw, web_read, web_search_read, read_group, export) shows what
the ORM protects.
"""

import json
import logging

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .access_spec import SPEC, USERS
from .common import KetenAccessCase, KetenRpcMixin
from .test_access_matrix import AccessGrid, expected_labels

_logger = logging.getLogger(__name__)

REFUSED = {
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.MissingError",
}
EXPORTED = (
    "keten.dossier",
    "keten.person",
    "keten.melding",
    "keten.interventie",
    "keten.strafrecht",
    "keten.document",
)


@tagged("post_install", "-at_install", "keten_access")
class TestAccessMatrixRpc(AccessGrid, KetenRpcMixin, HttpCase, KetenAccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_matrix()

    def allowed(self, check, model, method, *args, **kwargs):
        """Whether the call succeeds; changes are always rolled back.

        A business refusal counts as allowed only when ``check`` (the ORM's
        own access check for the operation, as the same user) passes.
        """
        savepoint = self.cr.savepoint()
        try:
            self.call(model, method, *args, **kwargs)
            return True
        except JsonRpcException as error:
            if str(error) == self.DENIED:
                return False
            if str(error) in REFUSED or "psycopg2" in str(error):
                return check()
            raise
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def export_allowed(self, model, records):
        response = self.url_open(
            "/web/export/csv",
            data={
                "data": json.dumps(
                    {
                        "model": model,
                        "fields": [
                            {"name": "id", "label": "ID"},
                            {"name": "display_name", "label": "Name"},
                        ],
                        "ids": records.ids,
                        "domain": [],
                        "import_compat": False,
                    }
                ),
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        if response.status_code == 200:
            for record_id in records.ids:
                self.assertIn(str(record_id), response.text)
            return True
        self.assertIn(self.DENIED, response.text, f"{model}: {response.text[:300]}")
        return False

    def expect(self, user_key, model, path, label, allowed, expected):
        self.cells += 1
        if allowed != expected:
            self.failures.append((user_key, model, path, label, expected))

    def visible_ids(self, model, method, *args, **kwargs):
        """Ids a listing call returns; none when it is refused outright."""
        try:
            result = self.call(model, method, *args, **kwargs)
        except JsonRpcException as error:
            self.assertEqual(str(error), self.DENIED)
            return None
        return result

    def check_listings(self, user_key, model, records, read):
        domain = [("id", "in", [rec.id for rec in records.values()])]
        listed = self.visible_ids(
            model, "web_search_read", domain, {"display_name": {}}
        )
        listed = {row["id"] for row in listed["records"]} if listed else set()
        searched = self.visible_ids(model, "search_read", domain, ["display_name"])
        searched = {row["id"] for row in searched or []}
        for label, record in records.items():
            visible = label in read
            self.expect(user_key, model, "list", label, record.id in listed, visible)
            self.expect(
                user_key, model, "search_read", label, record.id in searched, visible
            )
        if "create_date" in self.env[model]._fields:  # not on an SQL view
            # group-by: the counts add up to the visible records only
            groups = self.visible_ids(
                model,
                "web_read_group",
                domain,
                ["__count"],
                ["create_date:year"],
                lazy=False,
            )
            counted = sum(g["__count"] for g in groups["groups"]) if groups else 0
            self.expect(user_key, model, "read_group", "*", counted, len(read))

    def check_record_calls(self, user, user_key, model, records, expectations):
        """One call for all records that must pass (it fails if any one is
        refused), one call per record that must be refused."""
        read, write, unlink = expectations
        for path, method, extra, expected, operation in (
            ("form", "web_read", ({"display_name": {}},), read, "read"),
            ("read", "read", (["display_name"],), read, "read"),
            ("write", "write", (self.WRITE_VALUES[model],), write, "write"),
            ("unlink", "unlink", (), unlink, "unlink"),
        ):
            groups = [(sorted(expected), True)] + [
                ([label], False) for label in records if label not in expected
            ]
            for labels, must_pass in groups:
                if not labels:
                    continue
                batch = self.env[model].union(*(records[lbl] for lbl in labels))
                as_user = batch.with_user(user)
                allowed = self.allowed(
                    lambda as_user=as_user, operation=operation: as_user.has_access(
                        operation
                    ),
                    model,
                    method,
                    batch.ids,
                    *extra,
                )
                for label in labels:
                    self.expect(user_key, model, path, label, allowed, must_pass)

    def check_export(self, user_key, model, records, read):
        passing = [records[label] for label in sorted(read)]
        if passing:
            allowed = self.export_allowed(model, self.env[model].union(*passing))
            for label in sorted(read):
                self.expect(user_key, model, "export", label, allowed, True)
        for label, record in records.items():
            if label not in read:
                allowed = self.export_allowed(model, record)
                self.expect(user_key, model, "export", label, allowed, False)

    def check_creates(self, user, user_key, model, create):
        Model = self.env[model].with_user(user)
        for label, values in self.creates[model].items():
            allowed = self.allowed(
                lambda Model=Model: Model.has_access("create"),
                model,
                "create",
                values(user),
            )
            self.expect(user_key, model, "create", label, allowed, label in create)

    @mute_logger("odoo.http", "odoo.addons.web.controllers.export")
    def test_matrix_over_json_rpc(self):
        self.cells = 0
        self.failures = []
        for user_key in USERS:
            user = self.login(user_key)
            for model, rows in SPEC.items():
                records = self.records[model]
                read, write, create, unlink = map(expected_labels, rows[user_key])
                self.check_listings(user_key, model, records, read)
                self.check_record_calls(
                    user, user_key, model, records, (read, write, unlink)
                )
                if model in EXPORTED:
                    self.check_export(user_key, model, records, read)
                self.check_creates(user, user_key, model, create)
        _logger.info(
            "Need-to-know matrix (JSON-RPC): %s cells checked, %s users, %s models, "
            "%s differ from the specification",
            self.cells,
            len(USERS),
            len(SPEC),
            len(self.failures),
        )
        self.assertFalse(
            self.failures,
            "Cells that differ from the specification "
            "(user, model, path, record, expected allowed):\n"
            + "\n".join(map(str, self.failures)),
        )
