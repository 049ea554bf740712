"""Aggregated figures for the Rapportage Regionale Tafel, computed in SQL.

This file holds the parameters, the scope (record rules) and filters, the SQL
helpers and the working-day arithmetic. The figures themselves are in one
``_inherit`` file per topic: ``keten_rapportage_figures_aard.py`` (aard en
omvang, instroom, trend), ``keten_rapportage_figures_doorlooptijd.py``
(doorlooptijden) and ``keten_rapportage_figures_casuswerk.py`` (interventies,
uitkomsten, casusoverleggen).

Every ``_figures_*`` method runs one or a few aggregate queries and returns
plain Python data (counts keyed by dimension values; never a record, a name or
free text), so each can be timed on its own by the benchmark.
"""

import dataclasses
from datetime import date, datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.working_days import DEFAULT_TZ

P = "ketenaanpak_mensenhandel."
HELD_OVERLEG_STATES = ["gehouden", "vastgesteld"]
ADOPTED_PLAN_STATES = ["vastgesteld", "herzien"]


@dataclasses.dataclass(frozen=True)
class RapportageParams:
    """What the workbook is about: a period and optional filters."""

    date_from: date
    date_to: date
    gemeente_ids: tuple = ()
    vorm_ids: tuple = ()
    tz: str = DEFAULT_TZ

    def utc_bounds(self):
        """The period as naive UTC datetimes ``[start, end)`` for Datetime columns."""
        zone = pytz.timezone(self.tz)
        start = zone.localize(datetime.combine(self.date_from, time.min))
        end = zone.localize(
            datetime.combine(self.date_to + timedelta(days=1), time.min)
        )
        return (
            start.astimezone(pytz.utc).replace(tzinfo=None),
            end.astimezone(pytz.utc).replace(tzinfo=None),
        )

    def months(self):
        """First days of the months the period touches, in order."""
        month = self.date_from.replace(day=1)
        result = []
        while month <= self.date_to:
            result.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return result


