"""Termijnen: the deadlines the chain agreed on, and the working calendar they
count in."""

from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.working_days import (
    DEFAULT_TZ,
    UNITS,
    WorkingCalendar,
    dutch_public_holidays,
)
from .keten_validation_mixin import PARAM_PREFIX

TERMIJN_CODES = [
    ("eerste_weging", "1e weging"),
    ("terugkoppeling", "Terugkoppeling to the melder"),
    ("bespreking", "Discussion in the casusoverleg"),
    ("plan", "Plan van aanpak adopted"),
    ("interventie_review", "Review of a running interventie"),
    ("nazorg_check", "Nazorg check"),
    ("evaluatie", "Casus evaluatie"),
    ("comensha", "CoMensha registration"),
]

PARAM_CALENDAR = PARAM_PREFIX + "calendar_id"
CALENDAR_XMLID = "ketenaanpak_mensenhandel.resource_calendar_ketenaanpak"
# Longest termijn per unit: beyond this a value is a typing error.
MAX_DURATION = {"working_days": 260, "weeks": 104, "months": 24}
# Public holidays are kept this many years back (throughput times of old
# cases) and ahead (deadlines).
HOLIDAY_YEARS_BACK = 10
HOLIDAY_YEARS_AHEAD = 5


class KetenTermijn(models.Model):
    """A termijn: how long the chain takes for a step, counted from the event
    that starts it. Scheduled as an activity by ``keten.deadline``."""

    _name = "keten.termijn"
    _description = "Termijn"
    _inherit = ["keten.validation.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(TERMIJN_CODES, required=True, readonly=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(
        default=True,
        help="An archived termijn schedules nothing; what is open stays open.",
    )
    hoofdstap_id = fields.Many2one("keten.hoofdstap", ondelete="restrict")
    duration = fields.Integer(
        required=True,
        default=5,
        help="How long, in the unit, after the event that starts the termijn.",
    )
    duration_acuut = fields.Integer(
        string="Duration when acuut",
        default=0,
        help="For the 1e weging of an acute melding or dossier: 0 working days is "
        "the same working day.",
    )
    unit = fields.Selection(UNITS, required=True, default="working_days")
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        required=True,
        ondelete="restrict",
        help="The activity scheduled for the responsible person.",
    )
    start_event = fields.Char(
        string="Starts at",
        translate=True,
        readonly=True,
        help="The event that starts the termijn.",
    )
    end_event = fields.Char(
        string="Met when",
        translate=True,
        readonly=True,
        help="The event that meets the termijn and marks its activity done.",
    )
    description = fields.Text(translate=True)
    done_by_activity = fields.Boolean(
        string="Done by marking the activity",
        readonly=True,
        help="Marking the activity done is the event itself (a review, a check); "
        "for the other termijnen the activity is marked done when the event is "
        "recorded.",
    )
    # Counted over the deadlines the user may see.
    deadline_ids = fields.One2many(
        "keten.deadline",
        "termijn_id",
        string="Termijnen of cases",
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
    )
    open_count = fields.Integer(
        string="Open",
        compute="_compute_counts",
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
    )
    overdue_count = fields.Integer(
        string="Overdue",
        compute="_compute_counts",
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Every termijn exists only once."),
    ]

    def _compute_counts(self):
        today = self._today()
        Deadline = self.env["keten.deadline"]
        open_counts = dict(
            Deadline._read_group(
                [("termijn_id", "in", self.ids), ("state", "=", "open")],
                ["termijn_id"],
                ["__count"],
            )
        )
        overdue = dict(
            Deadline._read_group(
                [
                    ("termijn_id", "in", self.ids),
                    ("state", "=", "open"),
                    ("date_deadline", "<", today),
                ],
                ["termijn_id"],
                ["__count"],
            )
        )
        for termijn in self:
            termijn.open_count = open_counts.get(termijn, 0)
            termijn.overdue_count = overdue.get(termijn, 0)

    @api.constrains("duration", "duration_acuut", "unit")
    def _check_duration(self):
        for termijn in self:
            highest = MAX_DURATION[termijn.unit]
            if not 0 <= termijn.duration <= highest:
                raise ValidationError(
                    self.env._(
                        "Termijn %(name)s: the duration is between 0 and %(max)s.",
                        name=termijn.name,
                        max=highest,
                    )
                )
            if termijn.duration_acuut < 0 or termijn.duration_acuut > termijn.duration:
                raise ValidationError(
                    self.env._(
                        "Termijn %(name)s: the duration when acuut is between 0 and "
                        "the normal duration.",
                        name=termijn.name,
                    )
                )

    def write(self, vals):
        if "code" in vals and not self.env.su:
            raise UserError(self.env._("The code of a termijn is fixed."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A termijn is not deleted: archive it to stop scheduling it."
                )
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Calendar
    # ------------------------------------------------------------------
    def _event_phrase(self):
        """The end event as part of a sentence ("... when <event>")."""
        self.ensure_one()
        text = (self.end_event or self.name or "").rstrip(".")
        return text[:1].lower() + text[1:] + "."

    @api.model
    def _calendar_record(self):
        """The chain's working calendar: the one in the settings, else the
        calendar this module installs, else the company's."""
        Calendar = self.env["resource.calendar"].sudo()
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM_CALENDAR)
        if value and value.isdigit():
            calendar = Calendar.browse(int(value)).exists()
            if calendar:
                return calendar
        return (
            self.env.ref(CALENDAR_XMLID, raise_if_not_found=False)
            or self.env.company.resource_calendar_id
        ).sudo()

    @api.model
    def _calendar_tz(self, calendar):
        # A calendar left on UTC (a new database's default) would shift days
        # off entered as local days: the chain's own time zone is used then.
        return calendar.tz if calendar.tz and calendar.tz != "UTC" else DEFAULT_TZ

    @api.model
    def _working_calendar(self):
        """The working calendar as a :class:`WorkingCalendar`: the weekdays of
        its attendances and its global days off, in one query whatever the
        state of the cache (callers that need it for many records read it
        once)."""
        calendar = self._calendar_record()
        if not calendar:
            return WorkingCalendar()
        self.env["resource.calendar"].flush_model(["tz"])
        self.env["resource.calendar.attendance"].flush_model(
            ["calendar_id", "dayofweek"]
        )
        self.env["resource.calendar.leaves"].flush_model(
            ["calendar_id", "resource_id", "date_from", "date_to"]
        )
        self.env.cr.execute(
            """
            SELECT c.tz,
                   ARRAY(SELECT DISTINCT a.dayofweek::int
                           FROM resource_calendar_attendance a
                          WHERE a.calendar_id = c.id),
                   ARRAY(SELECT ARRAY[l.date_from, l.date_to]
                           FROM resource_calendar_leaves l
                          WHERE l.resource_id IS NULL
                            AND (l.calendar_id = c.id OR l.calendar_id IS NULL))
              FROM resource_calendar c
             WHERE c.id = %s
            """,
            [calendar.id],
        )
        tz, days, leaves = self.env.cr.fetchone()
        tz = tz if tz and tz != "UTC" else DEFAULT_TZ
        weekdays = tuple(sorted({day + 1 for day in days})) or WorkingCalendar.weekdays
        zone = pytz.timezone(tz)
        holidays = set()
        for date_from, date_to in leaves:
            day = pytz.utc.localize(date_from).astimezone(zone).date()
            last = pytz.utc.localize(date_to).astimezone(zone).date()
            while day <= last:
                holidays.add(day)
                day += timedelta(days=1)
        return WorkingCalendar(
            weekdays=weekdays, holidays=tuple(sorted(holidays)), tz=tz
        )

    @api.model
    def _chain_tz(self):
        return self._calendar_tz(self._calendar_record())

    @api.model
    def _today(self, tz=None):
        """Today in the chain's time zone (a cron runs in UTC)."""
        zone = pytz.timezone(tz or self._chain_tz())
        return datetime.now(pytz.utc).astimezone(zone).date()

    def _deadline_for(self, calendar, start, acuut=False):
        """The deadline of this termijn for an event on the day ``start``, in
        ``calendar`` (a :class:`WorkingCalendar`)."""
        self.ensure_one()
        duration = self.duration_acuut if acuut else self.duration
        return calendar.add_period(start, duration, self.unit)

    # ------------------------------------------------------------------
    # Public holidays
    # ------------------------------------------------------------------
    @api.model
    def _generate_holidays(self, calendar=None, years=None):
        """Add the Dutch public holidays of ``years`` to ``calendar`` as days off.

        A year is filled once: a year with any generated day off is left as the
        beheerder keeps it (a holiday removed by hand stays removed). Returns
        the days off created.
        """
        calendar = calendar or self._calendar_record()
        if not calendar:
            return self.env["resource.calendar.leaves"]
        if years is None:
            this_year = self._today().year
            years = range(
                this_year - HOLIDAY_YEARS_BACK, this_year + HOLIDAY_YEARS_AHEAD + 1
            )
        Leaves = self.env["resource.calendar.leaves"].sudo()
        done = set(
            Leaves.search(
                [("calendar_id", "=", calendar.id), ("keten_holiday_code", "!=", False)]
            ).mapped("keten_holiday_year")
        )
        zone = pytz.timezone(self._calendar_tz(calendar))
        vals_list = []
        for year in years:
            if year in done:
                continue
            for code, name, day in dutch_public_holidays(year):
                start = zone.localize(datetime.combine(day, time.min))
                end = zone.localize(datetime.combine(day, time(23, 59, 59)))
                vals_list.append(
                    {
                        "name": f"{name} {year}",
                        "calendar_id": calendar.id,
                        "company_id": calendar.company_id.id,
                        "resource_id": False,
                        "time_type": "leave",
                        "date_from": start.astimezone(pytz.utc).replace(tzinfo=None),
                        "date_to": end.astimezone(pytz.utc).replace(tzinfo=None),
                        "keten_holiday_code": code,
                        "keten_holiday_year": year,
                    }
                )
        return Leaves.create(vals_list)

    def action_generate_holidays(self):
        """Button: make sure the public holidays of the coming years are there."""
        created = self._generate_holidays()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s public holidays added to %(calendar)s.",
                    count=len(created),
                    calendar=self._calendar_record().name,
                ),
            },
        }

    @api.model
    def action_open_holidays(self):
        """The days off of the chain's calendar: generated public holidays and
        what the beheerder adds (e.g. Goede Vrijdag, a regional day off)."""
        self._generate_holidays()
        calendar = self._calendar_record()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Public holidays: %(calendar)s", calendar=calendar.name),
            "res_model": "resource.calendar.leaves",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("resource.resource_calendar_leave_tree").id, "list"),
                (False, "form"),
            ],
            "domain": [("calendar_id", "=", calendar.id), ("resource_id", "=", False)],
            "context": {
                "default_calendar_id": calendar.id,
                "default_resource_id": False,
                "default_time_type": "leave",
            },
        }

    def action_apply_to_open(self):
        """Recompute the open deadlines of these termijnen after a change."""
        Deadline = self.env["keten.deadline"].sudo()
        count = 0
        for termijn in self:
            open_deadlines = Deadline.search(
                [("termijn_id", "=", termijn.id), ("state", "=", "open")]
            )
            count += len(open_deadlines)
            Deadline._resync(open_deadlines)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s open termijnen recomputed.", count=count
                ),
            },
        }
