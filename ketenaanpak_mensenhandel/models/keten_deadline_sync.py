"""Termijnbewaking: keeping the deadlines in step with the records of the case.

A write that may change a termijn calls ``keten.deadline._sync_for_records`` with
the records written; each subject model says which subjects of which termijn
that bears on (``_deadline_subjects``). ``_sync_deadlines`` asks the termijn's rule
(``keten_deadline_rules.py``) what the data says now and creates, moves or
closes the deadlines and their activities."""

import logging

from markupsafe import Markup

from odoo import api, models
from odoo.exceptions import UserError

from .keten_deadline import P
from .keten_termijn import TERMIJN_CODES

_logger = logging.getLogger(__name__)


class KetenDeadline(models.Model):
    _inherit = "keten.deadline"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Keeping deadlines in step with the case
    # ------------------------------------------------------------------
    @api.model
    def _sync_for_records(self, records, codes=None):
        """Bring the deadlines of everything ``records`` bears on in step with
        the data: call after a write that may change a termijn. The model of
        ``records`` names what that is (``_deadline_subjects``); ``codes``
        limits it to those termijnen."""
        if not records or self.env.context.get("keten_no_deadlines"):
            return
        records = records.sudo().with_context(active_test=False).exists()
        if not records:
            return
        subjects = {code: None for code, _label in TERMIJN_CODES}
        for code, subject in records._deadline_subjects():
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
