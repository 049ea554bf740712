"""Documents on dossiers (issue 21): what is accepted and what is refused with
nothing stored, erasure and retention take the files out of the filestore, the
inzage report lists the documents the person may see."""

import base64
import io
import os

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .avg_common import AvgMixin
from .common import load_dutch
from .retention_common import RetentionCase

PDF = b"%PDF-1.4\n% verklaring\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def b64(raw):
    return base64.b64encode(raw)


def xlsx_bytes():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Uren"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class DocumentMixin:
    def document(self, name="Verklaring", raw=PDF, file_name="verklaring.pdf", **kw):
        vals = {
            "name": name,
            "document_type": "verslag",
            "organisation_id": self.org_zvh.id,
            "datas": b64(raw),
            "file_name": file_name,
        }
        vals.update(kw)
        return self.env["keten.document"].create(vals)

    def stored_files(self):
        """Every file of the filestore (the GC's checklist left out)."""
        root = self.env["ir.attachment"]._filestore()
        found = set()
        for dirpath, _dirs, files in os.walk(root):
            if os.path.basename(dirpath) == "checklist" or "/checklist" in dirpath:
                continue
            found.update(os.path.join(dirpath, name) for name in files)
        return found

    def fingerprint(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT (SELECT count(*) FROM keten_document),"
            " (SELECT count(*) FROM ir_attachment),"
            " (SELECT coalesce(max(id), 0) FROM ir_attachment)"
        )
        return self.env.cr.fetchone(), self.stored_files()

    def file_path(self, document):
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "keten.document"),
                    ("res_id", "=", document.id),
                    ("res_field", "=", "datas"),
                ]
            )
        )
        self.assertTrue(attachment.store_fname, "the file is in the filestore")
        return attachment._full_path(attachment.store_fname)

    def collect_garbage(self):
        """Odoo's filestore garbage collection (``_gc_file_store`` without its
        commit, which a test may not do)."""
        self.env.flush_all()
        self.env["ir.attachment"]._gc_file_store_unsafe()


