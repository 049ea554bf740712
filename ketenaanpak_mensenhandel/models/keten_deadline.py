"""Termijnbewaking: one deadline per termijn and subject, kept in step with the
records of the case, scheduled as an activity, escalated by a daily cron."""

import dataclasses
import logging
from datetime import date, datetime

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .keten_termijn import TERMIJN_CODES

_logger = logging.getLogger(__name__)

DEADLINE_STATES = [
    ("open", "Open"),
    ("done", "Met"),
    ("exempt", "Exception recorded"),
    ("cancelled", "Lapsed"),
]

CLOSE_REASONS = [
    ("weging", "1e weging confirmed"),
    ("without_dossier", "Handled without a dossier"),
    ("joined", "Added to a dossier that had its 1e weging"),
    ("feedback", "Terugkoppeling given"),
    ("feedback_strafrechtelijk", "A criminal investigation forbids the terugkoppeling"),
    ("feedback_veiligheid", "Safety forbids the terugkoppeling"),
    ("discussed", "Discussed in the casusoverleg"),
    ("moved", "On the agenda of a later casusoverleg"),
    ("off_agenda", "Taken off the agenda"),
    ("plan", "Plan van aanpak adopted"),
    ("review", "Review recorded"),
    ("nazorg", "Nazorg check done"),
    ("evaluatie", "Casus evaluatie held"),
    ("closed", "Dossier closed"),
    ("archived", "Archived or anonymised"),
    ("anonymised", "Anonymised after the bewaartermijn (never met)"),
    ("not_applicable", "No longer applies"),
]

P = "ketenaanpak_mensenhandel."
DEFAULT_BATCH_SIZE = 2000
# Dossier numbers named in one escalation message; the rest is counted.
MAX_REFS_IN_MESSAGE = 30


@dataclasses.dataclass
class Outcome:
    """What the data of a subject says about its termijn right now."""

    state: str  # open, done, exempt or cancelled
    date_start: date = None
    date_deadline: date = None
    date_done: date = None
    target: models.BaseModel = None  # the record the activity lives on
    candidates: models.BaseModel = None  # responsible users, in order of preference
    dossier: models.BaseModel = None
    reason: str = "not_applicable"


