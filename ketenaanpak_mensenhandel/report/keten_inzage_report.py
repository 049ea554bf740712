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
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date, format_datetime, html2plaintext

from ..models.keten_dossier_person import PERSON_ROLES
from ..models.keten_melding import MELDER_FIELDS
from ..models.keten_person import PERSONAL_FIELDS
from ..tools.masking import (
    compile_masks,
    identifying_strings,
    mask_html,
    mask_text,
)

PERSON_FIELDS = PERSONAL_FIELDS + ("age", "note", "is_restricted")
DOSSIER_FACTS = (
    "date_opened",
    "date_closed",
    "hoofdstap_id",
    "stage_id",
    "urgency",
    "verschijningsvorm_ids",
    "woongemeente_id",
    "gemeente_uitbuiting_id",
    "kwalificatie",
    "quadrant",
    "traject_zorg",
    "traject_zorg_strafrecht",
    "traject_ondermijning",
    "regie_organisation_id",
    "zorgcoordinator_organisation_id",
    "nazorg_status",
    "closing_reason",
)
DOSSIER_TEXT = ("summary", "nazorg_note", "closing_note")
MELDING_FACTS = (
    "date_received",
    "channel",
    "category",
    "organisation_id",
    "source_type",
    "verschijningsvormen",
    "location_type",
    "gemeente_uitbuiting_id",
    "woongemeente_id",
    "frequency",
    "nr_victims",
    "nr_offenders",
    "state",
)
MELDING_TEXT = ("content", "location_address", "period_description", "handling_note")
WEGING_FACTS = (
    "date",
    "state",
    "organisation_id",
    "actueel",
    "acuut_volgens_melder",
    "veiligheid",
    "doorlaatverbod",
    "kwalificatie",
    "afschaling_type",
    "overdracht_organisation_id",
    "zorg",
    "quadrant",
    "melder_gehoord",
    "factor_lvb",
    "factor_psychisch",
    "factor_verslaving",
    "factor_systeem",
    "factor_sociaal_economisch",
    "bedenktijd_b8",
    "urgency",
    "traject_zorg",
    "traject_zorg_strafrecht",
    "traject_ondermijning",
)
WEGING_TEXT = ("history_note", "factor_other", "analysis", "afschaling_note")
PLAN_FACTS = ("state", "date_adopted")
# suspects_note is about other persons: not in the victim's inzage
PLAN_TEXT = (
    "goal",
    "results",
    "role_division",
    "network",
    "next_steps",
    "monitoring_agreements",
    "regie_agreements",
)
INTERVENTIE_FACTS = (
    "intervention_type",
    "organisation_id",
    "date_start",
    "date_end",
    "state",
    "result",
)
EVALUATIE_FACTS = ("level", "date_planned", "date_done", "state")
EVALUATIE_TEXT = ("case_description", "went_well", "to_improve")


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
    # Sections
    # ------------------------------------------------------------------
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

    def _section_dossiers(self, person, context):
        _ = self.env._
        masks = context["masks"]
        retention = self.env["keten.retention"]
        years = retention._retention_years()
        entries = []
        for dossier in context["dossiers"].sorted("date_opened"):
            roles = context["links"].filtered(
                lambda link, d=dossier: link.dossier_id == d
            )
            facts = [
                (_("Your role"), ", ".join(self._text(link, "role") for link in roles))
            ]
            notes = [
                (_("Note on your role"), mask_text(link.note, masks))
                for link in roles
                if link.note
            ]
            if dossier.is_anonymised:
                facts.append(
                    (_("Anonymised on"), self._text(dossier, "anonymised_date"))
                )
                entries.append(self._entry(dossier.name, facts=facts))
                continue
            if dossier.date_closed:
                facts.append(
                    (
                        _("Kept until"),
                        format_date(
                            self.env, dossier.date_closed + relativedelta(years=years)
                        ),
                    )
                )
            if dossier in context["victim_dossiers"]:
                facts += self._facts(dossier, DOSSIER_FACTS)
                if dossier.has_criminal_track:
                    facts.append(
                        (
                            _("Criminal track"),
                            _(
                                "A criminal investigation runs or ran; its content is "
                                "for the Openbaar Ministerie to disclose. Align about "
                                "care with: %(contact)s",
                                contact=dossier.criminal_contact_organisation_id.name
                                or "-",
                            ),
                        )
                    )
                texts = notes + self._texts(dossier, DOSSIER_TEXT, masks)
                note = None
            else:
                facts += self._facts(dossier, ("date_opened", "date_closed"))
                texts = notes
                note = _(
                    "You are not the victim in this dossier: its content is about "
                    "other persons and is not part of your inzage (UAVG art. "
                    "41(1)(i)). What is recorded about you is listed."
                )
            entries.append(
                self._entry(dossier.name, facts=facts, texts=texts, note=note)
            )
        return self._section(
            "dossiers",
            _("Dossiers"),
            entries,
            intro=_(
                "The case files (cliëntdossiers) of the chain in which you have a role."
            ),
        )

    def _section_meldingen(self, person, context):
        _ = self.env._
        masks = context["masks"]
        entries = []
        for melding in context["meldingen"].sorted("date_received"):
            facts = self._facts(melding, MELDING_FACTS)
            if melding.dossier_id:
                facts.append((_("Dossier"), melding.dossier_id.name))
            if melding.melder_person_id == person:
                facts.append((_("You reported it"), _("Yes")))
                facts += self._facts(melding, MELDER_FIELDS)
            elif person in melding.person_ids:
                facts.append((_("About you"), _("Yes")))
            texts = self._texts(melding, MELDING_TEXT, masks)
            note = None
            if melding.melder_person_id != person and not melding.melder_anonymous:
                note = _(
                    "Who reported this melding is not disclosed, to protect the "
                    "melder; the source is given."
                )
            entries.append(
                self._entry(melding.name, facts=facts, texts=texts, note=note)
            )
        for melding in context["named_only"].sorted("date_received"):
            entries.append(
                self._entry(
                    melding.name,
                    facts=self._facts(melding, ("date_received", "organisation_id"))
                    + [(_("You are named in it as"), context["roles"]["verdachte"])],
                    note=_(
                        "The content is about other persons and is not part of your "
                        "inzage (UAVG art. 41(1)(i))."
                    ),
                )
            )
        return self._section("meldingen", _("Meldingen"), entries)

    def _section_wegingen(self, context):
        _ = self.env._
        masks = context["masks"]
        entries = []
        for weging in context["victim_dossiers"].weging_ids.sorted("date"):
            texts = self._texts(weging, WEGING_TEXT, masks)
            lines = [
                f"{self._text(b, 'kind')}: {mask_text(b.description or '', masks)}"
                for b in weging.bewijsmiddel_ids
            ]
            entries.append(
                self._entry(
                    f"{weging.name} ({weging.dossier_id.name})",
                    facts=self._facts(weging, ("weging_type",) + WEGING_FACTS),
                    texts=texts,
                    lines=lines,
                )
            )
        return self._section("wegingen", _("Wegingen"), entries)

    def _section_overleg(self, context):
        _ = self.env._
        masks = context["masks"]
        entries = []
        for item in context["victim_dossiers"].agenda_item_ids.sorted("overleg_date"):
            overleg = item.overleg_id
            facts = [
                (_("Casusoverleg"), overleg.name),
                (_("Date"), format_datetime(self.env, overleg.date_start)),
                (_("Dossier"), item.dossier_id.name),
            ] + self._facts(item, ("deadline", "state", "invited_organisation_ids"))
            facts += self._facts(overleg, ("invited_organisation_ids",))
            entries.append(
                self._entry(
                    f"{overleg.name}: {item.dossier_id.name}",
                    facts=facts,
                    texts=self._texts(item, ("question", "decisions"), masks),
                )
            )
        return self._section("overleg", _("Casusoverleg"), entries)

    def _section_plans(self, context):
        _ = self.env._
        masks = context["masks"]
        entries = []
        for plan in context["victim_dossiers"].plan_ids.sorted("id"):
            lines = [
                _joined(
                    mask_text(action.name, masks),
                    action.organisation_id.name,
                    self._text(action, "state"),
                    self._text(action, "date_deadline"),
                    mask_text(action.result or "", masks),
                )
                for action in plan.action_ids
            ]
            entries.append(
                self._entry(
                    plan.name,
                    facts=self._facts(plan, PLAN_FACTS),
                    texts=self._texts(plan, PLAN_TEXT, masks),
                    lines=lines,
                )
            )
        return self._section(
            "plans",
            _("Plannen van aanpak and actions"),
            entries,
            intro=_("What the chain agreed to do, and who does it."),
        )

    def _section_interventies(self, person, context):
        _ = self.env._
        masks = context["masks"]
        interventies = (
            context["victim_dossiers"].interventie_ids
            | context["dossiers"].interventie_ids.filtered(
                lambda i: i.person_id == person
            )
        ).filtered(lambda i: not i.is_justice)
        entries = []
        for interventie in interventies.sorted("date_start"):
            facts = [(_("Dossier"), interventie.dossier_id.name)]
            facts += self._facts(interventie, INTERVENTIE_FACTS)
            if interventie.person_id:
                facts.append(
                    (
                        _("For"),
                        _("you")
                        if interventie.person_id == person
                        else self._other_label_of(interventie.person_id, context),
                    )
                )
            entries.append(
                self._entry(
                    mask_text(interventie.name, masks),
                    facts=facts,
                    texts=self._texts(interventie, ("result_note",), masks),
                )
            )
        return self._section(
            "interventies",
            _("Interventies"),
            entries,
            intro=_(
                "Criminal-law interventions are not listed: the Openbaar Ministerie "
                "decides about their disclosure."
            ),
        )

    def _other_label_of(self, other, context):
        entry = context["others"].get(other.id)
        return entry[1] if entry else self.env._("another person")

    def _section_evaluaties(self, context):
        _ = self.env._
        masks = context["masks"]
        entries = [
            self._entry(
                mask_text(evaluatie.name, masks),
                facts=self._facts(evaluatie, EVALUATIE_FACTS)
                + [(_("Dossier"), evaluatie.dossier_id.name)],
                texts=self._texts(evaluatie, EVALUATIE_TEXT, masks),
            )
            for evaluatie in context["victim_dossiers"].evaluatie_ids.sorted("id")
        ]
        return self._section("evaluaties", _("Evaluations"), entries)

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

    def _section_messages(self, person, context):
        _ = self.env._
        masks = context["masks"]
        records = [person, context["victim_dossiers"], context["meldingen"]]
        entries = []
        Message = self.env["mail.message"].sudo()
        for records_of_model in records:
            if not records_of_model:
                continue
            messages = Message.search(
                [
                    ("model", "=", records_of_model._name),
                    ("res_id", "in", records_of_model.ids),
                    ("message_type", "!=", "user_notification"),
                ],
                order="date, id",
            )
            for message in messages:
                body = html2plaintext(mask_html(message.body or "", masks) or "")
                lines = []
                if records_of_model._name == "keten.person":
                    lines = [
                        f"{value['changedField']}: "
                        f"{value['oldValue']['value'] or '-'} → "
                        f"{value['newValue']['value'] or '-'}"
                        for value in message.sudo().tracking_value_ids._tracking_value_format()
                    ]
                if not body.strip() and not lines:
                    continue
                record = records_of_model.browse(message.res_id)
                entries.append(
                    self._entry(
                        f"{format_datetime(self.env, message.date)} · "
                        f"{self._record_ref(record)} · {self._author(message)}",
                        texts=[(_("Message"), body)] if body.strip() else [],
                        lines=lines,
                    )
                )
        return self._section(
            "messages",
            _("Messages"),
            entries,
            intro=_(
                "Notes and messages on your dossiers; the author is "
                "given by organisation."
            ),
        )

    def _record_ref(self, record):
        if record._name == "keten.person":
            return f"P-{record.id}"
        return record.name

    def _author(self, message):
        users = message.author_id.user_ids
        organisations = users.keten_organisation_ids
        if organisations:
            return ", ".join(organisations.mapped("name"))
        return self.env._("the system") if not users else self.env._("the chain")

    def _attachment_records(self, person, context):
        victim = context["victim_dossiers"]
        return [
            person,
            victim,
            context["meldingen"],
            victim.weging_ids,
            victim.plan_ids,
            victim.interventie_ids.filtered(lambda i: not i.is_justice),
            victim.evaluatie_ids,
            person.consent_ids,
        ]

    def _section_attachments(self, person, context):
        _ = self.env._
        masks = context["masks"]
        entries = []
        for records in self._attachment_records(person, context):
            if not records:
                continue
            attachments = (
                self.env["ir.attachment"]
                .sudo()
                .search(
                    [("res_model", "=", records._name), ("res_id", "in", records.ids)],
                    order="create_date, id",
                )
            )
            for attachment in attachments:
                record = records.browse(attachment.res_id)
                entries.append(
                    self._entry(
                        mask_text(attachment.name, masks),
                        facts=[
                            (_("With"), self._record_ref(record)),
                            (_("Type"), attachment.mimetype or ""),
                            (_("Size"), f"{attachment.file_size or 0} bytes"),
                            (
                                _("Added on"),
                                format_datetime(self.env, attachment.create_date),
                            ),
                        ],
                    )
                )
        return self._section(
            "attachments",
            _("Files"),
            entries,
            intro=_("The files are listed; ask for a copy of a file you want."),
        )

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
