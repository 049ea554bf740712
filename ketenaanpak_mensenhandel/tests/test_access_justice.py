"""Justice-only information on every path, and what others do see."""

import json

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import KetenAccessCase, KetenRpcMixin

NOT_JUSTICE = ("partner_gemeente", "partner_ggd", "regie_zvh", "beheerder")


@tagged("post_install", "-at_install", "keten_access")
class TestJusticeOnly(KetenRpcMixin, HttpCase, KetenAccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = cls.access_users()
        # Chatter of the criminal track and of the strafrechtelijke interventie.
        cls.strafrecht_a.message_post(
            body="Tap loopt, niet delen", subtype_xmlid="mail.mt_note"
        )
        cls.strafrecht_a.om_besluit = "vervolgen"
        cls.interventie_a_justice.message_post(
            body="Aanhouding gepland", subtype_xmlid="mail.mt_note"
        )

    @mute_logger("odoo.http", "odoo.addons.web.controllers.export")
    def test_justice_fields_denied_to_others_on_every_path(self):
        dossier = self.dossier_a
        for key in NOT_JUSTICE:
            with self.subTest(user=key):
                self.login(key)
                # form: the page's field
                self.assertDenied(
                    "keten.dossier",
                    "web_read",
                    dossier.ids,
                    {"strafrecht_ids": {"fields": {"verdenking": {}}}},
                )
                # list / search on the content of the criminal track
                self.assertDenied(
                    "keten.dossier",
                    "web_search_read",
                    [("strafrecht_ids.verdenking", "ilike", "273f")],
                    {"display_name": {}},
                )
                self.assertDenied(
                    "keten.dossier",
                    "search_count",
                    [("strafrecht_ids", "!=", False)],
                )
                # search through the strafrechtelijke interventie finds nothing
                found = self.call(
                    "keten.dossier",
                    "search",
                    [("interventie_ids.intervention_type", "=", "strafrechtelijk")],
                )
                self.assertEqual(found, [])
                found = self.call(
                    "keten.dossier",
                    "search",
                    [("interventie_ids.is_justice", "=", True)],
                )
                self.assertEqual(found, [])
                # group-by on the type of intervention shows no strafrechtelijk group
                groups = self.call(
                    "keten.interventie",
                    "web_read_group",
                    [],
                    ["__count"],
                    ["intervention_type"],
                    lazy=False,
                )["groups"]
                types = {group["intervention_type"] for group in groups}
                self.assertNotIn("strafrechtelijk", types)
                self.assertDenied("keten.strafrecht", "read_group", [], ["__count"], [])
                # export, through the ORM method and the controller
                self.assertDenied(
                    "keten.dossier",
                    "export_data",
                    dossier.ids,
                    ["name", "strafrecht_ids/verdenking"],
                )
                response = self.url_open(
                    "/web/export/csv",
                    data={
                        "data": json.dumps(
                            {
                                "model": "keten.dossier",
                                "fields": [
                                    {"name": "name", "label": "Number"},
                                    {
                                        "name": "strafrecht_ids/opsporingsstrategie",
                                        "label": "Strategie",
                                    },
                                ],
                                "ids": dossier.ids,
                                "domain": [],
                                "import_compat": False,
                            }
                        ),
                        "csrf_token": http.Request.csrf_token(self),
                    },
                )
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn("Telefoontap", response.text)
                # RPC on the records themselves
                self.assertDenied("keten.strafrecht", "search_read", [], ["verdenking"])
                self.assertDenied(
                    "keten.interventie",
                    "read",
                    self.interventie_a_justice.ids,
                    ["name"],
                )
                self.assertEqual(
                    self.call(
                        "keten.interventie", "name_search", "Aanhouding", [], "ilike"
                    ),
                    [],
                )
                # the field is not even described to them
                fields = self.call("keten.dossier", "fields_get", [], ["type"])
                self.assertNotIn("strafrecht_ids", fields)
                # the chatter of the criminal track and its intervention
                for model, record in (
                    ("keten.strafrecht", self.strafrecht_a),
                    ("keten.interventie", self.interventie_a_justice),
                ):
                    messages = self.call(
                        "mail.message",
                        "search_read",
                        [("model", "=", model), ("res_id", "=", record.id)],
                        ["body"],
                    )
                    self.assertEqual(messages, [])
                    result = self.make_jsonrpc_request(
                        "/mail/thread/messages",
                        {"thread_model": model, "thread_id": record.id},
                    )
                    self.assertEqual(result["messages"], [])
                    self.assertNotIn("Tap loopt", json.dumps(result))

    def test_others_see_that_a_track_exists_and_whom_to_align_with(self):
        for key in NOT_JUSTICE:
            with self.subTest(user=key):
                self.login(key)
                [values] = self.call(
                    "keten.dossier",
                    "web_read",
                    self.dossier_a.ids,
                    {
                        "has_criminal_track": {},
                        "criminal_contact_organisation_id": {
                            "fields": {"display_name": {}}
                        },
                        "interventie_count": {},
                        "interventie_ids": {
                            "fields": {"name": {}, "intervention_type": {}}
                        },
                    },
                )
                self.assertTrue(values["has_criminal_track"])
                self.assertEqual(
                    values["criminal_contact_organisation_id"]["id"], self.org_zvh.id
                )
                # the form's list and the counter skip the strafrechtelijke one
                names = [row["name"] for row in values["interventie_ids"]]
                self.assertEqual(names, ["Begeleiding"])
                self.assertEqual(values["interventie_count"], 1)
                # the form view has no strafrecht page for them
                views = self.call(
                    "keten.dossier", "get_views", [[False, "form"]], options={}
                )
                arch = views["views"]["form"]["arch"]
                self.assertNotIn("strafrecht_ids", arch)

    def test_justitie_of_an_involved_organisation_sees_the_content(self):
        self.login("justitie_politie")
        [values] = self.call(
            "keten.dossier",
            "web_read",
            self.dossier_a.ids,
            {
                "strafrecht_ids": {"fields": {"verdenking": {}}},
                "interventie_ids": {"fields": {"name": {}}},
            },
        )
        self.assertEqual(
            values["strafrecht_ids"][0]["verdenking"],
            "Art. 273f Sr, seksuele uitbuiting",
        )
        self.assertEqual(len(values["interventie_ids"]), 2)
        found = self.call(
            "keten.dossier",
            "search",
            [("strafrecht_ids.verdenking", "ilike", "273f")],
        )
        self.assertEqual(found, self.dossier_a.ids)
        groups = self.call(
            "keten.interventie",
            "web_read_group",
            [],
            ["__count"],
            ["intervention_type"],
            lazy=False,
        )["groups"]
        counts = {g["intervention_type"]: g["__count"] for g in groups}
        # only the dossier of Politie: one care and one strafrechtelijke
        self.assertEqual(counts, {"zorg": 1, "strafrechtelijk": 1})
        messages = self.call(
            "mail.message",
            "search_read",
            [("model", "=", "keten.strafrecht"), ("res_id", "=", self.strafrecht_a.id)],
            ["body"],
        )
        self.assertTrue(any("Tap loopt" in m["body"] for m in messages))
        # ... but not the criminal track of a dossier Politie is not involved in
        [values] = self.call(
            "keten.dossier",
            "search_read",
            [("id", "=", self.dossier_a.id)],
            ["strafrecht_ids"],
        )
        self.assertEqual(values["strafrecht_ids"], self.strafrecht_a.ids)
        self.assertDenied(
            "keten.strafrecht", "read", self.strafrecht_b.ids, ["verdenking"]
        )

    def test_non_justice_cannot_create_or_reach_justice_records(self):
        for key in ("partner_gemeente", "regie_zvh", "beheerder"):
            user = self.users[key]
            with self.subTest(user=key):
                Interventie = self.env["keten.interventie"].with_user(user)
                with self.assertRaises(AccessError):
                    Interventie.create(
                        {
                            "dossier_id": self.dossier_a.id,
                            "name": "Test",
                            "intervention_type": "strafrechtelijk",
                            "organisation_id": self.org_zvh.id,
                        }
                    )
                # turning a care intervention into a strafrechtelijke one hides
                # it from the writer: refused
                care = self.interventie_a.with_user(user)
                if care.has_access("write"):
                    with self.assertRaises(AccessError):
                        care.write({"intervention_type": "strafrechtelijk"})
                        care.flush_recordset()
                # deleting the dossier's justice records through the dossier
                dossier = self.dossier_a.with_user(user)
                with self.assertRaises(AccessError):
                    dossier.write(
                        {"interventie_ids": [(2, self.interventie_a_justice.id)]}
                    )
                with self.assertRaises(AccessError):
                    dossier.write(
                        {"strafrecht_ids": [(0, 0, {"organisation_id": user.id})]}
                    )
