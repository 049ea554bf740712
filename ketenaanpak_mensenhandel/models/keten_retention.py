"""Retention: anonymise what is past its bewaartermijn, keep the statistics."""

import logging
from collections import Counter

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..tools.masking import compile_masks, mask_html, mask_text, person_strings
from .keten_avg_request import ANONYMISED_REQUEST_FIELDS
from .keten_avg_request_objection import OBJECTION_ANONYMISED_FIELDS
from .keten_avg_request_portability import PORTABILITY_ANONYMISED_FIELDS
from .keten_melding import MELDER_FIELDS
from .keten_validation_mixin import PARAM_PREFIX
from .res_config_settings import DEFAULT_RETENTION_YEARS

_logger = logging.getLogger(__name__)

PARAM_RETENTION_YEARS = PARAM_PREFIX + "retention_years"
TRACKING_TEXT_FIELDS = (
    "old_value_char",
    "new_value_char",
    "old_value_text",
    "new_value_text",
)
DEFAULT_BATCH_SIZE = 200

# The free text of the records of a case, emptied by anonymisation (a required
# field gets a placeholder). Everything else stays: selections, dates, numbers,
# organisations and municipalities are what the figures are made of.
# tests/test_retention.py checks that every Char, Text and Html field of a model
# bound to a dossier is listed here or in RETAINED_TEXT_FIELDS.
ANONYMISED_FIELDS = {
    "keten.dossier": ("summary", "closing_note", "nazorg_note"),
    "keten.dossier.person": ("note",),
    "keten.melding": (
        *MELDER_FIELDS,
        "content",
        "location_address",
        "period_description",
        "handling_note",
        "feedback_note",
        "feedback_exception_note",
        # the web form's receipt token links the melder to the melding
        "intake_token",
    ),
    "keten.weging": ("history_note", "analysis", "afschaling_note", "factor_other"),
    "keten.bewijsmiddel": ("description",),
    "keten.casusoverleg.item": ("question", "decisions"),
    "keten.plan": (
        "goal",
        "results",
        "role_division",
        "network",
        "suspects_note",
        "next_steps",
        "monitoring_agreements",
        "regie_agreements",
    ),
    "keten.plan.action": ("name", "description", "result"),
    "keten.interventie": ("name", "result_note"),
    "keten.strafrecht": (
        "proces_verbaal",
        "verdenking",
        "opsporingsstrategie",
        "dwangmiddelen",
        "om_besluit_note",
    ),
    "keten.evaluatie": ("name", "case_description", "went_well", "to_improve"),
    # why an organisation without a valid basis was involved anyway
    "keten.basis.override": ("reason",),
    # documents of a case: title, description and the file itself go; the
    # kind, date and organisation stay
    "keten.document": ("name", "note", "file_name", "datas"),
    # what was passed on to CoMensha stays (no name in it); the note goes
    "keten.comensha.registration": ("note",),
    # records about one person (AVG): emptied with the person
    "keten.consent": (
        "purpose_note",
        "given_by_name",
        "withdrawal_note",
        "document_name",
    ),
    "keten.avg.request": (
        ANONYMISED_REQUEST_FIELDS
        + PORTABILITY_ANONYMISED_FIELDS
        + OBJECTION_ANONYMISED_FIELDS
    ),
    # old and new values of personal data: the rows are deleted with the
    # person or the melding (these fields are listed for completeness)
    "keten.rectification": ("old_value", "new_value", "reason"),
}

# Text that identifies no person and stays: numbers and computed names made of them.
RETAINED_TEXT_FIELDS = {
    # model names
    "keten.deadline": ("res_model", "target_model"),
    "keten.dossier": ("name",),
    "keten.melding": ("name",),
    "keten.weging": ("name",),
    "keten.plan": ("name",),
    "keten.strafrecht": ("name",),
    "keten.basis.override": ("source_ref", "problem"),
    # result: what an executed request did, in counts
    # and the name and fingerprint of a portability export (its file goes)
    "keten.avg.request": (
        "name",
        "result",
        "portability_hash",
        "portability_file_name",
    ),
    "keten.rectification": ("res_model", "record_ref", "field_name", "field_label"),
    # the type of the file (application/pdf)
    "keten.document": ("mimetype",),
    # the name of the region
    "keten.comensha.registration": ("region",),
}


