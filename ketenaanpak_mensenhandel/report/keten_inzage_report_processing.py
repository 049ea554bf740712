"""The sections of the inzage report about the processing: the person's own
data, who receives it and on which basis, consents, recorded changes, earlier
requests and who accessed it (by organisation and role, not by name)."""

from odoo import fields, models
from odoo.tools import format_date, format_datetime

from ..models.keten_person import PERSONAL_FIELDS
from ..tools.masking import mask_text
from .keten_inzage_report import _joined

PERSON_FIELDS = PERSONAL_FIELDS + ("age", "note", "is_restricted")


class KetenInzageReport(models.AbstractModel):
    _inherit = "report.ketenaanpak_mensenhandel.avg_inzage"  # pylint: disable=consider-merging-classes-inherited

    def _section_person(self, person):
        _ = self.env._
        facts = self._facts(person, PERSON_FIELDS)
        facts.append(
            (_("Registered on"), format_datetime(self.env, person.create_date))
        )
        if person.is_restricted:
            facts.append(
                (_("Restriction"), _("Your data is restricted (AVG art. 18)."))
            )
        return self._section(
            "person",
            _("Your personal data"),
            [self._entry(f"P-{person.id}", facts=facts)],
        )

    def _section_recipients(self, context):
        _ = self.env._
        entries = []
        today = fields.Date.context_today(self)
        organisations = context["victim_dossiers"].involved_organisation_ids
        for organisation in organisations.sorted("name"):
            bases = organisation._valid_bases(today)
            lines = [
                f"{self._text(basis, 'basis_type')}: {basis.name}"
                + (
                    f" ({_('until')} {format_date(self.env, basis.date_to)})"
                    if basis.date_to
                    else ""
                )
                for basis in bases
            ] or [_("No valid legal basis recorded today.")]
            entries.append(
                self._entry(
                    organisation.name,
                    facts=[(_("Kind"), self._text(organisation, "membership"))],
                    lines=lines,
                )
            )
        return self._section(
            "recipients",
            _("Who receives your data, and on which basis"),
            entries,
            intro=_(
                "The organisations involved in the dossiers in which you are the "
                "victim, with their legal basis for receiving the data."
            ),
        )

    def _section_consents(self, person):
        _ = self.env._
        entries = [
            self._entry(
                self._text(consent, "purpose"),
                facts=self._facts(
                    consent,
                    (
                        "organisation_id",
                        "date_given",
                        "given_by",
                        "written",
                        "date_withdrawn",
                    ),
                ),
            )
            for consent in person.consent_ids.sorted("date_given")
        ]
        return self._section("consents", _("Your consents"), entries)

    def _section_rectifications(self, person, context):
        _ = self.env._
        masks = context["masks"]
        rows = (
            self.env["keten.rectification"]
            .sudo()
            .search([("person_id", "=", person.id)], order="id")
        )
        entries = [
            self._entry(
                f"{format_datetime(self.env, row.create_date)}: {row.field_label}",
                facts=[
                    (_("Record"), row.record_ref or ""),
                    (_("Old value"), mask_text(row.old_value or "-", masks)),
                    (_("New value"), mask_text(row.new_value or "-", masks)),
                    (_("Reason"), mask_text(row.reason or "-", masks)),
                ],
            )
            for row in rows
        ]
        return self._section("rectifications", _("Changes of your data"), entries)

    def _section_requests(self, person, request):
        _ = self.env._
        earlier = person.avg_request_ids - request
        entries = [
            self._entry(
                other.name,
                facts=self._facts(
                    other, ("request_type", "date_received", "state", "date_done")
                ),
            )
            for other in earlier.sorted("date_received")
        ]
        return self._section("requests", _("Your earlier requests"), entries)

    def _section_access(self, person, context):
        """Who accessed the person, their victim dossiers and their meldingen."""
        _ = self.env._
        Log = self.env["keten.access.log"].sudo()
        melding_ids = context["meldingen"].ids
        domain = [
            "|",
            "|",
            ("person_res_id", "=", person.id),
            ("dossier_res_id", "in", context["victim_dossiers"].ids),
            "&",
            ("res_model", "=", "keten.melding"),
            ("res_id", "in", melding_ids),
            ("role", "not ilike", "Justitie"),
        ]
        rows = Log.search(domain, order="id")
        labels = dict(Log._fields["action"]._description_selection(self.env))
        lines = [
            _joined(
                format_datetime(self.env, row.create_date),
                row.organisation_names or _("no organisation"),
                row.role,
                labels.get(row.action, row.action),
                row.record_ref,
            )
            for row in rows
        ]
        entries = [self._entry(_("Access"), lines=lines)] if lines else []
        return self._section(
            "access",
            _("Who accessed your data"),
            entries,
            intro=_(
                "Every time your dossiers were opened, printed, exported "
                "or changed: when, by which organisation and in which role. Access by "
                "justice partners within a criminal investigation is for the "
                "Openbaar Ministerie to disclose."
            ),
        )
