"""Documents over real HTTP: the files of documents a user may not read are
refused through /web/content and /web/image with guessed ids, and through
JSON-RPC; every file served is a row of the access log."""

import base64

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .access_spec import SPEC, USERS
from .common import KetenAccessCase, KetenRpcMixin
from .test_access_matrix import AccessGrid, expected_labels

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install", "keten_documents")
class TestDocumentsOverHttp(AccessGrid, KetenRpcMixin, HttpCase, KetenAccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_document_grid()
        # a medical photo: served by /web/image as well
        cls.document_image = cls.env["keten.document"].create(
            {
                "name": "Foto letsel",
                "document_type": "medisch",
                "organisation_id": cls.org_ggd.id,
                "dossier_id": cls.dossier_a.id,
                "person_id": cls.person_victim.id,
                "datas": base64.b64encode(PNG),
                "file_name": "letsel.png",
            }
        )
        cls.documents = {
            "DA": cls.document_a,
            "DM": cls.document_medisch,
            "DJ": cls.document_justitie,
            "DB": cls.document_b,
            "DP": cls.document_person,
            "DI": cls.document_image,
        }
        cls.attachments = {
            label: cls.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "keten.document"),
                    ("res_id", "=", document.id),
                    ("res_field", "=", "datas"),
                ]
            )
            for label, document in cls.documents.items()
        }

    def readable(self, key):
        labels = expected_labels(SPEC["keten.document"][key][0])
        # the photo is a medical document on A, as DM
        if "DM" in labels:
            labels.add("DI")
        return labels

    def log_rows(self, document, user):
        self.env.flush_all()
        return (
            self.env["keten.access.log"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "keten.document"),
                    ("res_id", "=", document.id),
                    ("user_id", "=", user.id),
                    ("path", "=", "download"),
                ]
            )
        )

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_attachment")
    def test_guessed_download_urls_follow_the_document_rules(self):
        for key in USERS:
            user = self.login(key)
            readable = self.readable(key)
            for label, document in self.documents.items():
                attachment = self.attachments[label]
                raw = base64.b64decode(document.sudo().datas)
                urls = [
                    f"/web/content/{attachment.id}?download=true",
                    f"/web/content/keten.document/{document.id}/datas?download=true",
                    f"/web/content?model=keten.document&id={document.id}&field=datas",
                ]
                if label == "DI":
                    urls.append(f"/web/image/{attachment.id}")
                for url in urls:
                    with (
                        self.subTest(user=key, document=label, url=url),
                        # a read/write cursor from the start: no failed INSERT
                        # of the log row, no second try
                        self.assertNoLogs("odoo.sql_db", "ERROR"),
                    ):
                        response = self.url_open(url)
                        if label in readable:
                            self.assertEqual(response.status_code, 200)
                            self.assertEqual(response.content, raw)
                        else:
                            self.assertNotEqual(response.content, raw)
                            if "/web/image" not in url:
                                # /web/image answers with a placeholder picture
                                self.assertNotEqual(response.status_code, 200)
                rows = self.log_rows(document, user)
                if label in readable:
                    self.assertEqual(len(rows), len(urls), f"{key} {label}")
                    self.assertEqual(set(rows.mapped("action")), {"read"})
                    self.assertEqual(rows.mapped("record_ref")[0], f"DOC-{document.id}")
                    self.assertEqual(
                        set(rows.mapped("dossier_res_id")),
                        {document.sudo().dossier_id.id},
                    )
                    self.assertEqual(
                        set(rows.mapped("person_res_id")),
                        {document.sudo().person_id.id},
                    )
                else:
                    self.assertFalse(rows, f"a refused download is no read: {key}")

    @mute_logger("odoo.http")
    def test_json_rpc_shows_no_document_of_another_kind(self):
        ids = [document.id for document in self.documents.values()]
        attachment_ids = [attachment.id for attachment in self.attachments.values()]
        for key in USERS:
            self.login(key)
            readable = self.readable(key)
            expected = {self.documents[label].id for label in readable}
            with self.subTest(user=key):
                try:
                    found = self.call(
                        "keten.document",
                        "search_read",
                        [("id", "in", ids)],
                        ["name", "datas"],
                    )
                except Exception as error:  # noqa: BLE001 - refused outright
                    self.assertEqual(str(error), self.DENIED)
                    found = []
                self.assertEqual({row["id"] for row in found}, expected)
                try:
                    files = self.call(
                        "ir.attachment",
                        "search_read",
                        [("id", "in", attachment_ids)],
                        ["name", "datas"],
                    )
                except Exception as error:  # noqa: BLE001 - refused outright
                    self.assertEqual(str(error), self.DENIED)
                    files = []
                self.assertEqual(
                    {row["id"] for row in files},
                    {self.attachments[label].id for label in readable},
                )
                for label, document in self.documents.items():
                    if label in readable:
                        continue
                    self.assertDenied("keten.document", "read", document.ids, ["datas"])
                    self.assertDenied(
                        "ir.attachment", "read", self.attachments[label].ids, ["datas"]
                    )