class KetenRetention(models.AbstractModel):
    """Anonymisation after the bewaartermijn, and on request (AVG erasure).

    Entry points: ``keten.dossier._anonymise``, ``keten.melding._anonymise``
    and ``keten.person._anonymise`` (batch-capable, idempotent, run as
    superuser, return a summary of what was removed) and the daily cron
    ``keten.dossier._cron_anonymise_expired``.

    A person is anonymised with a dossier only when no other dossier or melding
    about that person is still within its bewaartermijn.
    """

    _name = "keten.retention"
    _description = "Retention and anonymisation"

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------
    @api.model
    def _retention_years(self):
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM_RETENTION_YEARS)
        try:
            years = int(value) if value else DEFAULT_RETENTION_YEARS
        except ValueError:
            years = DEFAULT_RETENTION_YEARS
        return max(years, 1)

    @api.model
    def _cutoff_date(self, today=None):
        """Closed on or before this date: past the bewaartermijn."""
        today = today or fields.Date.context_today(self)
        return today - relativedelta(years=self._retention_years())

    @api.model
    def _region_lang(self):
        """The language of the texts anonymisation leaves in the records: the
        region's (its company's language), not that of the user or cron that
        runs it. A later change makes every region a company; a record's
        region will then be its company."""
        lang = self.env.company.partner_id.lang
        if lang and self.env["res.lang"]._lang_get(lang):
            return lang
        return self.env.lang or "en_US"

    @api.model
    def _region_env(self):
        """This environment in the region's language."""
        return self.env(context=dict(self.env.context, lang=self._region_lang()))

    @api.model
    def _placeholder(self):
        return self._region_env()._("[removed]")

    @api.model
    def _default_reason(self):
        return self._region_env()._("bewaartermijn passed")

    # ------------------------------------------------------------------
    # What is due
    # ------------------------------------------------------------------
    # A restricted person (AVG art. 18, e.g. the data is needed for a legal
    # claim) keeps their dossiers and meldingen until the restriction is lifted.
    _DUE_DOSSIERS = """
        SELECT id FROM keten_dossier d
         WHERE is_closed AND date_closed <= %(cutoff)s
           AND is_anonymised IS NOT TRUE
           AND NOT EXISTS (
                SELECT 1 FROM keten_dossier_person l
                  JOIN keten_person p ON p.id = l.person_id
                 WHERE l.dossier_id = d.id AND p.is_restricted)
    """
    _DUE_MELDINGEN = """
        SELECT id FROM keten_melding m
         WHERE handled_without_dossier AND dossier_id IS NULL
           AND date_handled <= %(cutoff)s AND is_anonymised IS NOT TRUE
           AND NOT EXISTS (
                SELECT 1 FROM keten_person p
                 WHERE p.is_restricted
                   AND (p.id = m.melder_person_id
                        OR p.id IN (SELECT person_id FROM keten_melding_person_rel
                                     WHERE melding_id = m.id)
                        OR p.id IN (SELECT person_id FROM keten_melding_suspect_rel
                                     WHERE melding_id = m.id)))
    """
    # Persons all of whose dossiers and meldingen are anonymised.
    _DUE_PERSONS = """
        SELECT p.id FROM keten_person p
         WHERE p.is_anonymised IS NOT TRUE AND p.is_restricted IS NOT TRUE
           AND (EXISTS (SELECT 1 FROM keten_dossier_person l WHERE l.person_id = p.id)
                OR EXISTS (SELECT 1 FROM keten_melding_person_rel r
                            WHERE r.person_id = p.id)
                OR EXISTS (SELECT 1 FROM keten_melding_suspect_rel r
                            WHERE r.person_id = p.id)
                OR EXISTS (SELECT 1 FROM keten_melding m
                            WHERE m.melder_person_id = p.id))
           AND NOT EXISTS (
                SELECT 1 FROM keten_dossier_person l
                  JOIN keten_dossier d ON d.id = l.dossier_id
                 WHERE l.person_id = p.id AND d.is_anonymised IS NOT TRUE)
           AND NOT EXISTS (
                SELECT 1 FROM keten_melding m
                 WHERE m.is_anonymised IS NOT TRUE
                   AND (m.melder_person_id = p.id
                        OR m.id IN (SELECT melding_id FROM keten_melding_person_rel
                                     WHERE person_id = p.id)
                        OR m.id IN (SELECT melding_id FROM keten_melding_suspect_rel
                                     WHERE person_id = p.id)))
    """

    @api.model
    def _due_ids(self, query, limit=None, lock=False):
        self.env.flush_all()
        sql = query + " ORDER BY id"
        params = {"cutoff": self._cutoff_date()}
        if limit:
            sql += " LIMIT %(limit)s"
            params["limit"] = limit
        if lock:
            # Two runs at once take different rows: each skips what the other holds.
            sql += " FOR NO KEY UPDATE SKIP LOCKED"
        self.env.cr.execute(sql, params)
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _due_count(self, query):
        self.env.cr.execute(
            f"SELECT count(*) FROM ({query}) AS due", {"cutoff": self._cutoff_date()}
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _persons_without_other_case(self, persons, dossier_ids, melding_ids):
        """The persons among ``persons`` with no dossier or melding outside the given
        ones that is not anonymised yet."""
        if not persons:
            return persons
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT p.id FROM unnest(%(persons)s::int[]) AS p(id)
             WHERE NOT EXISTS (
                    SELECT 1 FROM keten_dossier_person l
                      JOIN keten_dossier d ON d.id = l.dossier_id
                     WHERE l.person_id = p.id AND d.is_anonymised IS NOT TRUE
                       AND d.id <> ALL(%(dossiers)s::int[]))
               AND NOT EXISTS (
                    SELECT 1 FROM keten_melding m
                     WHERE m.is_anonymised IS NOT TRUE
                       AND m.id <> ALL(%(meldingen)s::int[])
                       AND (m.melder_person_id = p.id
                            OR m.id IN (SELECT melding_id FROM keten_melding_person_rel
                                         WHERE person_id = p.id)
                            OR m.id IN (SELECT melding_id FROM keten_melding_suspect_rel
                                         WHERE person_id = p.id)))
            """,
            {
                "persons": persons.ids,
                "dossiers": list(dossier_ids),
                "meldingen": list(melding_ids),
            },
        )
        return persons.browse([row[0] for row in self.env.cr.fetchall()])

    # ------------------------------------------------------------------
    # Anonymisation
    # ------------------------------------------------------------------
    def _env_for_anonymisation(self):
        return self.env(
            su=True,
            context=dict(
                self.env.context,
                keten_anonymise=True,
                tracking_disable=True,
                mail_notrack=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                keten_skip_access_log=True,
                active_test=False,
            ),
        )

    @api.model
    def _clear_text(self, records):
        """Empty the free text of ``records`` (one model) in one write."""
        names = ANONYMISED_FIELDS.get(records._name, ())
        if not records or not names:
            return 0
        placeholder = self._placeholder()
        records.write(
            {
                name: placeholder if records._fields[name].required else False
                for name in names
            }
        )
        return len(records)

    @api.model
    def _purge_mail(self, records, summary):
        """Remove the chatter, files, activities and followers of ``records``."""
        if not records:
            return
        env = records.env
        domain_thread = [("model", "=", records._name), ("res_id", "in", records.ids)]
        domain_res = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        messages = env["mail.message"].search(domain_thread)
        summary["messages"] += len(messages)
        messages.unlink()
        attachments = env["ir.attachment"].search(domain_res)
        summary["attachments"] += len(attachments)
        attachments.unlink()
        activities = env["mail.activity"].search(domain_res)
        summary["activities"] += len(activities)
        activities.unlink()
        followers = env["mail.followers"].search(domain_res)
        summary["followers"] += len(followers)
        followers.unlink()

    @api.model
    def _close_termijnen(self, dossiers, meldingen):
        """Open termijnen of an anonymised case end (their activities went with
        the chatter); met ones stay for the throughput figures."""
        env = self._env_for_anonymisation()
        open_termijnen = env["keten.deadline"].search(
            [
                ("state", "=", "open"),
                "|",
                ("dossier_id", "in", dossiers.ids),
                ("melding_id", "in", meldingen.ids),
            ]
        )
        if open_termijnen:
            open_termijnen.write(
                {
                    "state": "cancelled",
                    "date_done": fields.Date.context_today(self),
                    "close_reason": "anonymised",
                    "activity_id": False,
                }
            )
            dossiers.filtered("termijn_overdue").write({"termijn_overdue": False})
        return len(open_termijnen)

    @api.model
    def _post_note(self, records, reason):
        body = self._region_env()._(
            "Anonymised: %(reason)s. Names, free text, messages and files were "
            "removed; the figures were kept.",
            reason=reason,
        )
        for record in records:
            record.message_post(body=body, subtype_xmlid="mail.mt_note")

    @api.model
    def _anonymise_persons(self, persons, reason, summary=None):
        summary = Counter() if summary is None else summary
        env = self._env_for_anonymisation()
        persons = (
            env["keten.person"]
            .browse(persons.ids)
            .filtered(lambda p: not p.is_anonymised)
        )
        if not persons:
            return summary
        vals = dict.fromkeys(persons._anonymised_fields, False)
        vals.update(is_anonymised=True, anonymised_date=fields.Datetime.now())
        persons.write(vals)
        summary["persons"] += len(persons)
        self._purge_mail(persons, summary)
        self._anonymise_person_records(persons, summary)
        summary["access_log"] += env["keten.access.log"]._purge(
            "person_res_id = ANY(%s) OR (res_model = 'keten.person' AND res_id = ANY(%s))",
            [persons.ids, persons.ids],
        )
        self._post_note(persons, reason)
        return summary

    @api.model
    def _anonymise_person_records(self, persons, summary):
        """What is recorded about these persons besides their record: the changes
        of their data (old values) go, their consents and AVG requests keep only
        what identifies nobody (purpose, dates, state, who handled them)."""
        env = persons.env
        rectifications = env["keten.rectification"].search(
            [("person_id", "in", persons.ids)]
        )
        summary["rectifications"] += len(rectifications)
        rectifications.unlink()
        consents = env["keten.consent"].search([("person_id", "in", persons.ids)])
        summary["records"] += self._clear_text(consents)
        consents.filtered("document").write({"document": False})
        self._purge_mail(consents, summary)
        documents = env["keten.document"].search(
            [("person_id", "in", persons.ids), ("is_anonymised", "=", False)]
        )
        summary["records"] += self._clear_text(documents)
        if documents:
            documents.write(
                {"is_anonymised": True, "anonymised_date": fields.Datetime.now()}
            )
        requests = env["keten.avg.request"].search([("person_id", "in", persons.ids)])
        summary["records"] += self._clear_text(requests)
        if requests:
            requests.write({"is_anonymised": True})

    @api.model
    def _case_records(self, dossiers, meldingen):
        """Every record of these dossiers and meldingen that holds free text,
        one recordset per model."""
        wegingen = dossiers.weging_ids
        plans = dossiers.plan_ids
        env = dossiers.env
        overrides = env["keten.basis.override"].search(
            [("dossier_id", "in", dossiers.ids)]
        )
        documents = env["keten.document"].search([("dossier_id", "in", dossiers.ids)])
        registrations = env["keten.comensha.registration"].search(
            [("dossier_id", "in", dossiers.ids)]
        )
        return [
            dossiers,
            dossiers.person_link_ids,
            meldingen,
            wegingen,
            wegingen.bewijsmiddel_ids,
            dossiers.agenda_item_ids,
            plans,
            plans.action_ids,
            dossiers.interventie_ids,
            dossiers.strafrecht_ids,
            dossiers.evaluatie_ids,
            overrides,
            documents,
            registrations,
        ]

    @api.model
    def _erase_person(self, person, reason):
        """AVG erasure of one person: their name, BSN, contact details and birth
        date are removed from the free text and the messages of every dossier
        and melding they are in (other persons' data stays), their melder
        details go, and then they are anonymised as the retention job does."""
        env = self._env_for_anonymisation()
        person = env["keten.person"].browse(person.ids)
        summary = Counter()
        if person.is_anonymised:
            return summary
        dossiers = person.dossier_link_ids.dossier_id
        meldingen = (
            person.melding_ids | person.melder_melding_ids | person.suspect_melding_ids
        )
        dossiers |= meldingen.dossier_id
        # the documents about them go, with their files
        documents = env["keten.document"].search([("person_id", "=", person.id)])
        summary["documents"] += len(documents)
        documents.unlink()
        summary["documents_to_review"] += env["keten.document"].search_count(
            [
                ("dossier_id", "in", dossiers.ids),
                ("person_id", "=", False),
                ("is_anonymised", "=", False),
            ]
        )
        compiled = compile_masks([(person_strings(person), self._placeholder())])
        for records in self._case_records(dossiers, meldingen):
            summary["scrubbed"] += self._scrub_text(records, compiled)
            summary["scrubbed"] += self._scrub_messages(records, compiled)
        as_melder = person.melder_melding_ids
        if as_melder:
            as_melder.write(
                {
                    "melder_person_id": False,
                    "melder_name": False,
                    "melder_phone": False,
                    "melder_email": False,
                }
            )
        self._anonymise_persons(person, reason, summary)
        return summary

    @api.model
    def _scrub_text(self, records, compiled):
        """Replace the compiled strings in the free text of ``records``."""
        names = ANONYMISED_FIELDS.get(records._name, ())
        changed = 0
        for record in records:
            vals = {}
            for name in names:
                value = record[name]
                if isinstance(value, str):
                    masked = mask_text(value, compiled)
                    if masked != value:
                        vals[name] = masked
            if vals:
                record.write(vals)
                changed += 1
        return changed

    @api.model
    def _scrub_messages(self, records, compiled):
        if not records:
            return 0
        messages = records.env["mail.message"].search(
            [("model", "=", records._name), ("res_id", "in", records.ids)]
        )
        changed = 0
        for message in messages:
            body = mask_html(message.body, compiled)
            if body != message.body:
                message.body = body
                changed += 1
            tracking = message.sudo().tracking_value_ids
            for value in tracking:
                vals = {
                    name: mask_text(value[name], compiled)
                    for name in TRACKING_TEXT_FIELDS
                    if value[name]
                }
                vals = {k: v for k, v in vals.items() if v != value[k]}
                if vals:
                    value.write(vals)
                    changed += 1
        return changed

    @api.model
    def _anonymise(self, dossiers=None, meldingen=None, reason=None):
        """Anonymise ``dossiers`` with everything recorded on them, and ``meldingen``
        (without a dossier); persons follow when nothing else keeps them."""
        env = self._env_for_anonymisation()
        summary = Counter()
        reason = reason or self._default_reason()
        dossiers = env["keten.dossier"].browse(dossiers.ids if dossiers else [])
        dossiers = dossiers.filtered(lambda d: not d.is_anonymised)
        meldingen = env["keten.melding"].browse(meldingen.ids if meldingen else [])
        meldingen = (meldingen | dossiers.melding_ids).filtered(
            lambda m: not m.is_anonymised
        )
        if not dossiers and not meldingen:
            return summary
        persons = (
            dossiers.person_link_ids.person_id
            | meldingen.person_ids
            | meldingen.suspect_ids
            | meldingen.melder_person_id
        )
        free = self._persons_without_other_case(persons, dossiers.ids, meldingen.ids)
        summary["persons_kept"] += len(
            (persons - free).filtered(lambda p: not p.is_anonymised)
        )

        records = self._case_records(dossiers, meldingen)
        rectifications = env["keten.rectification"].search(
            [("melding_id", "in", meldingen.ids)]
        )
        summary["rectifications"] += len(rectifications)
        rectifications.unlink()
        for batch in records:
            summary["records"] += self._clear_text(batch)
            if batch and "is_anonymised" in batch._fields:
                batch.write(
                    {"is_anonymised": True, "anonymised_date": fields.Datetime.now()}
                )
            self._purge_mail(batch, summary)
        summary["dossiers"] += len(dossiers)
        summary["meldingen"] += len(meldingen)
        summary["termijnen"] += self._close_termijnen(dossiers, meldingen)
        if dossiers:
            summary["access_log"] += env["keten.access.log"]._purge(
                "dossier_res_id = ANY(%s) OR "
                "(res_model = 'keten.dossier' AND res_id = ANY(%s))",
                [dossiers.ids, dossiers.ids],
            )
        self._anonymise_persons(free, reason, summary)
        self._post_note(dossiers, reason)
        self._post_note(meldingen.filtered(lambda m: not m.dossier_id), reason)
        _logger.info(
            "Anonymised %s dossier(s), %s melding(en), %s person(s): %s",
            summary["dossiers"],
            summary["meldingen"],
            summary["persons"],
            reason,
        )
        return summary

    @api.model
    def _preview(self, limit=1000):
        """What the next run will do: due dossiers and meldingen, and per person
        whether it is anonymised or kept (with the dossiers that keep it)."""
        env = self._env_for_anonymisation()
        dossier_ids = self._due_ids(self._DUE_DOSSIERS)
        melding_ids = self._due_ids(self._DUE_MELDINGEN)
        dossiers = env["keten.dossier"].browse(dossier_ids)
        meldingen = env["keten.melding"].browse(melding_ids) | dossiers.melding_ids
        persons = (
            dossiers.person_link_ids.person_id
            | meldingen.person_ids
            | meldingen.suspect_ids
            | meldingen.melder_person_id
        ).filtered(lambda p: not p.is_anonymised)
        free = self._persons_without_other_case(persons, dossiers.ids, meldingen.ids)
        free |= env["keten.person"].browse(self._due_ids(self._DUE_PERSONS))
        kept = persons - free
        keeping = {}
        if kept:
            self.env.cr.execute(
                """
                SELECT l.person_id, array_agg(DISTINCT d.name ORDER BY d.name)
                  FROM keten_dossier_person l
                  JOIN keten_dossier d ON d.id = l.dossier_id
                 WHERE l.person_id = ANY(%s) AND d.is_anonymised IS NOT TRUE
                   AND d.id <> ALL(%s)
                 GROUP BY l.person_id
                """,
                [kept.ids, dossiers.ids],
            )
            keeping = dict(self.env.cr.fetchall())
        return {
            "retention_years": self._retention_years(),
            "cutoff_date": self._cutoff_date(),
            "dossiers": dossiers[:limit],
            "dossier_count": len(dossiers),
            "meldingen": env["keten.melding"].browse(melding_ids)[:limit],
            "melding_count": len(melding_ids),
            "persons": free[:limit],
            "person_count": len(free),
            "kept": kept[:limit],
            "kept_count": len(kept),
            "keeping": keeping,
        }

    # ------------------------------------------------------------------
    # The run
    # ------------------------------------------------------------------
    @api.model
    def _run_batch(self, batch_size=DEFAULT_BATCH_SIZE, reason=None):
        """One unit of work: up to ``batch_size`` dossiers, then meldingen, then
        persons left over. Rows are claimed with SKIP LOCKED, so two runs at once
        share the work instead of doing it twice."""
        env = self._env_for_anonymisation()
        reason = reason or self._default_reason()
        summary = Counter()
        dossier_ids = self._due_ids(self._DUE_DOSSIERS, batch_size, lock=True)
        room = batch_size - len(dossier_ids)
        melding_ids = (
            self._due_ids(self._DUE_MELDINGEN, room, lock=True) if room > 0 else []
        )
        if dossier_ids or melding_ids:
            summary.update(
                self._anonymise(
                    env["keten.dossier"].browse(dossier_ids),
                    env["keten.melding"].browse(melding_ids),
                    reason,
                )
            )
        room -= len(melding_ids)
        if room > 0:
            person_ids = self._due_ids(self._DUE_PERSONS, room, lock=True)
            self._anonymise_persons(
                env["keten.person"].browse(person_ids), reason, summary
            )
        # units of work, as counted by _remaining()
        summary["done"] = len(dossier_ids) + len(melding_ids) + summary["persons"]
        return summary

    @api.model
    def _remaining(self):
        return (
            self._due_count(self._DUE_DOSSIERS)
            + self._due_count(self._DUE_MELDINGEN)
            + self._due_count(self._DUE_PERSONS)
        )

    @api.model
    def _anonymise_closed_requests(self):
        """AVG requests closed before the bewaartermijn's cutoff keep their
        number, type, dates and outcome; who asked and about whom goes."""
        env = self._env_for_anonymisation()
        cutoff = fields.Datetime.to_datetime(self._cutoff_date())
        requests = env["keten.avg.request"].search(
            [
                ("is_anonymised", "=", False),
                ("state", "in", ("done", "refused", "lifted")),
                ("date_done", "<", cutoff),
            ],
            limit=DEFAULT_BATCH_SIZE,
        )
        self._clear_text(requests)
        if requests:
            requests.write({"is_anonymised": True})
        return len(requests)

    @api.model
    def _cron_run(self, batch_size=DEFAULT_BATCH_SIZE):
        self._anonymise_closed_requests()
        summary = self._run_batch(batch_size)
        remaining = self._remaining()
        self.env["ir.cron"]._notify_progress(done=summary["done"], remaining=remaining)
        return summary

    @api.model
    def _run_all(self, batch_size=DEFAULT_BATCH_SIZE, reason=None):
        """Everything that is due, batch after batch (the preview's button)."""
        total = Counter()
        while self._anonymise_closed_requests():
            pass
        while True:
            summary = self._run_batch(batch_size, reason)
            total.update(summary)
            if not summary["done"]:
                return total
