"""Termijnen: working days, one activity per termijn, escalation and the
signaleringslijst (no case disappears)."""

from datetime import date, datetime, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..tools.working_days import (
    WorkingCalendar,
    dutch_public_holidays,
    koningsdag,
)
from .common import KetenCase, P

# 2026: Pasen 5 April (Tweede Paasdag Monday 6 April), Koningsdag Monday 27
# April, Bevrijdingsdag Tuesday 5 May, Hemelvaart Thursday 14 May, Tweede
# Pinksterdag Monday 25 May.


def utc(local_day, hour=10):
    """A naive UTC datetime for ``hour`` o'clock in the Netherlands (summer time
    from 29 March 2026: UTC+2, before that UTC+1)."""
    offset = 2 if local_day >= date(2026, 3, 29) else 1
    return datetime.combine(local_day, datetime.min.time()) + timedelta(
        hours=hour - offset
    )


@tagged("post_install", "-at_install", "keten_termijnen")
class TestWorkingDays(KetenCase):
    def test_dutch_public_holidays_move_with_easter(self):
        days = {code: day for code, _name, day in dutch_public_holidays(2027)}
        self.assertEqual(days["eerste_paasdag"], date(2027, 3, 28))
        self.assertEqual(days["tweede_paasdag"], date(2027, 3, 29))
        self.assertEqual(days["hemelvaartsdag"], date(2027, 5, 6))
        self.assertEqual(days["tweede_pinksterdag"], date(2027, 5, 17))
        self.assertEqual(days["koningsdag"], date(2027, 4, 27))
        self.assertEqual(days["bevrijdingsdag"], date(2027, 5, 5))
        self.assertEqual(len(days), 10)
        # Koningsdag on a Sunday is celebrated on the Saturday before.
        self.assertEqual(koningsdag(2025), date(2025, 4, 26))
        self.assertEqual(koningsdag(2031), date(2031, 4, 26))

    def test_calendar_holds_the_holidays_of_the_coming_years(self):
        Termijn = self.env["keten.termijn"]
        calendar = Termijn._calendar_record()
        self.assertEqual(calendar, self.env.ref(P + "resource_calendar_ketenaanpak"))
        working = Termijn._working_calendar()
        this_year = Termijn._today().year
        for year in (this_year, this_year + 1, this_year + 5, this_year - 10):
            for _code, _name, day in dutch_public_holidays(year):
                self.assertFalse(working.is_working_day(day), (year, day))
        self.assertEqual(working.weekdays, (1, 2, 3, 4, 5))
        # Generating again adds nothing; a holiday removed by hand stays removed.
        self.assertFalse(Termijn._generate_holidays())
        leave = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", calendar.id),
                ("keten_holiday_code", "=", "bevrijdingsdag"),
                ("keten_holiday_year", "=", this_year + 1),
            ]
        )
        leave.unlink()
        self.assertFalse(Termijn._generate_holidays())
        self.assertTrue(
            Termijn._working_calendar().is_working_day(date(this_year + 1, 5, 5))
            or date(this_year + 1, 5, 5).isoweekday() > 5
        )
        # A year without any is filled.
        self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", calendar.id),
                ("keten_holiday_year", "=", this_year + 2),
            ]
        ).unlink()
        self.assertEqual(len(Termijn._generate_holidays()), 10)

    def test_weekends_and_holidays_do_not_count(self):
        working = self.env["keten.termijn"]._working_calendar()
        # Friday + 5 working days: the weekend does not count.
        self.assertEqual(
            working.add_working_days(date(2026, 3, 6), 5), date(2026, 3, 13)
        )
        # Thursday before Easter: Tweede Paasdag does not count.
        self.assertEqual(
            working.add_working_days(date(2026, 4, 2), 5), date(2026, 4, 10)
        )
        # 0 days: the same working day, or the next one.
        self.assertEqual(
            working.add_working_days(date(2026, 4, 2), 0), date(2026, 4, 2)
        )
        self.assertEqual(
            working.add_working_days(date(2026, 4, 4), 0), date(2026, 4, 7)
        )
        # Weeks and months are calendar time, ending on a working day.
        self.assertEqual(
            working.add_period(date(2026, 3, 30), 4, "weeks"), date(2026, 4, 28)
        )
        self.assertEqual(
            working.add_period(date(2026, 2, 25), 3, "months"), date(2026, 5, 26)
        )
        self.assertEqual(
            working.add_period(date(2026, 4, 2), 6, "weeks"), date(2026, 5, 15)
        )
        self.assertEqual(
            working.working_days_between(date(2026, 4, 2), date(2026, 4, 10)), 5
        )

    def test_a_calendar_of_the_beheerder_counts(self):
        """Days off added to the calendar (a regional day, Goede Vrijdag) count."""
        calendar = self.env["keten.termijn"]._calendar_record()
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Goede Vrijdag",
                "calendar_id": calendar.id,
                "date_from": "2026-04-02 22:00:00",
                "date_to": "2026-04-03 21:59:59",
            }
        )
        working = self.env["keten.termijn"]._working_calendar()
        self.assertEqual(
            working.add_working_days(date(2026, 4, 2), 5), date(2026, 4, 13)
        )

    def test_pure_calendar(self):
        working = WorkingCalendar(weekdays=(1, 2, 3, 4), holidays=(date(2026, 3, 9),))
        self.assertEqual(
            working.add_working_days(date(2026, 3, 5), 1), date(2026, 3, 10)
        )
        with self.assertRaises(ValueError):
            WorkingCalendar(weekdays=()).next_working_day(date(2026, 1, 1))