class KetenRapportageFigures(models.AbstractModel):
    _name = "keten.rapportage.figures"
    _description = "Rapportage Regionale Tafel: aggregated figures"

    # ------------------------------------------------------------------
    # Parameters, scope and filters
    # ------------------------------------------------------------------
    @api.model
    def _params(self, date_from, date_to, gemeente_ids=(), vorm_ids=()):
        calendar = self._working_calendar()
        return RapportageParams(
            date_from=fields.Date.to_date(date_from),
            date_to=fields.Date.to_date(date_to),
            gemeente_ids=tuple(sorted(gemeente_ids)),
            vorm_ids=tuple(sorted(vorm_ids)),
            tz=calendar.tz,
        )

    @api.model
    def _is_region_wide(self):
        """Ketenregie and Rapportage see aggregates over the whole region.

        Anybody else only gets figures over the records the record rules let
        them read (and an AccessError where they may read nothing).
        """
        user = self.env.user
        return (
            self.env.su
            or user.has_group(P + "group_ketenregie")
            or user.has_group(P + "group_rapportage")
        )

    @api.model
    def _scope(self, model, alias):
        if self._is_region_wide():
            return SQL("TRUE")
        query = self.env[model].with_context(active_test=False)._search([])
        return SQL("%s IN %s", SQL.identifier(alias, "id"), query.subselect())

    @api.model
    def _dossier_condition(self, params, alias="d"):
        """Scope and filters on a keten_dossier alias."""

        def col(name):
            return SQL.identifier(alias, name)

        conditions = [self._scope("keten.dossier", alias)]
        if params.gemeente_ids:
            gemeenten = list(params.gemeente_ids)
            conditions.append(
                SQL(
                    "(%(woon)s = ANY(%(g)s) OR %(uitb)s = ANY(%(g)s) OR EXISTS ("
                    "SELECT 1 FROM keten_dossier_person fp WHERE fp.dossier_id = %(id)s"
                    " AND fp.role = 'slachtoffer'"
                    " AND fp.person_woongemeente_id = ANY(%(g)s)))",
                    woon=col("woongemeente_id"),
                    uitb=col("gemeente_uitbuiting_id"),
                    id=col("id"),
                    g=gemeenten,
                )
            )
        if params.vorm_ids:
            conditions.append(
                SQL(
                    "EXISTS (SELECT 1 FROM keten_dossier_vorm_rel fv"
                    " WHERE fv.dossier_id = %s AND fv.vorm_id = ANY(%s))",
                    col("id"),
                    list(params.vorm_ids),
                )
            )
        return SQL(" AND ").join(conditions)

    @api.model
    def _melding_condition(self, params, alias="m"):
        """Scope and filters on a keten_melding alias: the melding itself or its
        dossier matches the municipalities and forms of exploitation."""

        def col(name):
            return SQL.identifier(alias, name)

        conditions = [self._scope("keten.melding", alias)]
        if params.gemeente_ids or params.vorm_ids:
            dossier_match = SQL(
                "EXISTS (SELECT 1 FROM keten_dossier fd WHERE fd.id = %s AND %s)",
                col("dossier_id"),
                self._dossier_condition(params, "fd"),
            )
        if params.gemeente_ids:
            conditions.append(
                SQL(
                    "(%s = ANY(%s) OR %s = ANY(%s) OR %s)",
                    col("woongemeente_id"),
                    list(params.gemeente_ids),
                    col("gemeente_uitbuiting_id"),
                    list(params.gemeente_ids),
                    dossier_match,
                )
            )
        if params.vorm_ids:
            conditions.append(
                SQL(
                    "(EXISTS (SELECT 1 FROM keten_melding_vorm_rel fmv"
                    " WHERE fmv.melding_id = %s AND fmv.vorm_id = ANY(%s)) OR %s)",
                    col("id"),
                    list(params.vorm_ids),
                    dossier_match,
                )
            )
        return SQL(" AND ").join(conditions)

    @api.model
    def _local_date(self, params, column):
        return SQL("(%s AT TIME ZONE 'UTC' AT TIME ZONE %s)::date", column, params.tz)

    @api.model
    def _local_month(self, params, column):
        return SQL(
            "date_trunc('month', %s AT TIME ZONE 'UTC' AT TIME ZONE %s)::date",
            column,
            params.tz,
        )

    @api.model
    def _in_period(self, params, column):
        """A Datetime column (UTC) within the period (local days)."""
        start, end = params.utc_bounds()
        return SQL("(%s >= %s AND %s < %s)", column, start, column, end)

    @api.model
    def _date_in_period(self, params, column):
        """A Date column within the period."""
        return SQL("%s BETWEEN %s AND %s", column, params.date_from, params.date_to)

    @api.model
    def _by_grouping_set(self, rows, tables, defaults=None):
        """Spread GROUPING SETS rows ``(grouping, *dims, column, count)`` over
        ``{grouping: (table, index of its dimension)}``: ``{table: {(value,
        column): count}}``; an empty value becomes ``defaults[table]``."""
        defaults = defaults or {}
        result = {name: {} for name, _index in tables.values()}
        for grouping, *dims, column, count in rows:
            table, index = tables[grouping]
            value = dims[index]
            if value is None:
                value = defaults.get(table)
            key = (value, column)
            result[table][key] = result[table].get(key, 0) + count
        return result

    @api.model
    def _fetch(self, query):
        """Run an aggregate query, tuned for the rest of the transaction:
        PostgreSQL's JIT compiler off (these CTE queries have rough row
        estimates, and compiling them cost seconds at 100,000 dossiers while
        they run in less without it) and room to hash and sort in memory."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; %s", query)
        )
        return self.env.cr.fetchall()

    # ------------------------------------------------------------------
    # Working days
    # ------------------------------------------------------------------
    @api.model
    def _working_calendar(self):
        """The chain's working calendar, the one the termijnen count in."""
        return self.env["keten.termijn"]._working_calendar()

    @api.model
    def _working_day_index(self, day, calendar):
        """SQL for the number of working days before the date ``day``.

        Closed form, no join: whole weeks since a Monday, the working weekdays
        at the start of the last week, minus the days off before ``day``
        (``width_bucket`` is a binary search in the sorted days off). The
        working days from ``a`` up to ``b`` are ``index(b) - index(a)``.
        """
        weekdays = set(calendar.weekdays)
        prefix = [sum(1 for d in range(1, k + 1) if d in weekdays) for k in range(7)]
        days_off = [d for d in calendar.holidays if d.isoweekday() in weekdays]
        offset = SQL("(%s - DATE '1970-01-05')", day)  # a Monday
        index = SQL(
            "((%(offset)s / 7) * %(per_week)s + (%(prefix)s::int[])[mod(%(offset)s, 7) + 1])",
            offset=offset,
            per_week=len(weekdays),
            prefix=prefix,
        )
        if not days_off:
            return index
        return SQL("(%s - width_bucket(%s - 1, %s::date[]))", index, day, days_off)

    @api.model
    def _working_days(self, start, end, calendar):
        """SQL for the working days from the date ``start`` up to ``end``."""
        return SQL(
            "(%s - %s)",
            self._working_day_index(end, calendar),
            self._working_day_index(start, calendar),
        )

    # ------------------------------------------------------------------
    # Every figure (``keten_rapportage_figures_*.py``, one file per topic)
    # ------------------------------------------------------------------
    @api.model
    def _collect(self, params):
        """Every figure of the workbook."""
        calendar = self._working_calendar()
        return {
            "key": self._figures_key(params),
            "aard": self._figures_aard(params),
            "instroom": self._figures_instroom(params),
            "conversion": self._figures_conversion(params),
            "doorlooptijd_hoofdstap": self._figures_doorlooptijd_hoofdstap(
                params, calendar
            ),
            "doorlooptijd_keten": self._figures_doorlooptijd_keten(params, calendar),
            "doorlooptijd_termijn": self._figures_doorlooptijd_termijn(
                params, calendar
            ),
            "interventies": self._figures_interventies(params),
            "uitkomsten": self._figures_uitkomsten(params),
            "casusoverleg": self._figures_casusoverleg(params),
            "trend": self._figures_trend(params),
        }
