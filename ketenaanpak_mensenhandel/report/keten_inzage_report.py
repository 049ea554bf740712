"""The inzage report (AVG art. 15): everything the chain holds about one person.

Prepared here as plain values; the template reads no record. Decisions
(docs/privacy.md):

* Other persons are never named: in free text their names, alias, BSN, contact
  details and birth dates are replaced by their role ("another person
  (verdachte)"); in fields they appear by role only. Melders of meldingen
  about the person are not disclosed (the source type is).
* The content of a dossier is the victim's file: a person who is slachtoffer
  in a dossier gets its records (meldingen, wegingen, casusoverleg items,
  plans and actions, interventies, evaluations, messages and files); in any
  other role (verdachte, netwerk, melder, betrokkene) the dossier is listed
  with the role and dates, and what is recorded about them specifically (the
  note of their role, interventies for them); the rest is about others (UAVG
  art. 41(1)(i)).
* Criminal-investigation information (``keten.strafrecht``, interventies of
  type strafrechtelijk, access by Justitie users) is the Openbaar Ministerie's
  to disclose (Wet justitiële en strafvorderlijke gegevens): left out, and the
  report says so; a victim's dossier says that a criminal track exists and
  whom to align with about care.
* Who accessed the data: date, organisation, role and action, not the name of
  the employee (CJEU C-579/21, Pankki S).

Printing writes the person, dossiers and meldingen printed to the access log
(action print, path inzage).

This file holds the report values, the formatting of fields, the letter with
what it covers (``_report_scope``) and the logging; the sections are in
``keten_inzage_report_case.py`` (the case file) and
``keten_inzage_report_processing.py`` (the processing: own data, recipients,
consents, changes, requests, access).
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date, format_datetime, html2plaintext

from ..models.keten_dossier_person import PERSON_ROLES
from ..tools.masking import (
    compile_masks,
    identifying_strings,
    mask_text,
)


def _joined(*parts):
    return " · ".join(part for part in parts if part)


class KetenInzageReport(models.AbstractModel):
    _name = "report.ketenaanpak_mensenhandel.avg_inzage"
    _description = "Inzage report (AVG art. 15)"

    @api.model
    def _get_report_values(self, docids, data=None):
        if not self.env.user.has_group("ketenaanpak_mensenhandel.group_privacy"):
            raise AccessError(
                self.env._("The inzage report is for the privacy officer.")
            )
        requests = self.env["keten.avg.request"].browse(docids)
        requests.check_access("read")
        letters = [self._letter_values(request) for request in requests]
        requests.sudo().write(
            {"report_date": fields.Datetime.now(), "report_user_id": self.env.uid}
        )
        return {
            "doc_ids": docids,
            "doc_model": "keten.avg.request",
            "docs": requests,
            "letters": letters,
        }

    # ------------------------------------------------------------------
    # Formatting
    # ------------------------------------------------------------------
    def _label(self, record, fname):
        return record._fields[fname]._description_string(self.env)

    def _text(self, record, fname):
        """A field as text the way a person reads it (user's language)."""
        field = record._fields[fname]
        value = record[fname]
        if field.type in ("many2one", "many2many", "one2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        if field.type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        if field.type == "date":
            return format_date(self.env, value) if value else ""
        if field.type == "datetime":
            return format_datetime(self.env, value) if value else ""
        if field.type == "html":
            return html2plaintext(value or "")
        if value in (False, None):
            return ""
        return str(value)

    def _facts(self, record, fnames, masks=None, skip_empty=True):
        rows = []
        for fname in fnames:
            if fname not in record._fields:
                continue
            field = record._fields[fname]
            if field.type == "boolean" and skip_empty and not record[fname]:
                continue
            text = self._text(record, fname)
            if skip_empty and not text:
                continue
            if masks and field.type in ("char", "text", "html"):
                text = mask_text(text, masks)
            rows.append((self._label(record, fname), text))
        return rows

    def _texts(self, record, fnames, masks):
        return [
            (self._label(record, fname), mask_text(record[fname], masks))
            for fname in fnames
            if record[fname]
        ]

    def _entry(self, title, facts=(), texts=(), lines=(), note=None):
        return {
            "title": title,
            "facts": list(facts),
            "texts": list(texts),
            "lines": list(lines),
            "note": note,
        }

    def _section(self, key, title, entries, intro=None, empty=None):
        return {
            "key": key,
            "title": title,
            "intro": intro,
            "entries": entries,
            "empty": empty or self.env._("Nothing recorded."),
        }

    # ------------------------------------------------------------------
    # The letter
    # ------------------------------------------------------------------
    def _letter_values(self, request):
        _ = self.env._
        request_sudo = request.sudo()
        person = request_sudo.person_id.with_context(active_test=False)
        letter = {
            "request": request,
            "reference": request_sudo.name,
            "date_received": format_date(self.env, request_sudo.date_received),
            "requester": self._text(request_sudo, "requester_type"),
            "requester_name": request_sudo.requester_name or "",
            "printed_on": format_datetime(self.env, fields.Datetime.now()),
            "printed_by": self.env.user.name,
            "response_note": request_sudo.response_note or "",
            "retention_years": self.env["keten.retention"]._retention_years(),
            "person_ref": request_sudo.person_ref or "",
            "found": bool(person),
            "sections": [],
        }
        if not person:
            return letter
        context = self._report_scope(person)
        letter["sections"] = [
            self._section_person(person),
            self._section_dossiers(person, context),
            self._section_meldingen(person, context),
            self._section_wegingen(context),
            self._section_overleg(context),
            self._section_plans(context),
            self._section_interventies(person, context),
            self._section_evaluaties(context),
            self._section_recipients(context),
            self._section_consents(person),
            self._section_rectifications(person, context),
            self._section_requests(person, request),
            self._section_messages(person, context),
            self._section_attachments(person, context),
            self._section_access(person, context),
        ]
        letter["criminal_dossiers"] = context["criminal_dossiers"]
        self._log_print(person, context)
        return letter

    def _report_scope(self, person):
        """What the report covers for ``person``: dossiers by role, meldingen,
        the other persons to mask (with their role)."""
        role_labels = dict(PERSON_ROLES)
        role_labels = {
            key: dict(
                self.env["keten.dossier.person"]
                ._fields["role"]
                ._description_selection(self.env)
            ).get(key, label)
            for key, label in role_labels.items()
        }
        links = person.dossier_link_ids
        dossiers = links.dossier_id
        victim_dossiers = links.filtered(
            lambda link: link.role == "slachtoffer"
        ).dossier_id
        own_meldingen = (
            person.melding_ids | person.melder_melding_ids | person.suspect_melding_ids
        )
        # a victim's file holds every melding of the dossier
        meldingen = (
            own_meldingen.filtered(
                lambda m: person in m.person_ids or m.melder_person_id == person
            )
            | victim_dossiers.melding_ids
        )
        named_only = own_meldingen - meldingen  # possible offender only
        others = {}

        def other(p, label):
            if p and p != person and p.id not in others:
                others[p.id] = (p, label)

        for link in (dossiers.person_link_ids | links).sorted("id"):
            other(link.person_id, role_labels.get(link.role, link.role))
        for melding in meldingen | named_only:
            for p in melding.person_ids:
                other(p, role_labels["slachtoffer"])
            for p in melding.suspect_ids:
                other(p, role_labels["verdachte"])
            other(melding.melder_person_id, role_labels["melder"])
        masks = [
            (
                identifying_strings(
                    p.first_name,
                    p.name_prefix,
                    p.last_name,
                    p.known_as,
                    p.bsn,
                    p.phone,
                    p.email,
                    p.street,
                    p.birth_date,
                ),
                self.env._("another person (%(role)s)", role=label),
            )
            for p, label in others.values()
        ]
        melder_strings = {
            value
            for melding in meldingen | named_only
            if melding.melder_person_id != person
            for value in (
                melding.melder_name,
                melding.melder_phone,
                melding.melder_email,
            )
            if value
        }
        masks.append(
            (
                identifying_strings(extra=melder_strings),
                self.env._("the melder"),
            )
        )
        visible_dossiers = victim_dossiers.filtered(lambda d: not d.is_anonymised)
        criminal = visible_dossiers.filtered("has_criminal_track")
        return {
            "links": links,
            "dossiers": dossiers,
            "victim_dossiers": visible_dossiers,
            "meldingen": meldingen,
            "named_only": named_only,
            "others": others,
            "roles": role_labels,
            "masks": compile_masks(masks),
            "criminal_dossiers": [
                {
                    "dossier": d.name,
                    "contact": d.criminal_contact_organisation_id.name or "",
                }
                for d in criminal
            ],
        }

    # ------------------------------------------------------------------
    # Logging
    # ------------------------------------------------------------------
    def _log_print(self, person, context):
        env = self.env(su=False)
        Log = env["keten.access.log"]
        Log._log_records(person.with_env(env), "print", "inzage")
        Log._log_records(context["dossiers"].with_env(env), "print", "inzage")
        Log._log_records(
            (context["meldingen"] | context["named_only"]).with_env(env),
            "print",
            "inzage",
        )