class TermijnCase(KetenCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Deadline = cls.env["keten.deadline"]
        cls.termijn = {
            code: cls.env.ref(P + "termijn_" + code)
            for code in (
                "eerste_weging",
                "terugkoppeling",
                "bespreking",
                "plan",
                "interventie_review",
                "nazorg_check",
                "evaluatie",
            )
        }

    def deadlines(self, code, **domain):
        dom = [("termijn_code", "=", code)]
        dom += [(key, "=", value) for key, value in domain.items()]
        return self.Deadline.search(dom)

    def open_deadline(self, code, **domain):
        deadline = self.deadlines(code, state="open", **domain)
        self.assertEqual(len(deadline), 1, f"one open {code} termijn")
        return deadline

    def new_person(self):
        return self.env["keten.person"].create(
            {"first_name": "Fenna", "last_name": "Voorbeeld", "gender": "vrouw"}
        )

    def melding_on(self, day, hour=10, **kw):
        return self.create_melding(
            self.new_person(), self.org_vt, date_received=utc(day, hour), **kw
        )

    def dossier_on(self, day, **kw):
        melding = self.melding_on(day, **kw)
        melding.action_create_dossier()
        dossier = melding.dossier_id
        dossier.write({"date_opened": day, "regie_organisation_id": self.org_zvh.id})
        return dossier

    def activities(self, record, active=True):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("active", "=", active),
                ]
            )
        )