class KetenDeadline(models.Model):
    """A termijn of one subject (a melding, an agenda item, a dossier, an
    interventie): when it started, when it is due, whether it was met.

    Deadlines are made and closed by the records of the case, never by hand
    (``_sync_deadlines``): at most one is open per termijn and subject (a unique
    index), its activity goes to the responsible person, and the event that
    meets the termijn marks that activity done.
    """

    _name = "keten.deadline"
    _description = "Termijn of a case"
    _inherit = ["keten.system.record.mixin", "keten.validation.mixin"]
    _order = "date_deadline, id"
    _rec_name = "name"

    name = fields.Char(compute="_compute_name", store=True)
    termijn_id = fields.Many2one(
        "keten.termijn", required=True, ondelete="restrict", index=True
    )
    termijn_code = fields.Selection(related="termijn_id.code", store=True, index=True)
    state = fields.Selection(
        DEADLINE_STATES, required=True, default="open", index=True, readonly=True
    )
    date_start = fields.Date(
        string="Started",
        required=True,
        readonly=True,
        help="The day of the event that started the termijn.",
    )
    date_deadline = fields.Date(string="Deadline", required=True, readonly=True)
    date_done = fields.Date(string="Met on", readonly=True)
    is_late = fields.Boolean(
        compute="_compute_is_late",
        store=True,
        help="Met after the deadline, or still open past it.",
    )
    overdue_since = fields.Date(
        readonly=True,
        help="Set by the daily termijnbewaking when the deadline passed while open.",
    )
    overdue_notified = fields.Boolean(readonly=True)
    res_model = fields.Char(string="Subject model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Subject", model_field="res_model", required=True, readonly=True
    )
    target_model = fields.Char(readonly=True)
    target_id = fields.Many2oneReference(model_field="target_model", readonly=True)
    dossier_id = fields.Many2one(
        "keten.dossier", ondelete="cascade", index=True, readonly=True
    )
    melding_id = fields.Many2one(
        "keten.melding", ondelete="cascade", index="btree_not_null", readonly=True
    )
    interventie_id = fields.Many2one(
        "keten.interventie", ondelete="cascade", index="btree_not_null", readonly=True
    )
    item_id = fields.Many2one(
        "keten.casusoverleg.item",
        string="Agenda item",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
    )
    responsible_id = fields.Many2one(
        "res.users",
        readonly=True,
        help="Who the termijn is scheduled for: the responsible person, or the "
        "regie of the responsible organisation.",
    )
    activity_id = fields.Many2one("mail.activity", ondelete="set null", readonly=True)
    activity_user_id = fields.Many2one(
        related="activity_id.user_id", string="Activity for"
    )
    close_reason = fields.Selection(
        CLOSE_REASONS,
        string="Closed because",
        readonly=True,
        help="Why the termijn was closed this way.",
    )
    days_left = fields.Integer(compute="_compute_days_left")

    @api.depends("termijn_id.name", "res_model", "res_id")
    def _compute_name(self):
        for deadline in self:
            subject = deadline._subject()
            reference = self._subject_reference(subject.sudo()) if subject else ""
            deadline.name = f"{deadline.termijn_id.name or ''} {reference}".strip()

    @api.model
    def _subject_reference(self, subject):
        """Numbers only: an activity, a list or a message names no person and
        no free text."""
        if subject._name in ("keten.dossier", "keten.melding"):
            return subject.name or ""
        if subject._name == "keten.casusoverleg.item":
            return f"{subject.dossier_id.name or ''} / {subject.overleg_id.name or ''}"
        return subject.dossier_id.name or ""

    @api.depends("state", "date_deadline", "date_done", "overdue_since")
    def _compute_is_late(self):
        for deadline in self:
            if deadline.state == "done":
                deadline.is_late = bool(
                    deadline.date_done and deadline.date_done > deadline.date_deadline
                )
            else:
                deadline.is_late = deadline.state == "open" and bool(
                    deadline.overdue_since
                )

    def _compute_days_left(self):
        today = self.env["keten.termijn"]._today()
        for deadline in self:
            deadline.days_left = (
                (deadline.date_deadline - today).days
                if deadline.state == "open" and deadline.date_deadline
                else 0
            )

    def init(self):
        # Never two open deadlines of one termijn for one subject.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS keten_deadline_open_uniq
                ON keten_deadline (termijn_id, res_model, res_id)
             WHERE state = 'open'
            """
        )
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS keten_deadline_open_due_idx
                ON keten_deadline (date_deadline) WHERE state = 'open'
            """
        )

    # ------------------------------------------------------------------
    # CRUD: the records of the case make deadlines, users do not
    # ------------------------------------------------------------------
    def _system_write_message(self):
        return self.env._(
            "Termijnen follow the records of the case: record the event "
            "(a weging, a terugkoppeling, a plan ...) instead of changing the "
            "termijn."
        )

    def _subject(self):
        self.ensure_one()
        if not self.res_model or not self.res_id or self.res_model not in self.env:
            return None
        return self.env[self.res_model].browse(self.res_id)

    def action_open_subject(self):
        self.ensure_one()
        record = self.env[self.target_model or self.res_model].browse(
            self.target_id or self.res_id
        )
        if record._name == "keten.casusoverleg.item":
            record = record.dossier_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Keeping deadlines in step with the case
    # ------------------------------------------------------------------
    @api.model
    def _sync_for_records(self, records, codes=None):
        """Bring the deadlines of everything ``records`` (any keten model) bears on
        in step with the data: call after a write that may change a termijn.
        ``codes`` limits it to those termijnen."""
        if not records or self.env.context.get("keten_no_deadlines"):
            return
        records = records.sudo().with_context(active_test=False).exists()
        if not records:
            return
        subjects = {code: None for code, _label in TERMIJN_CODES}
        for code, subject in self._subjects_of(records):
            if not subject or (codes and code not in codes):
                continue
            subjects[code] = (
                subject if subjects[code] is None else subjects[code] | subject
            )
        todo = [(code, subs) for code, subs in subjects.items() if subs]
        if not todo:
            return
        termijnen = {
            t.code: t
            for t in self.env["keten.termijn"]
            .sudo()
            .with_context(active_test=False)
            .search([("code", "in", [code for code, _subs in todo])])
        }
        calendar = self.env["keten.termijn"]._working_calendar()
        for code, subs in todo:
            if code in termijnen:
                self.sudo()._sync_deadlines(termijnen[code], subs, calendar)

    @api.model
    def _subjects_of(self, records):
        """(termijn code, subjects) that a change of ``records`` bears on."""
        name = records._name
        if name == "keten.melding":
            return [("eerste_weging", records), ("terugkoppeling", records)]
        if name == "keten.dossier":
            meldingen = records.melding_ids
            return [
                ("eerste_weging", meldingen),
                ("terugkoppeling", meldingen),
                ("bespreking", records.agenda_item_ids),
                ("plan", records),
                ("interventie_review", records.interventie_ids),
                ("nazorg_check", records),
                ("evaluatie", records),
            ]
        if name == "keten.weging":
            dossiers = records.dossier_id
            return [
                ("eerste_weging", dossiers.melding_ids),
                ("terugkoppeling", dossiers.melding_ids),
                ("plan", dossiers),
            ]
        if name == "keten.casusoverleg":
            return self._subjects_of(records.item_ids)
        if name == "keten.casusoverleg.item":
            # an item moved to another overleg ends the termijn of the earlier one
            return [
                ("bespreking", records.dossier_id.agenda_item_ids | records),
                ("plan", records.dossier_id),
            ]
        if name == "keten.plan":
            return [("plan", records.dossier_id)]
        if name == "keten.interventie":
            return [("interventie_review", records)]
        if name == "keten.evaluatie":
            dossiers = records.dossier_id
            return [("evaluatie", dossiers)]
        return []

    @api.model
    def _open_cases(self):
        """The open dossiers and the meldingen waiting without a dossier."""
        env = self.sudo().env
        return (
            env["keten.dossier"].search([("is_closed", "=", False)]),
            env["keten.melding"].search(
                [
                    ("dossier_id", "=", False),
                    ("handled_without_dossier", "=", False),
                    ("is_anonymised", "=", False),
                ]
            ),
        )

    @api.model
    def _start_open_cases(self, batch_size=500, after_batch=None):
        """Start the termijnen of every open case from what it holds now (its
        meldingen, agenda items, interventies). What was met before gets no
        termijn. For the upgrade that brings the termijnen, and for data loaded
        without them (``keten_no_deadlines``); ``after_batch()`` runs after each
        batch. Returns the number of open termijnen."""
        Deadline = self.sudo().with_context(keten_no_deadlines=False)
        dossiers, waiting = Deadline._open_cases()
        for records in (dossiers, waiting):
            for start in range(0, len(records), batch_size):
                Deadline._sync_for_records(records[start : start + batch_size])
                if after_batch:
                    after_batch()
                self.env.invalidate_all()
        count = Deadline.search_count([("state", "=", "open")])
        _logger.info(
            "Termijnen started for %s open dossier(s) and %s waiting melding(en): "
            "%s open",
            len(dossiers),
            len(waiting),
            count,
        )
        return count

    @api.model
    def _resync(self, deadlines):
        """Recompute ``deadlines`` from their subjects (after a termijn changed)."""
        subjects = self.env["keten.termijn"]
        calendar = subjects._working_calendar()
        for (termijn, model), group in deadlines.grouped(
            lambda d: (d.termijn_id, d.res_model)
        ).items():
            records = self.env[model].sudo().browse(group.mapped("res_id")).exists()
            self.sudo()._sync_deadlines(termijn, records, calendar)

    @api.model
    def _sync_deadlines(self, termijn, subjects, calendar):
        """Make the deadlines of ``termijn`` for ``subjects`` say what the data says."""
        outcomes = getattr(self, f"_outcome_{termijn.code}")(
            termijn, subjects, calendar
        )
        existing = self.search(
            [
                ("termijn_id", "=", termijn.id),
                ("res_model", "=", subjects._name),
                ("res_id", "in", subjects.ids),
                ("state", "=", "open"),
            ]
        )
        open_by_subject = {deadline.res_id: deadline for deadline in existing}
        today = self.env["keten.termijn"]._today(calendar.tz)
        to_create = []
        changed = self.browse()
        for subject in subjects:
            outcome = outcomes.get(subject.id)
            deadline = open_by_subject.get(subject.id)
            if outcome is None:
                if deadline:
                    deadline._close_deadlines("cancelled", today, "not_applicable")
                    changed |= deadline
                continue
            if outcome.state != "open":
                if deadline:
                    deadline._close_deadlines(
                        outcome.state, outcome.date_done or today, outcome.reason
                    )
                    changed |= deadline
                continue
            vals = self._open_values(termijn, subject, outcome)
            if deadline:
                update = {
                    name: value
                    for name, value in vals.items()
                    if name not in ("termijn_id", "res_model", "res_id")
                    and deadline._value_for_compare(name) != value
                }
                if deadline.overdue_since and outcome.date_deadline >= today:
                    # moved past today: overdue again only when that day passes
                    update.update(overdue_since=False, overdue_notified=False)
                if update:
                    deadline.write(update)
                    changed |= deadline
                deadline._sync_activity(outcome)
            elif termijn.active:
                to_create.append((vals, outcome))
        if to_create:
            created = self.create([vals for vals, _outcome in to_create])
            for deadline, (_vals, outcome) in zip(created, to_create, strict=True):
                deadline._sync_activity(outcome)
            changed |= created
        self._update_dossier_flags(changed.dossier_id, today)

    def _value_for_compare(self, name):
        value = self[name]
        return value.id if isinstance(value, models.BaseModel) else value

    @api.model
    def _open_values(self, termijn, subject, outcome):
        dossier = outcome.dossier or self.env["keten.dossier"]
        target = outcome.target or subject
        return {
            "termijn_id": termijn.id,
            "res_model": subject._name,
            "res_id": subject.id,
            "date_start": outcome.date_start,
            "date_deadline": outcome.date_deadline,
            "target_model": target._name,
            "target_id": target.id,
            "dossier_id": dossier.id,
            "melding_id": subject.id if subject._name == "keten.melding" else False,
            "interventie_id": subject.id
            if subject._name == "keten.interventie"
            else False,
            "item_id": subject.id
            if subject._name == "keten.casusoverleg.item"
            else False,
        }

    def _close_deadlines(self, state, date_done, reason="not_applicable"):
        """Close these open deadlines: done, exempt or cancelled, and why; the
        activity is marked done (met) or removed (otherwise)."""
        self.write({"state": state, "date_done": date_done, "close_reason": reason})
        labels = dict(self._fields["close_reason"]._description_selection(self.env))
        for deadline in self.filtered("activity_id"):
            activity = deadline.activity_id.sudo()
            if not activity.active:
                continue
            if state == "done":
                activity.with_context(keten_termijn_event=True)._action_done(
                    feedback=labels.get(reason) or False
                )
            else:
                activity.with_context(keten_termijn_event=True).unlink()

    def _sync_activity(self, outcome):
        """The open deadline's activity: for the responsible person, on the
        target, due on the deadline. Made once; moved when its basis changes.
        An activity a user handed to a colleague stays with that colleague until
        the responsible person itself changes."""
        self.ensure_one()
        target = self.env[self.target_model].browse(self.target_id)
        activity = self.activity_id.sudo()
        if activity and not activity.active:
            activity = activity.browse()
        responsible = self._pick_responsible(target, outcome.candidates)
        reassign = responsible != self.responsible_id
        if reassign:
            self.responsible_id = responsible
        if activity and (
            activity.res_model != target._name or activity.res_id != target.id
        ):
            activity.with_context(keten_termijn_event=True).unlink()
            activity = activity.browse()
        if not activity:
            if responsible:
                self.activity_id = (
                    self.env["mail.activity"]
                    .sudo()
                    .with_context(mail_activity_quick_update=True)
                    .create(self._activity_values(target, responsible))
                )
            return
        update = {}
        if activity.date_deadline != self.date_deadline:
            update["date_deadline"] = self.date_deadline
        if reassign and responsible:
            update["user_id"] = responsible.id
        if update:
            activity.with_context(
                keten_termijn_event=True, mail_activity_quick_update=True
            ).write(update)

    def _activity_values(self, target, user):
        termijn = self.termijn_id
        return {
            "res_model_id": self.env["ir.model"]._get_id(target._name),
            "res_id": target.id,
            "activity_type_id": termijn.activity_type_id.id,
            "user_id": user.id,
            "date_deadline": self.date_deadline,
            "summary": termijn.name,
            "note": Markup("<p>%s</p>") % (termijn.end_event or termijn.name),
            "automated": True,
        }

    @api.model
    def _pick_responsible(self, target, candidates):
        """The first candidate who is an active chain partner and may read the
        record the activity lives on (an activity shows its record's name)."""
        seen = set()
        for user in candidates or ():
            if not user or user.id in seen:
                continue
            seen.add(user.id)
            if (
                user.active
                and not user.share
                and user.has_group(P + "group_ketenpartner")
                and target.with_user(user).has_access("read")
            ):
                return user
        return self.env["res.users"]

    @api.model
    def _update_dossier_flags(self, dossiers, today):
        """``termijn_overdue`` of ``dossiers``: an open deadline past its day."""
        dossiers = dossiers.exists()
        if not dossiers:
            return
        self.env.flush_all()
        self.env.cr.execute(
            """
            UPDATE keten_dossier d
               SET termijn_overdue = EXISTS (
                       SELECT 1 FROM keten_deadline k
                        WHERE k.dossier_id = d.id AND k.state = 'open'
                          AND k.date_deadline < %(today)s)
             WHERE d.id = ANY(%(ids)s)
            """,
            {"today": today, "ids": dossiers.ids},
        )
        dossiers.invalidate_recordset(["termijn_overdue"])

    # ------------------------------------------------------------------
    # Responsible users
    # ------------------------------------------------------------------
    @api.model
    def _regie_users(self, organisations):
        """The regie of organisations: vaste vertegenwoordiger, plaatsvervanger,
        then their Ketenregie users."""
        users = self.env["res.users"]
        for organisation in organisations.sudo():
            users |= organisation.contact_user_id | organisation.deputy_user_id
            users |= organisation.user_ids.filtered(
                lambda u: u.has_group(P + "group_ketenregie")
            ).sorted("id")
        return users

    @api.model
    def _flagged_organisation(self, flag):
        return (
            self.env["keten.organisation"].sudo().search([(flag, "=", True)], limit=1)
        )

    # ------------------------------------------------------------------
    # The termijnen: what the data says, per subject
    # ------------------------------------------------------------------
    def _local(self, value, calendar):
        if isinstance(value, datetime):
            zone = pytz.timezone(calendar.tz)
            return pytz.utc.localize(value).astimezone(zone).date()
        return value

    @api.model
    def _confirmed_first_wegingen(self, dossier):
        return dossier.weging_ids.filtered(
            lambda w: w.weging_type == "eerste" and w.state == "vastgesteld"
        )

    @api.model
    def _melding_gone(self, melding):
        """An archived or anonymised melding has no termijn to keep."""
        if melding.is_anonymised or not melding.active:
            return Outcome("cancelled", reason="archived")
        return None

    def _outcome_eerste_weging(self, termijn, meldingen, calendar):
        _ = self.env._
        meldpunt = self._flagged_organisation("is_meldpunt")
        result = {}
        for melding in meldingen:
            dossier = melding.dossier_id
            start = self._local(melding.date_received, calendar)
            gone = self._melding_gone(melding)
            if gone:
                result[melding.id] = gone
                continue
            if melding.handled_without_dossier:
                result[melding.id] = Outcome(
                    "done",
                    date_done=melding.date_handled,
                    reason="without_dossier",
                )
                continue
            if dossier:
                firsts = self._confirmed_first_wegingen(dossier)
                if not dossier.active:
                    result[melding.id] = None
                    continue
                if firsts:
                    mine = firsts.filtered(
                        lambda w, m=melding, s=start: (
                            w.melding_id == m or self._local(w.date, calendar) >= s
                        )
                    )
                    if mine:
                        result[melding.id] = Outcome(
                            "done",
                            date_done=min(self._local(w.date, calendar) for w in mine),
                            reason="weging",
                        )
                    else:
                        result[melding.id] = Outcome(
                            "cancelled",
                            reason="joined",
                        )
                    continue
                if dossier.is_closed:
                    result[melding.id] = Outcome("cancelled", reason="closed")
                    continue
            acuut = melding.acuut_volgens_melder or dossier.urgency == "2"
            result[melding.id] = Outcome(
                "open",
                date_start=start,
                date_deadline=termijn._deadline_for(calendar, start, acuut),
                target=dossier or melding,
                dossier=dossier,
                candidates=dossier.regie_user_id
                | self._regie_users(dossier.meldpunt_organisation_id or meldpunt)
                | self._regie_users(dossier.regie_organisation_id)
                | self._regie_users(melding.organisation_id),
            )
        return result

    def _outcome_terugkoppeling(self, termijn, meldingen, calendar):
        _ = self.env._
        meldpunt = self._flagged_organisation("is_meldpunt")
        result = {}
        for melding in meldingen:
            dossier = melding.dossier_id
            gone = self._melding_gone(melding)
            if gone:
                result[melding.id] = gone
                continue
            if melding.melder_anonymous:
                result[melding.id] = None
                continue
            if melding.feedback_state == "gegeven":
                result[melding.id] = Outcome(
                    "done",
                    date_done=melding.feedback_date,
                    reason="feedback",
                )
                continue
            if melding.feedback_state == "niet_toegestaan":
                result[melding.id] = Outcome(
                    "exempt",
                    date_done=melding.feedback_date,
                    reason=f"feedback_{melding.feedback_exception}",
                )
                continue
            firsts = self._confirmed_first_wegingen(dossier) if dossier else None
            if not firsts:
                result[melding.id] = None
                continue
            qualified = min(self._local(w.date, calendar) for w in firsts)
            start = max(qualified, self._local(melding.date_received, calendar))
            receiving = melding.organisation_id
            result[melding.id] = Outcome(
                "open",
                date_start=start,
                date_deadline=termijn._deadline_for(calendar, start),
                target=melding,
                dossier=dossier,
                candidates=(
                    self._regie_users(receiving)
                    if receiving.membership != "secundair"
                    else self.env["res.users"]
                )
                | dossier.regie_user_id
                | self._regie_users(dossier.meldpunt_organisation_id or meldpunt),
            )
        return result

    def _outcome_bespreking(self, termijn, items, calendar):
        _ = self.env._
        procesregie = self._flagged_organisation("is_procesregie")
        result = {}
        for item in items:
            dossier = item.dossier_id
            overleg = item.overleg_id
            if not dossier.active:
                result[item.id] = None
                continue
            if item.state == "besproken":
                result[item.id] = Outcome(
                    "done",
                    date_done=self._local(overleg.date_start, calendar),
                    reason="discussed",
                )
                continue
            if dossier.is_closed:
                result[item.id] = Outcome("cancelled", reason="closed")
                continue
            later = dossier.agenda_item_ids.filtered(
                lambda i, item=item: (
                    i.id > item.id and i.overleg_id.state != "geannuleerd"
                )
            )
            if later and (item.state == "uitgesteld" or overleg.state == "geannuleerd"):
                result[item.id] = Outcome(
                    "cancelled",
                    reason="moved",
                )
                continue
            # on the agenda since it was added; an overleg recorded afterwards
            # counts from its own day
            start = min(
                self._local(item.create_date or fields.Datetime.now(), calendar),
                self._local(overleg.date_start, calendar),
            )
            result[item.id] = Outcome(
                "open",
                date_start=start,
                date_deadline=item.deadline or termijn._deadline_for(calendar, start),
                target=dossier,
                dossier=dossier,
                candidates=overleg.chair_user_id
                | self._regie_users(overleg.procesregie_organisation_id or procesregie)
                | dossier.regie_user_id,
            )
        return result

    def _outcome_plan(self, termijn, dossiers, calendar):
        _ = self.env._
        procesregie = self._flagged_organisation("is_procesregie")
        result = {}
        for dossier in dossiers:
            if not dossier.active:
                result[dossier.id] = None
                continue
            discussed = dossier.agenda_item_ids.filtered(
                lambda i: i.state == "besproken"
            )
            if not discussed:
                result[dossier.id] = None
                continue
            adopted = dossier.plan_ids.filtered(
                lambda p: p.state in ("vastgesteld", "herzien")
            )
            if adopted:
                days = [p.date_adopted for p in adopted if p.date_adopted]
                result[dossier.id] = Outcome(
                    "done",
                    date_done=min(days) if days else None,
                    reason="plan",
                )
                continue
            if dossier.is_closed or dossier.kwalificatie == "geen":
                result[dossier.id] = Outcome("cancelled", reason="closed")
                continue
            start = min(
                self._local(i.overleg_id.date_start, calendar) for i in discussed
            )
            result[dossier.id] = Outcome(
                "open",
                date_start=start,
                date_deadline=termijn._deadline_for(calendar, start),
                target=dossier,
                dossier=dossier,
                candidates=dossier.regie_user_id
                | self._regie_users(dossier.regie_organisation_id or procesregie),
            )
        return result

    def _outcome_interventie_review(self, termijn, interventies, calendar):
        result = {}
        for interventie in interventies:
            # The criminal track is the OM's: the chain does not monitor it.
            if (
                interventie.is_justice
                or interventie.state != "lopend"
                or not interventie.dossier_id.active
            ):
                result[interventie.id] = None
                continue
            dossier = interventie.dossier_id
            start = (
                interventie.date_last_review
                or interventie.date_start
                or self.env["keten.termijn"]._today(calendar.tz)
            )
            result[interventie.id] = Outcome(
                "open",
                date_start=start,
                date_deadline=interventie.date_review
                or termijn._deadline_for(calendar, start),
                target=interventie,
                dossier=dossier,
                candidates=interventie.user_id
                | self._regie_users(interventie.organisation_id)
                | dossier.regie_user_id,
            )
        return result

    @api.model
    def _closed_regular(self, dossier):
        return dossier.is_closed and dossier.stage_id.closing_type == "afgesloten"

    def _outcome_nazorg_check(self, termijn, dossiers, calendar):
        _ = self.env._
        result = {}
        for dossier in dossiers:
            if (
                not dossier.active
                or not self._closed_regular(dossier)
                or dossier.nazorg_status != "geregeld"
            ):
                result[dossier.id] = None
                continue
            if dossier.nazorg_check_date:
                result[dossier.id] = Outcome(
                    "done",
                    date_done=dossier.nazorg_check_date,
                    reason="nazorg",
                )
                continue
            start = dossier.date_closed
            result[dossier.id] = Outcome(
                "open",
                date_start=start,
                date_deadline=termijn._deadline_for(calendar, start),
                target=dossier,
                dossier=dossier,
                candidates=dossier.zorgcoordinator_user_id
                | self._regie_users(dossier.zorgcoordinator_organisation_id)
                | dossier.regie_user_id
                | self._regie_users(dossier.regie_organisation_id),
            )
        return result

    def _outcome_evaluatie(self, termijn, dossiers, calendar):
        _ = self.env._
        result = {}
        for dossier in dossiers:
            if not dossier.active or not self._closed_regular(dossier):
                result[dossier.id] = None
                continue
            casus = dossier.evaluatie_ids.filtered(
                lambda e: e.level == "casus" and e.state != "geannuleerd"
            )
            held = casus.filtered(lambda e: e.state in ("uitgevoerd", "vastgesteld"))
            if held:
                days = [e.date_done for e in held if e.date_done]
                result[dossier.id] = Outcome(
                    "done",
                    date_done=min(days) if days else None,
                    reason="evaluatie",
                )
                continue
            start = dossier.date_closed
            evaluatie = casus.sorted("id")[:1]
            result[dossier.id] = Outcome(
                "open",
                date_start=start,
                date_deadline=termijn._deadline_for(calendar, start),
                target=evaluatie or dossier,
                dossier=dossier,
                candidates=evaluatie.procesbegeleider_user_id
                | self._regie_users(evaluatie.procesbegeleider_organisation_id)
                | dossier.regie_user_id
                | self._regie_users(dossier.regie_organisation_id),
            )
        return result

    # ------------------------------------------------------------------
    # Events recorded by marking the activity done
    # ------------------------------------------------------------------
    def _mark_activity_done(self, feedback=False):
        """The user marked the activity of these open deadlines done. For a
        review or a check that is the event itself; for the others it is refused:
        their activity is done when the event is recorded."""
        for deadline in self:
            termijn = deadline.termijn_id
            if not termijn.done_by_activity:
                raise UserError(
                    self.env._(
                        "This activity follows the termijn '%(termijn)s': it is "
                        "marked done by itself when %(event)s",
                        termijn=termijn.name,
                        event=termijn._event_phrase(),
                    )
                )
            subject = deadline._subject().sudo()
            today = self.env["keten.termijn"]._today()
            # The activity is being marked done: close the deadline without it.
            deadline.write({"activity_id": False})
            subject._record_termijn_event(deadline, today, feedback)

    # ------------------------------------------------------------------
    # Daily termijnbewaking
    # ------------------------------------------------------------------
    @api.model
    def _cron_escalate(self, batch_size=DEFAULT_BATCH_SIZE):
        """Daily: mark what passed its deadline, flag the dossiers, refresh the
        signaleringslijst and tell the procesregie. Set-based: a fixed number of
        queries per batch of ``batch_size`` newly overdue deadlines."""
        Termijn = self.env["keten.termijn"]
        today = Termijn._today()
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """
            WITH due AS (
                SELECT id FROM keten_deadline
                 WHERE state = 'open' AND date_deadline < %(today)s
                   AND overdue_since IS NULL
                 ORDER BY id
                 LIMIT %(limit)s
                   FOR NO KEY UPDATE SKIP LOCKED)
            UPDATE keten_deadline k
               SET overdue_since = %(today)s, is_late = TRUE
              FROM due WHERE k.id = due.id
            """,
            {"today": today, "limit": batch_size},
        )
        done = cr.rowcount
        cr.execute(
            """
            SELECT count(*) FROM keten_deadline
             WHERE state = 'open' AND date_deadline < %(today)s
               AND overdue_since IS NULL
            """,
            {"today": today},
        )
        remaining = cr.fetchone()[0]
        summary = {"marked": done, "remaining": remaining}
        if not remaining:
            summary.update(self._flag_overdue_dossiers(today))
            summary.update(self.env["keten.signalering"]._refresh(today))
            summary.update(self._notify_procesregie(today, summary))
            Termijn._generate_holidays()
        self.env.invalidate_all()
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return summary

    @api.model
    def _flag_overdue_dossiers(self, today):
        cr = self.env.cr
        overdue = """
            SELECT dossier_id FROM keten_deadline
             WHERE state = 'open' AND date_deadline < %(today)s
               AND dossier_id IS NOT NULL
        """
        cr.execute(
            f"""
            UPDATE keten_dossier SET termijn_overdue = TRUE
             WHERE termijn_overdue IS NOT TRUE AND id IN ({overdue})
            """,
            {"today": today},
        )
        flagged = cr.rowcount
        cr.execute(
            f"""
            UPDATE keten_dossier SET termijn_overdue = FALSE
             WHERE termijn_overdue AND id NOT IN ({overdue})
            """,
            {"today": today},
        )
        return {"dossiers_flagged": flagged, "dossiers_cleared": cr.rowcount}

    @api.model
    def _notify_procesregie(self, today, summary):
        """One content-free message to the procesregie: how many termijnen passed
        their deadline (with the dossier numbers) and how many entries the
        signaleringslijst gained. No e-mail, no case content."""
        cr = self.env.cr
        cr.execute(
            """
            WITH news AS (
                UPDATE keten_deadline SET overdue_notified = TRUE
                 WHERE overdue_since IS NOT NULL AND overdue_notified IS NOT TRUE
                   AND state = 'open'
             RETURNING id, dossier_id, melding_id)
            SELECT count(*),
                   (SELECT array_agg(DISTINCT ref ORDER BY ref) FROM (
                        SELECT COALESCE(d.name, m.name) AS ref
                          FROM news n
                          LEFT JOIN keten_dossier d ON d.id = n.dossier_id
                          LEFT JOIN keten_melding m ON m.id = n.melding_id
                         LIMIT %(limit)s) refs)
              FROM news
            """,
            {"limit": MAX_REFS_IN_MESSAGE},
        )
        count, refs = cr.fetchone()
        new_entries = summary.get("signalering_added", 0)
        if not count and not new_entries:
            return {"notified": 0}
        channel = self.env.ref(P + "channel_termijnbewaking", raise_if_not_found=False)
        if not channel:
            return {"notified": 0}
        _ = self.env._
        lines = []
        if count:
            lines.append(
                _(
                    "%(count)s termijn(en) passed their deadline: %(refs)s%(more)s.",
                    count=count,
                    refs=", ".join(refs or []),
                    more=_(" and others") if count > len(refs or []) else "",
                )
            )
        if new_entries:
            lines.append(
                _(
                    "%(count)s new entr(y/ies) on the signaleringslijst.",
                    count=new_entries,
                )
            )
        body = Markup("<p>%s</p>") % _(
            "Termijnbewaking of %(day)s", day=today.strftime("%d-%m-%Y")
        )
        body += Markup("<ul>%s</ul>") % Markup("").join(
            Markup("<li>%s</li>") % line for line in lines
        )
        channel.sudo().message_post(
            body=body,
            author_id=self.env.ref("base.partner_root").id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return {"notified": count}
