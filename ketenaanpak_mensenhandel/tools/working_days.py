"""Working days and Dutch public holidays (pure Python, no ORM access).

The termijnen count working days, and the Rapportage Regionale Tafel measures
throughput times in them. Both read the chain's working calendar
(``keten.termijn._working_calendar()``) into a :class:`WorkingCalendar`.
"""

import dataclasses
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

DEFAULT_TZ = "Europe/Amsterdam"

UNITS = [
    ("working_days", "Working days"),
    ("weeks", "Weeks"),
    ("months", "Months"),
]


@dataclasses.dataclass(frozen=True)
class WorkingCalendar:
    """Working days: ISO weekdays that are worked, minus the days off."""

    weekdays: tuple = (1, 2, 3, 4, 5)
    holidays: tuple = ()
    tz: str = DEFAULT_TZ
    _days_off: frozenset = dataclasses.field(
        default=frozenset(), init=False, repr=False, compare=False
    )

    def __post_init__(self):
        object.__setattr__(self, "_days_off", frozenset(self.holidays))

    def is_working_day(self, day):
        return day.isoweekday() in self.weekdays and day not in self._days_off

    def next_working_day(self, day):
        """``day`` itself when it is a working day, else the first one after it."""
        if not self.weekdays:
            raise ValueError("a working calendar without working weekdays")
        for _attempt in range(3700):  # ten years of days off in a row at most
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError("no working day within ten years after %s" % day)

    def add_working_days(self, day, count):
        """The ``count``-th working day after ``day`` (``day`` itself not counted).

        0 is the same working day: ``day`` when it is one, else the next.
        """
        if count <= 0:
            return self.next_working_day(day)
        found = 0
        while found < count:
            day = self.next_working_day(day + timedelta(days=1))
            found += 1
        return day

    def add_period(self, day, count, unit):
        """``count`` units after ``day``: working days, or calendar weeks or months
        ending on the next working day."""
        if unit == "working_days":
            return self.add_working_days(day, count)
        if unit == "weeks":
            return self.next_working_day(day + timedelta(weeks=count))
        if unit == "months":
            return self.next_working_day(day + relativedelta(months=count))
        raise ValueError("unknown unit %r" % unit)

    def working_days_between(self, start, end):
        """Working days after ``start`` up to and including ``end`` (0 when
        ``end`` is not after ``start``)."""
        count = 0
        day = start + timedelta(days=1)
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += timedelta(days=1)
        return count


def koningsdag(year):
    """The King's (before 2014 the Queen's) day: moved to Saturday when it falls
    on a Sunday."""
    day = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    return day - timedelta(days=1) if day.isoweekday() == 7 else day


def dutch_public_holidays(year):
    """The algemeen erkende feestdagen of the Algemene termijnenwet (art. 3) in
    ``year``, with Eerste Paas- and Pinksterdag (always Sundays), as
    ``(code, name, date)``. Goede Vrijdag is not one: add it to the calendar by
    hand where the region's covenant counts it."""
    paasdag = easter(year)
    return [
        ("nieuwjaarsdag", "Nieuwjaarsdag", date(year, 1, 1)),
        ("eerste_paasdag", "Eerste Paasdag", paasdag),
        ("tweede_paasdag", "Tweede Paasdag", paasdag + timedelta(days=1)),
        ("koningsdag", "Koningsdag", koningsdag(year)),
        ("bevrijdingsdag", "Bevrijdingsdag", date(year, 5, 5)),
        ("hemelvaartsdag", "Hemelvaartsdag", paasdag + timedelta(days=39)),
        ("eerste_pinksterdag", "Eerste Pinksterdag", paasdag + timedelta(days=49)),
        ("tweede_pinksterdag", "Tweede Pinksterdag", paasdag + timedelta(days=50)),
        ("eerste_kerstdag", "Eerste Kerstdag", date(year, 12, 25)),
        ("tweede_kerstdag", "Tweede Kerstdag", date(year, 12, 26)),
    ]