@tagged("post_install", "-at_install", "keten_termijnen")
class TestEersteWeging(TermijnCase):
    def test_five_working_days_across_easter_for_the_meldpunt(self):
        melding = self.melding_on(date(2026, 4, 2))
        deadline = self.open_deadline("eerste_weging", melding_id=melding.id)
        self.assertEqual(deadline.date_start, date(2026, 4, 2))
        self.assertEqual(deadline.date_deadline, date(2026, 4, 10))
        self.assertEqual(deadline.responsible_id, self.user_meldpunt)
        activity = self.activities(melding)
        self.assertEqual(len(activity), 1)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref(P + "mail_activity_type_eerste_weging"),
        )
        self.assertEqual(activity.user_id, self.user_meldpunt)
        self.assertEqual(activity.date_deadline, date(2026, 4, 10))
        self.assertEqual(melding.next_deadline_date, date(2026, 4, 10))

    def test_acuut_is_the_same_working_day(self):
        saturday = self.melding_on(date(2026, 4, 4), acuut_volgens_melder=True)
        self.assertEqual(
            self.open_deadline("eerste_weging", melding_id=saturday.id).date_deadline,
            date(2026, 4, 7),  # Sunday, Tweede Paasdag, then Tuesday
        )
        thursday = self.melding_on(date(2026, 4, 2), acuut_volgens_melder=True)
        self.assertEqual(
            self.open_deadline("eerste_weging", melding_id=thursday.id).date_deadline,
            date(2026, 4, 2),
        )

    def test_received_late_on_sunday_counts_from_the_local_day(self):
        # 23:30 UTC on Sunday 8 March is 00:30 on Monday in the Netherlands.
        melding = self.create_melding(
            self.new_person(), self.org_vt, date_received="2026-03-08 23:30:00"
        )
        deadline = self.open_deadline("eerste_weging", melding_id=melding.id)
        self.assertEqual(deadline.date_start, date(2026, 3, 9))
        self.assertEqual(deadline.date_deadline, date(2026, 3, 16))

    def test_rescheduled_when_its_basis_changes_never_duplicated(self):
        melding = self.melding_on(date(2026, 4, 2))
        melding.acuut_volgens_melder = True
        deadline = self.open_deadline("eerste_weging", melding_id=melding.id)
        self.assertEqual(deadline.date_deadline, date(2026, 4, 2))
        self.assertEqual(self.activities(melding).date_deadline, date(2026, 4, 2))
        melding.write(
            {"acuut_volgens_melder": False, "date_received": utc(date(2026, 3, 6))}
        )
        self.assertEqual(deadline.date_deadline, date(2026, 3, 13))
        # The dossier: the activity moves there, still one of each.
        melding.action_create_dossier()
        dossier = melding.dossier_id
        self.assertFalse(self.activities(melding))
        self.assertEqual(len(self.activities(dossier)), 1)
        self.assertEqual(deadline.dossier_id, dossier)
        dossier.urgency = "2"
        self.assertEqual(deadline.date_deadline, date(2026, 3, 6))
        for _i in range(3):
            melding.write({"channel": "email", "acuut_volgens_melder": False})
            self.Deadline._sync_for_records(melding)
            self.Deadline._sync_for_records(dossier)
        self.assertEqual(len(self.deadlines("eerste_weging", melding_id=melding.id)), 1)
        self.assertEqual(len(self.activities(dossier)), 1)
        self.assertEqual(dossier.next_deadline_date, date(2026, 3, 6))

    def test_the_database_refuses_a_second_open_termijn(self):
        melding = self.melding_on(date(2026, 4, 2))
        deadline = self.open_deadline("eerste_weging", melding_id=melding.id)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                deadline.sudo().copy()

    def test_done_when_the_1e_weging_is_confirmed(self):
        dossier = self.dossier_on(date(2026, 4, 2))
        melding = dossier.melding_ids
        deadline = self.open_deadline("eerste_weging", melding_id=melding.id)
        activity = deadline.activity_id
        self.first_weging(dossier, date=utc(date(2026, 4, 9), 15))
        self.assertEqual(deadline.state, "done")
        self.assertEqual(deadline.date_done, date(2026, 4, 9))
        self.assertFalse(deadline.is_late)
        self.assertFalse(activity.active)  # kept as done, not deleted
        self.assertFalse(
            self.activities(dossier).filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref(P + "mail_activity_type_eerste_weging")
                )
            )
        )

    def test_handled_without_dossier_meets_it(self):
        melding = self.melding_on(
            date(2026, 4, 2), handling_note="Adviesvraag beantwoord."
        )
        melding.action_handle_without_dossier()
        deadline = self.deadlines("eerste_weging", melding_id=melding.id)
        self.assertEqual(deadline.state, "done")
        self.assertTrue(deadline.is_late)  # handled today, due in April

    def test_the_activity_is_done_by_the_event_not_by_hand(self):
        melding = self.melding_on(date(2026, 4, 2))
        activity = self.activities(melding).with_user(self.user_meldpunt)
        with self.assertRaisesRegex(UserError, "marked done by itself"):
            activity.action_feedback(feedback="Gedaan")
        with self.assertRaisesRegex(UserError, "follows the termijn"):
            activity.unlink()
        with self.assertRaisesRegex(UserError, "follows the termijn"):
            activity.date_deadline = date(2026, 12, 31)
        # Handing it to a colleague is fine, and stays so.
        activity.user_id = self.user_regie
        self.assertEqual(activity.user_id, self.user_regie)
        melding.write({"channel": "email"})
        melding.acuut_volgens_melder = True
        self.assertEqual(activity.user_id, self.user_regie)
        self.assertEqual(activity.date_deadline, date(2026, 4, 2))

    def test_nobody_changes_a_termijn_by_hand(self):
        melding = self.melding_on(date(2026, 4, 2))
        deadline = self.open_deadline("eerste_weging", melding_id=melding.id)
        for user in (self.user_meldpunt, self.user_beheerder):
            with self.assertRaises(UserError):
                deadline.with_user(user).write({"date_deadline": date(2027, 1, 1)})
            with self.assertRaises(UserError):
                deadline.with_user(user).unlink()
        self.assertEqual(deadline.date_deadline, date(2026, 4, 10))


