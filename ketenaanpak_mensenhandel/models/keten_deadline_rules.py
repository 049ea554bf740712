"""Termijnbewaking: the rule of each termijn, found by its code.

``_outcome_<code>(termijn, subjects, calendar)`` reads the data of the
subjects (as superuser) and says per subject what its termijn is now: open
with its dates, target and candidates; met; exempt; vervallen; or None (no
termijn). Rules decide dates and states only; the sync engine does the rest."""

import dataclasses
from datetime import date, datetime

import pytz

from odoo import api, fields, models

from .keten_deadline import P


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
    _inherit = "keten.deadline"  # pylint: disable=consider-merging-classes-inherited

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
