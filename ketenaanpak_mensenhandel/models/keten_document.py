"""Documents of a case: a proces-verbaal, a medical statement, a B8 decision, a
signed consent, a verslag. Each has a kind and its own need-to-know.

* on a criminal track (``keten.strafrecht``), on a strafrechtelijke interventie
  or of kind proces-verbaal: Justitie of an involved organisation only;
* medical: zorg partners (organisations of kind zorg) involved in the dossier,
  and the ketenregie;
* everything else follows the dossier (or, without a dossier, the person).

The file is a binary field stored as an ``ir.attachment`` on the document, so
Odoo's attachment checks (``/web/content/<id>``, ``/web/image/<id>``) follow the
document's record rules. Reading or downloading the file is logged
(``models/ir_binary.py``); reading the document like any logged record.
"""

import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.mimetypes import guess_mimetype

from ..tools.file_types import (
    IMAGE_TYPES,
    PDF_TYPES,
    accepted_type,
    allowed_extensions,
)

DOCUMENT_TYPES = [
    ("proces_verbaal", "Proces-verbaal"),
    ("medisch", "Medical statement"),
    ("b8_ind", "B8 / IND decision"),
    ("toestemming", "Signed consent"),
    ("verslag", "Verslag"),
    ("overig", "Other"),
]

CONFIDENTIALITY = [
    ("dossier", "As the dossier"),
    ("medisch", "Zorg partners and the ketenregie"),
    ("justitie", "Justitie only"),
]

GROUP = "ketenaanpak_mensenhandel.group_"