@tagged("post_install", "-at_install", "keten_termijnen")
class TestTerugkoppeling(TermijnCase):
    def test_ten_working_days_after_the_kwalificatie(self):
        dossier = self.dossier_on(date(2026, 4, 2))
        melding = dossier.melding_ids
        self.assertFalse(self.deadlines("terugkoppeling", melding_id=melding.id))
        self.first_weging(dossier, date=utc(date(2026, 4, 22)))
        deadline = self.open_deadline("terugkoppeling", melding_id=melding.id)
        self.assertEqual(deadline.date_start, date(2026, 4, 22))
        # Koningsdag and Bevrijdingsdag do not count.
        self.assertEqual(deadline.date_deadline, date(2026, 5, 8))
        self.assertEqual(deadline.target_model, "keten.melding")
        melding.with_user(self.user_meldpunt).write(
            {
                "feedback_date": date(2026, 5, 6),
                "feedback_note": "Signaal wordt opgepakt.",
            }
        )
        melding.with_user(self.user_meldpunt).action_feedback_given()
        self.assertEqual(deadline.state, "done")
        self.assertEqual(deadline.date_done, date(2026, 5, 6))
        self.assertEqual(melding.feedback_by_id, self.user_meldpunt)

    def test_a_criminal_investigation_forbids_it_and_the_reason_is_recorded(self):
        dossier = self.dossier_on(date(2026, 4, 2))
        melding = dossier.melding_ids
        self.first_weging(dossier, date=utc(date(2026, 4, 22)))
        deadline = self.open_deadline("terugkoppeling", melding_id=melding.id)
        as_meldpunt = melding.with_user(self.user_meldpunt)
        with self.assertRaisesRegex(UserError, "why no terugkoppeling"):
            as_meldpunt.action_feedback_not_allowed()
        as_meldpunt.feedback_exception = "strafrechtelijk"
        with self.assertRaisesRegex(UserError, "why no terugkoppeling"):
            as_meldpunt.action_feedback_not_allowed()
        as_meldpunt.feedback_exception_note = (
            "OM: lopend opsporingsonderzoek, niet informeren."
        )
        as_meldpunt.action_feedback_not_allowed()
        self.assertEqual(melding.feedback_state, "niet_toegestaan")
        self.assertEqual(deadline.state, "exempt")
        self.assertEqual(deadline.close_reason, "feedback_strafrechtelijk")
        self.assertFalse(deadline.activity_id.exists() and deadline.activity_id.active)
        # Reset (the investigation allows it now): the termijn is open again.
        melding.with_user(self.user_regie).action_feedback_reset()
        self.open_deadline("terugkoppeling", melding_id=melding.id)

    def test_no_terugkoppeling_for_an_anonymous_melder(self):
        melding = self.create_melding(
            self.new_person(),
            self.org_vt,
            melder_name=False,
            melder_anonymous=True,
            date_received=utc(date(2026, 4, 2)),
        )
        melding.action_create_dossier()
        melding.dossier_id.date_opened = date(2026, 4, 1)
        self.first_weging(melding.dossier_id, date=utc(date(2026, 4, 22)))
        self.assertFalse(self.deadlines("terugkoppeling", melding_id=melding.id))
        with self.assertRaisesRegex(UserError, "anonymous melder"):
            melding.action_feedback_given()

    def test_feedback_dates_are_checked(self):
        melding = self.melding_on(date(2026, 4, 2))
        with self.assertRaisesRegex(ValidationError, "future"):
            melding.write(
                {"feedback_state": "gegeven", "feedback_date": date(2099, 1, 1)}
            )
        with self.assertRaisesRegex(ValidationError, "before the melding"):
            melding.write(
                {"feedback_state": "gegeven", "feedback_date": date(2026, 4, 1)}
            )


