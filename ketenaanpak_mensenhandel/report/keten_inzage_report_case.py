"""The sections of the inzage report from the case file: dossiers, meldingen,
wegingen, casusoverleg, plannen van aanpak, interventies, evaluations, and the
messages and files on them. Other persons masked; a dossier's content only
for its victim; criminal information left to the OM."""

from dateutil.relativedelta import relativedelta

from odoo import models
from odoo.tools import format_date, format_datetime, html2plaintext

from ..models.keten_melding import MELDER_FIELDS
from ..tools.masking import mask_html, mask_text
from .keten_inzage_report import _joined

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


class KetenInzageReport(models.AbstractModel):
    _inherit = "report.ketenaanpak_mensenhandel.avg_inzage"  # pylint: disable=consider-merging-classes-inherited

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