class KetenDocument(models.Model):
    _name = "keten.document"
    _description = "Document"
    _inherit = [
        "keten.access.logged.mixin",
        "keten.domain.guard.mixin",
        "keten.validation.mixin",
    ]
    _order = "date_document desc, id desc"
    _rec_names_search = ["name"]

    name = fields.Char(string="Title", required=True)
    document_type = fields.Selection(
        DOCUMENT_TYPES,
        string="Kind",
        required=True,
        help="Decides who may see the document: a proces-verbaal is for Justitie "
        "only, a medical statement for the zorg partners and the ketenregie; the "
        "other kinds follow the dossier.",
    )
    confidentiality = fields.Selection(
        CONFIDENTIALITY,
        string="Visible to",
        compute="_compute_confidentiality",
        store=True,
        index=True,
    )
    dossier_id = fields.Many2one(
        "keten.dossier",
        compute="_compute_dossier_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="cascade",
    )
    interventie_id = fields.Many2one(
        "keten.interventie", index="btree_not_null", ondelete="cascade"
    )
    strafrecht_id = fields.Many2one(
        "keten.strafrecht",
        string="Criminal track",
        index="btree_not_null",
        ondelete="cascade",
        groups=GROUP + "justitie",
    )
    person_id = fields.Many2one(
        "keten.person",
        string="About",
        index="btree_not_null",
        ondelete="cascade",
        help="The person the document is about. An erasure request of this person "
        "removes the document; the inzage report lists it.",
    )
    organisation_id = fields.Many2one(
        "keten.organisation",
        string="Added by",
        required=True,
        index=True,
        default=lambda self: self.env.user.keten_organisation_ids[:1],
        help="The organisation that added the document. It and the ketenregie may "
        "change or delete it.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Added by user",
        readonly=True,
        default=lambda self: self.env.user,
    )
    date_document = fields.Date(
        string="Date", required=True, default=fields.Date.context_today
    )
    note = fields.Text(string="Description")
    datas = fields.Binary(string="File", attachment=True)
    file_name = fields.Char(string="File name")
    mimetype = fields.Char(string="Type", readonly=True)
    file_size = fields.Integer(string="Size (bytes)", readonly=True)
    is_pdf = fields.Boolean(string="PDF", compute="_compute_preview")
    is_image = fields.Boolean(string="Image", compute="_compute_preview")
    is_anonymised = fields.Boolean(readonly=True, copy=False)
    anonymised_date = fields.Datetime(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("interventie_id", "strafrecht_id")
    def _compute_dossier_id(self):
        for document in self:
            owner = document.sudo().strafrecht_id or document.interventie_id
            if owner:
                document.dossier_id = owner.sudo().dossier_id

    @api.depends("document_type", "strafrecht_id", "interventie_id.is_justice")
    def _compute_confidentiality(self):
        for document in self.sudo():
            if (
                document.strafrecht_id
                or document.interventie_id.is_justice
                or document.document_type == "proces_verbaal"
            ):
                document.confidentiality = "justitie"
            elif document.document_type == "medisch":
                document.confidentiality = "medisch"
            else:
                document.confidentiality = "dossier"

    @api.depends("mimetype")
    def _compute_preview(self):
        for document in self:
            document.is_pdf = document.mimetype in PDF_TYPES
            document.is_image = document.mimetype in IMAGE_TYPES

    @api.onchange("dossier_id")
    def _onchange_dossier_id(self):
        """A document on a dossier with one victim is about that victim."""
        if self.dossier_id and not self.person_id:
            victims = self.dossier_id.person_link_ids.filtered(
                lambda link: link.role == "slachtoffer"
            ).person_id
            if len(victims) == 1:
                self.person_id = victims

    def _compute_display_name(self):
        for document in self:
            document.display_name = document.name or f"DOC-{document.id}"

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("dossier_id", "person_id", "interventie_id")
    def _check_owner(self):
        for document in self.sudo():
            if not document.dossier_id and not document.person_id:
                raise ValidationError(
                    self.env._("A document belongs to a dossier or to a person.")
                )
            dossier = document.dossier_id
            person = document.person_id
            if document.interventie_id and document.interventie_id.dossier_id != (
                dossier
            ):
                raise ValidationError(
                    self.env._("The interventie belongs to another dossier.")
                )
            if dossier and person and person not in document._dossier_persons():
                ref = f"P-{person.id}"
                raise ValidationError(
                    self.env._(
                        "%(ref)s is not a person of dossier %(dossier)s: a document "
                        "on a dossier is about one of its persons.",
                        ref=ref,
                        dossier=dossier.name,
                    )
                )

    @api.constrains("organisation_id", "user_id")
    def _check_organisation(self):
        if self.env.su:
            return
        for document in self:
            self._ensure_acts_for(self.env.user, document.organisation_id)

    def _dossier_persons(self):
        dossier = self.sudo().dossier_id
        meldingen = dossier.melding_ids
        return (
            dossier.person_link_ids.person_id
            | meldingen.person_ids
            | meldingen.suspect_ids
            | meldingen.melder_person_id
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self._is_anonymising() and not vals.get("datas"):
                raise UserError(self.env._("Choose the file of the document."))
            self._ensure_acceptable_file(vals)
        self._ensure_links_allowed(vals_list)
        for vals in vals_list:
            self._ensure_kind_allowed(self._confidentiality_of(vals))
        return super().create(vals_list)

    def write(self, vals):
        if self.filtered("is_anonymised") and not self._is_anonymising():
            raise UserError(
                self.env._("An anonymised document cannot be changed: add a new one.")
            )
        if "datas" in vals and not vals["datas"] and not self._is_anonymising():
            raise UserError(
                self.env._(
                    "A document keeps its file: upload another file, or delete the "
                    "document."
                )
            )
        self._ensure_acceptable_file(vals)
        self._ensure_links_allowed([vals])
        result = super().write(vals)
        owner_fields = {
            "document_type",
            "dossier_id",
            "person_id",
            "interventie_id",
            "strafrecht_id",
            "organisation_id",
        }
        if owner_fields & set(vals) and not self.env.su:
            # Rules are checked before a write only: a user must not move a
            # document where its new readers are not theirs to choose.
            for document in self:
                self._ensure_kind_allowed(document.confidentiality)
            self.check_access("write")
        return result

    def _ensure_acceptable_file(self, vals):
        """Refuse a file that is too large or of a type that is not accepted,
        before it reaches the filestore; record its type and size."""
        if not vals.get("datas"):
            return
        name = vals.get("file_name") or self[:1].file_name or ""
        try:
            raw = base64.b64decode(vals["datas"], validate=True)
        except (binascii.Error, ValueError, TypeError) as error:
            raise ValidationError(
                self.env._("The file %(name)s could not be read.", name=name)
            ) from error
        Attachment = self.env["ir.attachment"]
        limit = Attachment._keten_max_attachment_bytes()
        if len(raw) > limit:
            Attachment._keten_refuse_size(name, len(raw), limit)
        mimetype = accepted_type(name, guess_mimetype(raw, default=""))
        if not raw or not mimetype:
            raise ValidationError(
                self.env._(
                    "The file %(name)s cannot be stored as a document: accepted are "
                    "PDF, images, Word, Excel, OpenDocument and text files "
                    "(%(extensions)s) whose content matches their name. Save it as "
                    "PDF, for instance, and upload it again.",
                    name=name or self.env._("without a name"),
                    extensions=", ".join(allowed_extensions()),
                )
            )
        vals.update(mimetype=mimetype, file_size=len(raw))

    @api.model
    def _ensure_links_allowed(self, vals_list):
        """No document about a restricted or anonymised person, on an anonymised
        dossier, or about a person the user may not read."""
        if self._is_anonymising():
            return
        Person = self.env["keten.person"]
        person_ids = {vals["person_id"] for vals in vals_list if vals.get("person_id")}
        persons = Person.browse(list(person_ids))
        persons._ensure_not_restricted()
        Person._ensure_link_access(person_ids)
        dossier_ids = {
            vals["dossier_id"] for vals in vals_list if vals.get("dossier_id")
        }
        dossiers = self.env["keten.dossier"].sudo().browse(list(dossier_ids))
        for record in dossiers.filtered("is_anonymised") or persons.sudo().filtered(
            "is_anonymised"
        ):
            raise UserError(
                self.env._(
                    "%(ref)s is anonymised: no document can be added to it.",
                    ref=record.name,
                )
            )

    @api.model
    def _confidentiality_of(self, vals):
        """The confidentiality a new document with ``vals`` will have."""
        interventie = (
            self.env["keten.interventie"]
            .sudo()
            .browse(vals.get("interventie_id") or [])
        )
        if (
            vals.get("strafrecht_id")
            or interventie.is_justice
            or vals.get("document_type") == "proces_verbaal"
        ):
            return "justitie"
        if vals.get("document_type") == "medisch":
            return "medisch"
        return "dossier"

    @api.model
    def _ensure_kind_allowed(self, confidentiality):
        """A clear refusal where the record rules would refuse with a generic
        message: a user adds only a document they may read themselves."""
        if self.env.su:
            return
        user = self.env.user
        if confidentiality == "justitie" and not user.has_group(GROUP + "justitie"):
            raise AccessError(
                self.env._(
                    "A proces-verbaal and the documents of a criminal track are "
                    "for Justitie only: they are added by a Justitie partner."
                )
            )
        if (
            confidentiality == "medisch"
            and not user.has_group(GROUP + "ketenregie")
            and "zorg" not in user.keten_organisation_ids.mapped("kind")
        ):
            raise AccessError(
                self.env._(
                    "Medical documents are for the zorg partners and the "
                    "ketenregie: they are added by a zorg partner or the "
                    "ketenregie."
                )
            )

    # ------------------------------------------------------------------
    # Access log
    # ------------------------------------------------------------------
    @api.model
    def _access_log_columns(self):
        """(record ref, dossier, person) of a row of the access log, as SQL on
        ``r.id``: the reference, never the title (it may name someone)."""
        return (
            SQL("'DOC-' || r.id"),
            SQL("(SELECT k.dossier_id FROM keten_document k WHERE k.id = r.id)"),
            SQL("(SELECT k.person_id FROM keten_document k WHERE k.id = r.id)"),
        )

    def _log_file_served(self):
        """The file was served (download or preview)."""
        self._write_access_log("read", path="download")

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/keten.document/{self.id}/datas?download=true",
            "target": "self",
        }


class KetenDocumentOwnerMixin(models.AbstractModel):
    """A record documents hang on (dossier, person, interventie, criminal track):
    deleting it deletes its documents through the ORM, so their files leave
    the filestore too (a database cascade would leave the attachments)."""

    _name = "keten.document.owner.mixin"
    _description = "Holds documents"
    _document_owner_field = None

    def unlink(self):
        self.env["keten.document"].sudo().search(
            [(self._document_owner_field, "in", self.ids)]
        ).unlink()
        return super().unlink()