@tagged("post_install", "-at_install", "keten_termijnen")
class TestCasusoverlegTermijnen(TermijnCase):
    def overleg(self, day, dossiers, **item):
        return self.env["keten.casusoverleg"].create(
            {
                "date_start": utc(day, 9),
                "item_ids": [(0, 0, dict(item, dossier_id=d.id)) for d in dossiers],
            }
        )

    def hold(self, overleg):
        overleg.action_fill_attendance()
        overleg.action_hold()

    def test_bespreking_by_the_deadline_of_the_agenda_item(self):
        dossier = self.dossier_on(date(2026, 4, 2))
        self.first_weging(dossier, date=utc(date(2026, 4, 8)))
        overleg = self.overleg(date(2026, 4, 23), dossier, deadline=date(2026, 4, 24))
        item = overleg.item_ids
        deadline = self.open_deadline("bespreking", item_id=item.id)
        self.assertEqual(deadline.date_deadline, date(2026, 4, 24))
        self.assertEqual(deadline.target_model, "keten.dossier")
        item.deadline = date(2026, 4, 30)
        self.assertEqual(deadline.date_deadline, date(2026, 4, 30))
        self.hold(overleg)
        self.assertEqual(deadline.state, "done")
        self.assertEqual(deadline.date_done, date(2026, 4, 23))

    def test_default_deadline_is_ten_working_days(self):
        dossier = self.dossier_on(date(2026, 4, 2))
        overleg = self.overleg(date(2026, 4, 23), dossier)
        Termijn = self.env["keten.termijn"]
        today = Termijn._today()
        working = Termijn._working_calendar()
        deadline = overleg.item_ids.deadline
        self.assertTrue(working.is_working_day(deadline))
        self.assertEqual(working.working_days_between(today, deadline), 10)

    def test_plan_within_ten_working_days_after_the_overleg(self):
        dossier = self.dossier_on(date(2026, 4, 2))
        self.first_weging(dossier, date=utc(date(2026, 4, 8)))
        overleg = self.overleg(date(2026, 4, 23), dossier, deadline=date(2026, 4, 24))
        self.assertFalse(self.deadlines("plan", dossier_id=dossier.id))
        self.hold(overleg)
        deadline = self.open_deadline("plan", dossier_id=dossier.id)
        self.assertEqual(deadline.date_start, date(2026, 4, 23))
        self.assertEqual(deadline.date_deadline, date(2026, 5, 11))
        self.assertEqual(deadline.responsible_id, self.user_regie)
        self.second_weging(dossier)
        plan = self.adopted_plan(dossier)
        self.assertEqual(deadline.state, "done")
        self.assertEqual(deadline.date_done, plan.date_adopted)
        self.assertTrue(deadline.is_late)

    def test_postponed_to_another_overleg(self):
        dossier = self.dossier_on(date(2026, 4, 2))
        first = self.overleg(date(2026, 4, 23), dossier, deadline=date(2026, 4, 24))
        first_deadline = self.open_deadline("bespreking", item_id=first.item_ids.id)
        first.item_ids.state = "uitgesteld"
        self.assertEqual(first_deadline.state, "open")  # still to be discussed
        second = self.overleg(date(2026, 5, 7), dossier, deadline=date(2026, 5, 8))
        self.assertEqual(first_deadline.state, "cancelled")
        self.assertEqual(first_deadline.close_reason, "moved")
        self.open_deadline("bespreking", item_id=second.item_ids.id)
        self.assertEqual(
            len(self.deadlines("bespreking", dossier_id=dossier.id, state="open")), 1
        )

    def test_taken_off_the_agenda(self):
        dossier = self.dossier_on(date(2026, 4, 2))
        overleg = self.overleg(date(2026, 4, 23), dossier, deadline=date(2026, 4, 24))
        deadline = self.open_deadline("bespreking", item_id=overleg.item_ids.id)
        overleg.item_ids.unlink()
        self.assertEqual(deadline.state, "cancelled")


