"""AVG art. 20, portability: the data the person provided, as JSON and CSV in
one zip, released with four eyes.

What the person provided (decided for this chain, docs/privacy.md): their
personal data as registered, the meldingen they made themselves as melder
(their details and what they reported, other persons masked by their role),
their consents and their requests. Not what the chain recorded about them
(wegingen, plans, notes, interventies): that is in the inzage report.

One privacy officer prepares the export (the summary and a fingerprint of the
data are kept, no file); another privacy officer or a Beheerder releases it.
At the release the export is made again and must hold the same data;
only then is the zip stored and downloadable.
"""

import base64

from markupsafe import Markup, escape

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..models.keten_melding import MELDER_FIELDS
from ..models.keten_person import PERSONAL_FIELDS
from ..tools.masking import compile_masks, mask_text, person_strings
from ..tools.portability import build_zip, fingerprint

GROUP = "ketenaanpak_mensenhandel.group_"

# Fields of each section, in order; the labels of selections and the names of
# related records are exported, dates in ISO notation.
PORTABLE_FIELDS = {
    "person": PERSONAL_FIELDS,
    "meldingen": (
        "name",
        "date_received",
        "channel",
        *MELDER_FIELDS,
        "content",
        "location_address",
        "period_description",
    ),
    "consents": (
        "purpose",
        "organisation_id",
        "purpose_note",
        "date_given",
        "given_by",
        "given_by_name",
        "age_statement",
        "written",
        "comensha_name_allowed",
        "date_withdrawn",
        "withdrawal_note",
    ),
    "requests": ("name", "request_type", "date_received", "channel", "requester_type"),
}
# Free text of others: other persons in it are masked by their role.
MASKED_FIELDS = ("content", "location_address", "period_description")
# What an anonymisation of the person removes from their requests.
PORTABILITY_ANONYMISED_FIELDS = ("portability_file", "portability_summary")


