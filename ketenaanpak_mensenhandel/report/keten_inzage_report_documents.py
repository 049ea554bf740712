"""The inzage report lists the documents the person may see: the titles (other
persons masked), kind, date and who added them; never the file itself (the
person asks for a copy). Documents of the criminal track and processen-verbaal
are the Openbaar Ministerie's to disclose, as the rest of the criminal
information."""

from odoo import api, models
from odoo.osv import expression
from odoo.tools import format_date

from ..tools.masking import mask_text


class KetenInzageReport(models.AbstractModel):
    _inherit = "report.ketenaanpak_mensenhandel.avg_inzage"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _letter_values(self, request):
        letter = super()._letter_values(request)
        person = request.sudo().person_id.with_context(active_test=False)
        if person and letter["sections"]:
            context = self._report_scope(person)
            keys = [section["key"] for section in letter["sections"]]
            position = keys.index("attachments") + 1 if "attachments" in keys else 0
            letter["sections"].insert(
                position, self._section_documents(person, context)
            )
        return letter

    def _documents_for_inzage(self, person, context):
        """Documents about the person, and those of their victim dossiers that
        are about nobody else."""
        domain = expression.AND(
            [
                [("confidentiality", "!=", "justitie"), ("is_anonymised", "=", False)],
                expression.OR(
                    [
                        [("person_id", "=", person.id)],
                        [
                            ("dossier_id", "in", context["victim_dossiers"].ids),
                            ("person_id", "=", False),
                        ],
                    ]
                ),
            ]
        )
        return (
            self.env["keten.document"].sudo().search(domain, order="date_document, id")
        )

    def _section_documents(self, person, context):
        _ = self.env._
        masks = context["masks"]
        Document = self.env["keten.document"]
        kinds = dict(Document._fields["document_type"]._description_selection(self.env))
        entries = []
        for document in self._documents_for_inzage(person, context):
            record = document.dossier_id or document.person_id
            entries.append(
                self._entry(
                    mask_text(document.name or "", masks),
                    facts=[
                        (_("Kind"), kinds.get(document.document_type, "")),
                        (_("Date"), format_date(self.env, document.date_document)),
                        (_("With"), self._record_ref(record)),
                        (_("Added by"), document.organisation_id.name or ""),
                    ],
                )
            )
        return self._section(
            "documents",
            _("Documents"),
            entries,
            intro=_(
                "The documents about you and in your dossiers; ask for a copy of a "
                "document you want. Documents of a criminal investigation are for "
                "the Openbaar Ministerie to disclose."
            ),
        )