@tagged("post_install", "-at_install", "keten_termijnen")
class TestUitvoeringTermijnen(TermijnCase):
    def interventie(self, dossier, **kw):
        vals = {
            "dossier_id": dossier.id,
            "name": "Traumabehandeling",
            "intervention_type": "zorg",
            "organisation_id": self.org_moviera.id,
            "user_id": self.user_partner_moviera.id,
            "date_start": date(2026, 3, 30),
        }
        vals.update(kw)
        return self.env["keten.interventie"].create(vals)

    def test_review_every_four_weeks(self):
        dossier = self.dossier_on(date(2026, 3, 2))
        interventie = self.interventie(dossier)
        self.assertFalse(
            self.deadlines("interventie_review", interventie_id=interventie.id)
        )
        interventie.action_start()
        # 4 weeks after Monday 30 March is Koningsdag: the day after.
        self.assertEqual(interventie.date_review, date(2026, 4, 28))
        deadline = self.open_deadline(
            "interventie_review", interventie_id=interventie.id
        )
        self.assertEqual(deadline.date_deadline, date(2026, 4, 28))
        self.assertEqual(deadline.responsible_id, self.user_partner_moviera)
        interventie.date_review = date(2026, 5, 4)
        self.assertEqual(deadline.date_deadline, date(2026, 5, 4))
        # Marking the activity done is the review; the next one follows.
        activity = deadline.activity_id.with_user(self.user_partner_moviera)
        activity.action_feedback(feedback="Gaat goed, nog twee sessies.")
        today = self.env["keten.termijn"]._today()
        self.assertEqual(deadline.state, "done")
        self.assertEqual(deadline.date_done, today)
        self.assertEqual(interventie.date_last_review, today)
        following = self.open_deadline(
            "interventie_review", interventie_id=interventie.id
        )
        self.assertEqual(following.date_start, today)
        working = self.env["keten.termijn"]._working_calendar()
        self.assertEqual(following.date_deadline, working.add_period(today, 4, "weeks"))
        self.assertEqual(len(self.activities(interventie)), 1)
        # The button does the same.
        interventie.with_user(self.user_partner_moviera).action_review_done()
        self.assertEqual(following.state, "done")
        self.assertEqual(
            len(self.deadlines("interventie_review", interventie_id=interventie.id)), 3
        )
        interventie.action_finish()
        self.assertFalse(
            self.deadlines(
                "interventie_review", interventie_id=interventie.id, state="open"
            )
        )
        self.assertFalse(self.activities(interventie))

    def test_the_criminal_track_is_not_monitored_by_the_chain(self):
        dossier = self.dossier_on(date(2026, 3, 2))
        interventie = self.interventie(
            dossier,
            intervention_type="strafrechtelijk",
            organisation_id=self.org_politie.id,
            user_id=self.user_justitie.id,
        )
        interventie.action_start()
        self.assertFalse(
            self.deadlines("interventie_review", interventie_id=interventie.id)
        )
        self.assertFalse(interventie.date_review)

    def closed_dossier(self, closed_on, nazorg="geregeld"):
        dossier = self.dossier_on(closed_on - timedelta(days=60))
        self.bring_to_uitvoering(dossier)
        dossier.nazorg_status = nazorg
        evaluatie = self.env["keten.evaluatie"].create(
            {
                "name": "Casusevaluatie",
                "dossier_id": dossier.id,
                "date_planned": closed_on + timedelta(days=20),
                "procesbegeleider_organisation_id": self.org_riec.id,
            }
        )
        dossier.stage_id = self.stage_afgesloten
        dossier.date_closed = closed_on
        return dossier, evaluatie

    def test_nazorg_check_three_months_after_closing(self):
        dossier, _evaluatie = self.closed_dossier(date(2026, 2, 25))
        deadline = self.open_deadline("nazorg_check", dossier_id=dossier.id)
        self.assertEqual(deadline.date_start, date(2026, 2, 25))
        # 25 May 2026 is Tweede Pinksterdag.
        self.assertEqual(deadline.date_deadline, date(2026, 5, 26))
        dossier.action_nazorg_check_done()
        self.assertEqual(deadline.state, "done")
        self.assertEqual(dossier.nazorg_check_date, self.env["keten.termijn"]._today())

    def test_no_nazorg_check_without_nazorg(self):
        dossier, _evaluatie = self.closed_dossier(
            date(2026, 2, 25), nazorg="niet_nodig"
        )
        self.assertFalse(self.deadlines("nazorg_check", dossier_id=dossier.id))
        with self.assertRaises(UserError):
            dossier.action_nazorg_check_done()

    def test_evaluatie_within_six_weeks_after_closing(self):
        dossier, evaluatie = self.closed_dossier(date(2026, 4, 2))
        deadline = self.open_deadline("evaluatie", dossier_id=dossier.id)
        # 14 May 2026 is Hemelvaartsdag.
        self.assertEqual(deadline.date_deadline, date(2026, 5, 15))
        self.assertEqual(deadline.target_model, "keten.evaluatie")
        self.assertEqual(deadline.target_id, evaluatie.id)
        evaluatie.write({"date_done": date(2026, 5, 12)})
        evaluatie.action_done()
        self.assertEqual(deadline.state, "done")
        self.assertEqual(deadline.date_done, date(2026, 5, 12))
        self.assertFalse(deadline.is_late)