class KetenAvgRequest(models.Model):
    _inherit = "keten.avg.request"  # pylint: disable=consider-merging-classes-inherited

    request_type = fields.Selection(
        selection_add=[("portabiliteit", "Portability (art. 20)")],
        ondelete={"portabiliteit": "cascade"},
    )
    portability_summary = fields.Html(
        string="What the export holds", readonly=True, copy=False
    )
    portability_hash = fields.Char(
        string="Fingerprint of the export", readonly=True, copy=False
    )
    portability_file = fields.Binary(
        string="Export for the person", readonly=True, copy=False, attachment=True
    )
    portability_file_name = fields.Char(
        string="File name of the export", readonly=True, copy=False
    )

    def _system_fields(self):
        return super()._system_fields() + (
            "portability_summary",
            "portability_hash",
            "portability_file",
            "portability_file_name",
        )

    # ------------------------------------------------------------------
    # The data
    # ------------------------------------------------------------------
    def _portable_value(self, record, fname):
        field = record._fields[fname]
        value = record[fname]
        if field.type == "many2one":
            return value.display_name or ""
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        if field.type == "boolean":
            return bool(value)
        if field.type in ("date", "datetime"):
            return value.isoformat() if value else ""
        return value or ""

    def _portable_rows(self, records, section, masks=None):
        rows = []
        for record in records:
            row = {}
            for fname in PORTABLE_FIELDS[section]:
                value = self._portable_value(record, fname)
                if masks and fname in MASKED_FIELDS and value:
                    value = mask_text(value, masks)
                row[fname] = value
            rows.append(row)
        return rows

    def _portability_sections(self):
        """{section: [rows]}: what the person provided, nothing about others."""
        self.ensure_one()
        person = self.sudo().person_id.with_context(active_test=False)
        meldingen = person.melder_melding_ids.filtered(
            lambda m: not m.is_anonymised
        ).sorted(lambda m: (m.date_received, m.id))
        roles = dict(
            self.env["keten.dossier.person"]
            ._fields["role"]
            ._description_selection(self.env)
        )
        others = [(p, roles["slachtoffer"]) for p in meldingen.person_ids - person]
        others += [(p, roles["verdachte"]) for p in meldingen.suspect_ids - person]
        masks = compile_masks(
            [
                (
                    person_strings(other),
                    self.env._("another person (%(role)s)", role=role),
                )
                for other, role in others
            ]
        )
        requests = person.avg_request_ids.sorted(lambda r: (r.date_received, r.id))
        return {
            "person": self._portable_rows(person, "person"),
            "meldingen": self._portable_rows(meldingen, "meldingen", masks),
            "consents": self._portable_rows(
                person.consent_ids.sorted(lambda c: (c.date_given, c.id)), "consents"
            ),
            "requests": self._portable_rows(requests, "requests"),
        }

    def _portability_summary_html(self, sections):
        _ = self.env._
        labels = {
            "person": _("Your personal data"),
            "meldingen": _("Meldingen you made"),
            "consents": _("Your consents"),
            "requests": _("Your requests"),
        }
        return Markup("<ul>%s</ul>") % Markup("").join(
            Markup("<li>%s: %s</li>") % (escape(labels[name]), len(rows))
            for name, rows in sections.items()
        )

    def _portability_readme(self):
        return self.env._(
            "Your data from the ketenregiesysteem of the chain against human "
            "trafficking (AVG art. 20), request %(ref)s: the data you provided "
            "yourself. data.json holds everything; every CSV file one part "
            "(person, meldingen, consents, requests). Other persons are not "
            "named. What the chain recorded about you is in an inzage report.",
            ref=self.name,
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_prepare_portability(self):
        """A privacy officer prepares the export; another one releases it."""
        self.ensure_one()
        self._ensure_privacy_officer()
        self._ensure_open()
        self._ensure_person_found()
        if self.request_type != "portabiliteit" or self.state != "received":
            raise UserError(
                self.env._("Only a portability request that was received is prepared.")
            )
        sections = self._portability_sections()
        self.write(
            {
                "state": "submitted",
                "requested_by_id": self.env.uid,
                "date_requested": fields.Datetime.now(),
                "portability_summary": self._portability_summary_html(sections),
                "portability_hash": fingerprint(sections),
            }
        )
        return True

    def _release_portability(self):
        """Four eyes: another privacy officer or a Beheerder releases the export
        prepared; the data must still be what was prepared."""
        self.ensure_one()
        if not self.env.user.has_group(GROUP + "privacy"):
            raise AccessError(
                self.env._("An export is released by a second privacy officer.")
            )
        self._ensure_open()
        if self.state != "submitted":
            raise UserError(
                self.env._(
                    "Prepare the export of request %(ref)s first.", ref=self.name
                )
            )
        if self.requested_by_id == self.env.user:
            raise UserError(
                self.env._(
                    "Four eyes: request %(ref)s was prepared by you; another privacy "
                    "officer releases it.",
                    ref=self.name,
                )
            )
        sections = self._portability_sections()
        if fingerprint(sections) != self.portability_hash:
            raise UserError(
                self.env._(
                    "The data of %(person)s changed since the export was prepared: "
                    "send it back and prepare it again.",
                    person=self.person_ref,
                )
            )
        content = build_zip(
            sections,
            meta={"request": self.name, "reference": self.person_ref},
            readme=self._portability_readme(),
        )
        self._close_approved(
            self.portability_summary,
            portability_file=base64.b64encode(content),
            portability_file_name=f"{self.name}.zip",
        )

    def action_approve(self):
        portability = self.filtered(lambda r: r.request_type == "portabiliteit")
        for request in portability:
            request._release_portability()
        rest = self - portability
        return super(KetenAvgRequest, rest).action_approve() if rest else True

    def action_reset(self):
        portability = self.filtered(lambda r: r.request_type == "portabiliteit")
        if portability:
            self._ensure_privacy_officer()
            portability.filtered(lambda r: r.state == "submitted").write(
                {
                    "state": "received",
                    "requested_by_id": False,
                    "date_requested": False,
                    "portability_summary": False,
                    "portability_hash": False,
                }
            )
        rest = self - portability
        return super(KetenAvgRequest, rest).action_reset() if rest else True

    def action_download_portability(self):
        self.ensure_one()
        self._ensure_privacy_officer()
        if not self.portability_file:
            raise UserError(self.env._("The export is not released yet."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/keten.avg.request/{self.id}/portability_file/"
            f"{self.portability_file_name}?download=true",
            "target": "self",
        }