@tagged("post_install", "-at_install", "keten_documents")
class TestDocumentFiles(DocumentMixin, AvgMixin, RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_avg_users()

    # ------------------------------------------------------------------
    # What is accepted
    # ------------------------------------------------------------------
    def test_accepted_files_keep_their_type_and_size(self):
        for raw, name, mimetype in (
            (PDF, "verklaring.pdf", "application/pdf"),
            (PNG, "foto.png", "image/png"),
            (
                xlsx_bytes(),
                "uren.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            (b"Gesprek op 3 maart.", "notitie.txt", "text/plain"),
        ):
            with self.subTest(name=name):
                document = self.document(
                    raw=raw, file_name=name, dossier_id=self.dossier_a.id
                )
                self.assertEqual(document.mimetype, mimetype)
                self.assertEqual(document.file_size, len(raw))
                self.assertEqual(base64.b64decode(document.datas), raw)
                self.assertEqual(document.confidentiality, "dossier")
        self.assertTrue(
            self.document(
                raw=PNG, file_name="foto.png", dossier_id=self.dossier_a.id
            ).is_image
        )

    def test_wrong_types_are_refused_and_nothing_is_stored(self):
        before = self.fingerprint()
        for raw, name in (
            (EXE, "verklaring.pdf"),  # a program renamed
            (EXE, "setup.exe"),
            (b"<html><script>alert(1)</script></html>", "pagina.html"),
            (b"<html><script>alert(1)</script></html>", "notitie.txt"),
            (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "plaatje.svg"),
            (PDF, "foto.png"),  # the content is not what the name says
            (PNG, "zonder-extensie"),
        ):
            with self.subTest(name=name), self.assertRaises(ValidationError) as caught:
                self.document(raw=raw, file_name=name, dossier_id=self.dossier_a.id)
            self.assertIn("cannot be stored as a document", str(caught.exception))
            self.assertIn(".pdf", str(caught.exception))
            self.assertEqual(self.fingerprint(), before, name)
        with self.assertRaises(UserError):
            self.document(raw=b"", file_name="leeg.pdf", dossier_id=self.dossier_a.id)
        self.assertEqual(self.fingerprint(), before)

    def test_oversized_file_is_refused_and_nothing_is_stored(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "ketenaanpak_mensenhandel.max_attachment_mb", "1"
        )
        big = PDF + b"0" * (1024 * 1024)
        before = self.fingerprint()
        with self.assertRaises(ValidationError) as caught:
            self.document(raw=big, file_name="groot.pdf", dossier_id=self.dossier_a.id)
        self.assertIn("groot.pdf is too large (1.0 MB)", str(caught.exception))
        self.assertIn("at most 1 MB", str(caught.exception))
        self.assertEqual(self.fingerprint(), before)
        # replacing the file of a document with a too large one keeps the old one
        document = self.document(dossier_id=self.dossier_a.id)
        with self.assertRaises(ValidationError):
            document.write({"datas": b64(big), "file_name": "groot.pdf"})
        self.env.invalidate_all()
        self.assertEqual(base64.b64decode(document.datas), PDF)

    def test_refusals_in_dutch(self):
        load_dutch(self.env)
        Document = self.env["keten.document"].with_context(lang="nl_NL")
        with self.assertRaises(ValidationError) as caught:
            Document.create(
                {
                    "name": "Programma",
                    "document_type": "overig",
                    "organisation_id": self.org_zvh.id,
                    "dossier_id": self.dossier_a.id,
                    "datas": b64(EXE),
                    "file_name": "verklaring.pdf",
                }
            )
        self.assertIn("kan niet als document worden bewaard", str(caught.exception))
        self.env["ir.config_parameter"].sudo().set_param(
            "ketenaanpak_mensenhandel.max_attachment_mb", "1"
        )
        with self.assertRaises(ValidationError) as caught:
            Document.create(
                {
                    "name": "Groot",
                    "document_type": "overig",
                    "organisation_id": self.org_zvh.id,
                    "dossier_id": self.dossier_a.id,
                    "datas": b64(PDF + b"0" * (2 * 1024 * 1024)),
                    "file_name": "groot.pdf",
                }
            )
        self.assertIn("is te groot", str(caught.exception))

    def test_kind_decides_who_may_add_it(self):
        gemeente = self.env["keten.document"].with_user(self.user_partner_gemeente)
        vals = {
            "name": "Verklaring",
            "document_type": "medisch",
            "organisation_id": self.org_gemeente.id,
            "dossier_id": self.dossier_a.id,
            "datas": b64(PDF),
            "file_name": "verklaring.pdf",
        }
        with self.assertRaises(AccessError) as caught:
            gemeente.create(vals)
        self.assertIn("zorg partners and the ketenregie", str(caught.exception))
        with self.assertRaises(AccessError) as caught:
            gemeente.create(dict(vals, document_type="proces_verbaal"))
        self.assertIn("for Justitie only", str(caught.exception))
        document = gemeente.create(dict(vals, document_type="verslag"))
        # turning it into a medical document would hide it from its own author
        with self.assertRaises(AccessError):
            document.write({"document_type": "medisch"})
        # a document on a dossier is about one of its persons
        with self.assertRaises(ValidationError):
            self.env["keten.document"].create(
                dict(vals, document_type="verslag", person_id=self.person_other.id)
            )

    # ------------------------------------------------------------------
    # Erasure and retention
    # ------------------------------------------------------------------
    def test_erasure_removes_the_documents_and_their_files(self):
        dossier = self.close_dossier_fully(self.dossier_a)
        dossier.sudo().strafrecht_ids.write({"state": "afgesloten"})
        victim = self.person_victim
        about_her = self.document(
            name="Verklaring huisarts Sanne",
            raw=PDF + b"% over Sanne\n",
            dossier_id=dossier.id,
            person_id=victim.id,
            document_type="medisch",
        )
        on_her = self.document(
            name="Kopie paspoort",
            raw=PNG,
            file_name="paspoort.png",
            person_id=victim.id,
            document_type="overig",
        )
        about_nobody = self.document(
            name="Plattegrond",
            raw=PDF + b"% plattegrond\n",
            dossier_id=dossier.id,
        )
        paths = [self.file_path(d) for d in (about_her, on_her, about_nobody)]
        for path in paths:
            self.assertTrue(os.path.exists(path))
        request = self.avg_request(victim, "wissen", erasure_ground="unlawful")
        request.with_user(self.user_beheerder).action_submit()
        request.with_user(self.user_beheerder_2).action_approve()
        self.assertEqual(request.state, "done")
        self.assertFalse((about_her | on_her).exists())
        self.assertTrue(about_nobody.exists())
        self.assertIn("Documents about them removed: 2", request.result)
        self.assertIn("review them by hand): 1", request.result)
        self.collect_garbage()
        self.assertFalse(os.path.exists(paths[0]), "the file is gone from disk")
        self.assertFalse(os.path.exists(paths[1]), "the file is gone from disk")
        self.assertTrue(os.path.exists(paths[2]), "another document keeps its file")

    def test_retention_anonymises_the_documents_of_the_case(self):
        dossier = self.close_dossier_fully(self.dossier_a, closed_on=self.years_ago(6))
        document = self.document(
            name="Verklaring Sanne de Vries",
            raw=PDF + b"% retentie\n",
            dossier_id=dossier.id,
            person_id=self.person_victim.id,
            document_type="b8_ind",
            note="Origineel bij de IND.",
        )
        path = self.file_path(document)
        self.retention._run_all(batch_size=10)
        self.env.invalidate_all()
        self.assertTrue(document.is_anonymised)
        self.assertEqual(document.name, "[removed]")
        self.assertFalse(document.note)
        self.assertFalse(document.file_name)
        self.assertFalse(document.datas)
        # what identifies nobody stays
        self.assertEqual(document.document_type, "b8_ind")
        self.assertEqual(document.dossier_id, dossier)
        self.collect_garbage()
        self.assertFalse(os.path.exists(path), "the file is gone from disk")

    def test_deleting_a_dossier_deletes_its_files(self):
        person = self.env["keten.person"].create({"first_name": "Tijdelijk"})
        dossier = self.create_dossier_with_melding(person)
        document = self.document(raw=PDF + b"% weg\n", dossier_id=dossier.id)
        path = self.file_path(document)
        dossier.melding_ids.unlink()
        dossier.unlink()
        self.assertFalse(document.exists())
        self.collect_garbage()
        self.assertFalse(os.path.exists(path))

    # ------------------------------------------------------------------
    # Inzage
    # ------------------------------------------------------------------
    def test_inzage_lists_the_documents_the_person_may_see(self):
        dossier = self.dossier_a
        victim, suspect = self.person_victim, self.person_suspect
        self.document(
            name="Verklaring huisarts over Sanne",
            dossier_id=dossier.id,
            person_id=victim.id,
            document_type="medisch",
        )
        self.document(
            name="Foto's van de woning van Kees Bakker", dossier_id=dossier.id
        )
        self.document(
            name="Uittreksel KvK van Kees",
            dossier_id=dossier.id,
            person_id=suspect.id,
        )
        self.document(
            name="Proces-verbaal aangifte",
            dossier_id=dossier.id,
            person_id=victim.id,
            document_type="proces_verbaal",
            organisation_id=self.org_politie.id,
        )
        html = self.render_inzage(self.avg_request(victim))
        section = html[html.index("o_keten_inzage_documents") :]
        section = section[: section.index("o_keten_inzage_access")]
        self.assertIn("Verklaring huisarts over Sanne", section)
        self.assertIn("Medical statement", section)
        # about nobody in particular: listed, the suspect's name masked
        self.assertIn("Foto&#39;s van de woning van another person (Suspect)", section)
        self.assertNotIn("Kees", section)
        # about the suspect, and the criminal investigation: not listed
        self.assertNotIn("Uittreksel", section)
        self.assertNotIn("Proces-verbaal", section)
        # the suspect's inzage lists only what is about him
        html = self.render_inzage(self.avg_request(suspect))
        section = html[html.index("o_keten_inzage_documents") :]
        section = section[: section.index("o_keten_inzage_access")]
        self.assertIn("Uittreksel KvK van Kees", section)
        self.assertNotIn("Verklaring huisarts", section)
        self.assertNotIn("Foto", section)