@tagged("post_install", "-at_install", "keten_termijnen")
class TestEscalation(TermijnCase):
    def test_overdue_dossiers_are_flagged_and_the_procesregie_told(self):
        dossier = self.dossier_on(date(2026, 4, 2))
        dossier.regie_user_id = self.user_regie
        channel = self.env.ref(P + "channel_termijnbewaking")
        self.assertIn(self.user_regie.partner_id, channel.channel_partner_ids)
        self.assertNotIn(self.user_partner_ggd.partner_id, channel.channel_partner_ids)
        before = len(channel.message_ids)
        summary = self.Deadline._cron_escalate()
        self.assertGreaterEqual(summary["marked"], 1)
        deadline = self.open_deadline("eerste_weging", dossier_id=dossier.id)
        today = self.env["keten.termijn"]._today()
        self.assertEqual(deadline.overdue_since, today)
        self.assertTrue(deadline.is_late)
        self.assertTrue(dossier.termijn_overdue)
        messages = channel.message_ids[: len(channel.message_ids) - before]
        self.assertEqual(len(messages), 1)
        self.assertIn(dossier.name, messages.body)
        # content-free: no person, no content of the melding
        for text in ("Fenna", "Voorbeeld", "Signalen"):
            self.assertNotIn(text, messages.body)
        self.assertFalse(
            messages.notification_ids.filtered(lambda n: n.notification_type == "email")
        )
        # A second run tells nothing new.
        self.Deadline._cron_escalate()
        self.assertEqual(len(channel.message_ids), before + 1)
        # Meeting the termijn clears the flag at once, unless the next one (the
        # terugkoppeling, ten working days after the weging) is overdue too.
        self.first_weging(dossier, date=utc(date(2026, 4, 9)))
        self.assertEqual(deadline.state, "done")
        self.assertEqual(
            dossier.next_deadline_termijn_id, self.termijn["terugkoppeling"]
        )
        self.assertTrue(dossier.termijn_overdue)
        dossier.melding_ids.write({"feedback_date": date(2026, 4, 14)})
        dossier.melding_ids.action_feedback_given()
        self.assertFalse(dossier.termijn_overdue)
        self.assertFalse(dossier.next_deadline_date)

    def test_the_cron_costs_the_same_for_many_dossiers(self):
        channel = self.env.ref(P + "channel_termijnbewaking").sudo()

        def run():
            # a message moves the channel's last activity: make it move every run
            channel.last_interest_dt = "2000-01-01 00:00:00"
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            self.Deadline._cron_escalate()
            self.env.flush_all()  # what the message post leaves to flush
            return self.env.cr.sql_log_count - start

        self.dossier_on(date(2026, 4, 2))
        run()  # settle what was overdue before
        self.dossier_on(date(2026, 4, 3))
        few = run()
        for day in range(1, 9):
            self.dossier_on(date(2026, 3, day))
        many = run()
        self.assertEqual(few, many)

    def test_batches_report_progress(self):
        for day in (2, 3, 6):
            self.dossier_on(date(2026, 3, day))
        first = self.Deadline._cron_escalate(batch_size=1)
        self.assertEqual(first["marked"], 1)
        self.assertGreaterEqual(first["remaining"], 2)
        self.assertNotIn(
            "signalering_added", first
        )  # the rest waits for the last batch
        while self.Deadline._cron_escalate(batch_size=1)["remaining"]:
            pass
        self.assertFalse(
            self.Deadline.search_count(
                [
                    ("state", "=", "open"),
                    ("date_deadline", "<", self.env["keten.termijn"]._today()),
                    ("overdue_since", "=", False),
                ]
            )
        )


@tagged("post_install", "-at_install", "keten_termijnen")
class TestSignaleringslijst(TermijnCase):
    def backdate_stage_change(self, dossier, days):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE keten_dossier SET date_last_stage_update = now() - %s * interval '1 day'"
            " WHERE id = %s",
            [days, dossier.id],
        )
        dossier.invalidate_recordset(["date_last_stage_update"])

    def entries(self, reason, record):
        field = "melding_id" if record._name == "keten.melding" else "dossier_id"
        return self.env["keten.signalering"].search(
            [("reason", "=", reason), (field, "=", record.id)]
        )

    def test_each_way_onto_the_list_and_off_it(self):
        List = self.env["keten.signalering"]
        # no regievoerder
        dossier = self.dossier_on(date(2026, 4, 2))
        # stale: no stage change for longer than the setting
        stale = self.dossier_on(date(2026, 4, 2))
        stale.regie_user_id = self.user_regie
        self.backdate_stage_change(stale, 40)
        # no open activity: nobody of the meldpunt to schedule it for
        lonely_org = self.env["keten.organisation"].create(
            {"name": "Test Opvang", "kind": "zorg", "membership": "flexibele_schil"}
        )
        lonely = self.dossier_on(date(2026, 4, 2))
        lonely.write({"regie_user_id": self.user_regie})
        for activity in self.activities(lonely):
            activity.sudo().with_context(keten_termijn_event=True).unlink()
        # a melding without dossier past its 1e weging
        waiting = self.create_melding(
            self.new_person(), lonely_org, date_received=utc(date(2026, 4, 2))
        )
        fresh = self.create_melding(self.new_person(), lonely_org)
        List._refresh()
        self.assertTrue(self.entries("no_responsible", dossier))
        self.assertTrue(self.entries("stale", stale))
        self.assertFalse(self.entries("stale", dossier))
        self.assertTrue(self.entries("no_activity", lonely))
        self.assertFalse(self.entries("no_activity", stale))
        self.assertTrue(self.entries("melding_no_dossier", waiting))
        self.assertFalse(self.entries("melding_no_dossier", fresh))
        since = self.entries("no_responsible", dossier).date_first
        # the same day again: nothing doubles
        List._refresh()
        self.assertEqual(len(self.entries("no_responsible", dossier)), 1)
        self.assertEqual(self.entries("no_responsible", dossier).date_first, since)
        # fixing the cause takes it off
        dossier.regie_user_id = self.user_regie
        stale.stage_id = self.stage_verrijken
        waiting.action_create_dossier()
        self.Deadline._sync_for_records(lonely)  # the activity is scheduled again
        List._refresh()
        self.assertFalse(self.entries("no_responsible", dossier))
        self.assertFalse(self.entries("stale", stale))
        self.assertFalse(self.entries("melding_no_dossier", waiting))
        self.assertFalse(self.entries("no_activity", lonely))

    def test_stale_days_are_a_setting(self):
        stale = self.dossier_on(date(2026, 4, 2))
        self.backdate_stage_change(stale, 10)
        List = self.env["keten.signalering"]
        List._refresh()
        self.assertFalse(self.entries("stale", stale))
        self.env["res.config.settings"].create({"keten_stale_days": 7}).execute()
        List._refresh()
        self.assertTrue(self.entries("stale", stale))

    def test_only_the_ketenregie_sees_the_list(self):
        self.dossier_on(date(2026, 4, 2))
        List = self.env["keten.signalering"]
        List._refresh()
        self.assertTrue(List.with_user(self.user_regie).search([]))
        action = List.with_user(self.user_regie).action_refresh()
        self.assertEqual(action["res_model"], "keten.signalering")
        for user in (self.user_partner_ggd, self.user_melder, self.user_rapportage):
            with self.assertRaises(AccessError):
                List.with_user(user).search([])
        with self.assertRaises(UserError):
            List.with_user(self.user_regie).create(
                {"reason": "stale", "date_first": date(2026, 1, 1)}
            )


@tagged("post_install", "-at_install", "keten_termijnen")
class TestTermijnConfiguration(TermijnCase):
    def test_beheerder_changes_a_termijn_and_applies_it(self):
        melding = self.melding_on(date(2026, 4, 2))
        termijn = self.termijn["eerste_weging"].with_user(self.user_beheerder)
        termijn.duration = 3
        deadline = self.open_deadline("eerste_weging", melding_id=melding.id)
        self.assertEqual(deadline.date_deadline, date(2026, 4, 10))  # not yet
        termijn.action_apply_to_open()
        self.assertEqual(deadline.date_deadline, date(2026, 4, 8))
        self.assertEqual(deadline.activity_id.date_deadline, date(2026, 4, 8))
        with self.assertRaises(AccessError):
            self.termijn["eerste_weging"].with_user(self.user_regie).duration = 4

    def test_invalid_durations_are_refused(self):
        termijn = self.termijn["eerste_weging"].with_user(self.user_beheerder)
        for record, vals, message in (
            (termijn, {"duration": -1}, "between 0 and 260"),
            (termijn, {"duration_acuut": 9}, "when acuut"),
            (self.termijn["nazorg_check"], {"duration": 36}, "between 0 and 24"),
        ):
            with self.assertRaisesRegex(ValidationError, message):
                with self.env.cr.savepoint():
                    record.with_user(self.user_beheerder).write(vals)
            record.invalidate_recordset()
        self.assertEqual((termijn.duration, termijn.duration_acuut), (5, 0))
        with self.assertRaises(UserError):
            termijn.unlink()

    def test_an_archived_termijn_schedules_nothing(self):
        self.termijn["eerste_weging"].active = False
        melding = self.melding_on(date(2026, 4, 2))
        self.assertFalse(self.deadlines("eerste_weging", melding_id=melding.id))

    def test_partners_see_the_termijnen_of_involved_dossiers(self):
        dossier_a = self.dossier_a
        Deadline = self.Deadline.with_user(self.user_partner_gemeente)
        seen = Deadline.search([])
        self.assertTrue(seen)
        self.assertEqual(seen.dossier_id, dossier_a)
        self.assertFalse(
            self.Deadline.with_user(self.user_partner_moviera).search(
                [("dossier_id", "=", dossier_a.id)]
            )
        )
