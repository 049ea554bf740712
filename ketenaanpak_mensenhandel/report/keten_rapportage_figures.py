"""Aggregated figures for the Rapportage Regionale Tafel, computed in SQL.

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
    # Figures
    # ------------------------------------------------------------------
    @api.model
    def _figures_key(self, params):
        """Single key figures of the period."""
        dossier = self._dossier_condition(params)
        start, end = params.utc_bounds()
        query = SQL(
            """
            SELECT
              (SELECT count(*) FROM keten_dossier d
                WHERE %(new)s AND %(dossier)s),
              (SELECT count(*) FROM keten_dossier d
                 JOIN keten_dossier_person p
                   ON p.dossier_id = d.id AND p.role = 'slachtoffer'
                WHERE %(new)s AND %(dossier)s),
              (SELECT count(*) FROM keten_dossier d
                WHERE d.date_opened <= %(to)s
                  AND (d.date_closed IS NULL OR d.date_closed >= %(from)s)
                  AND %(dossier)s),
              (SELECT count(DISTINCT i.dossier_id)
                 FROM keten_casusoverleg_item i
                 JOIN keten_casusoverleg o ON o.id = i.overleg_id
                 JOIN keten_dossier d ON d.id = i.dossier_id
                WHERE o.state = ANY(%(held)s) AND i.state = 'besproken'
                  AND o.date_start >= %(start)s AND o.date_start < %(end)s
                  AND %(item_scope)s AND %(dossier)s),
              (SELECT count(*) FROM keten_plan p
                 JOIN keten_dossier d ON d.id = p.dossier_id
                WHERE p.state = ANY(%(adopted)s)
                  AND p.date_adopted BETWEEN %(from)s AND %(to)s
                  AND %(plan_scope)s AND %(dossier)s)
            """,
            new=self._date_in_period(params, SQL("d.date_opened")),
            dossier=dossier,
            held=HELD_OVERLEG_STATES,
            adopted=ADOPTED_PLAN_STATES,
            start=start,
            end=end,
            item_scope=self._scope("keten.casusoverleg.item", "i"),
            plan_scope=self._scope("keten.plan", "p"),
            **{"from": params.date_from, "to": params.date_to},
        )
        new, victims, active, discussed, plans = self._fetch(query)[0]
        return {
            "dossiers_new": new,
            "victims": victims,
            "dossiers_active": active,
            "dossiers_discussed": discussed,
            "plans_adopted": plans,
        }

    @api.model
    def _figures_aard(self, params):
        """Dossiers and victims (opened in the period) by form of exploitation.

        Returns ``{table: {(dimension value, vorm_id): count}}`` with tables
        ``dossier_woon``, ``dossier_uitbuiting`` (dossiers) and ``victim_woon``,
        ``victim_uitbuiting``, ``victim_age``, ``victim_gender``,
        ``victim_nationality`` (victims, counted per dossier). A vorm_id of
        None means no form of exploitation was recorded.
        """
        vorm_join = SQL(
            "LEFT JOIN keten_dossier_vorm_rel r ON r.dossier_id = d.id%s",
            SQL(" AND r.vorm_id = ANY(%s)", list(params.vorm_ids))
            if params.vorm_ids
            else SQL(),
        )
        base = SQL(
            "%s AND %s",
            self._date_in_period(params, SQL("d.date_opened")),
            self._dossier_condition(params),
        )
        rows = self._fetch(
            SQL(
                """
                SELECT GROUPING(d.woongemeente_id, d.gemeente_uitbuiting_id),
                       d.woongemeente_id, d.gemeente_uitbuiting_id, r.vorm_id, count(*)
                  FROM keten_dossier d %s
                 WHERE %s
                 GROUP BY GROUPING SETS ((d.woongemeente_id, r.vorm_id),
                                         (d.gemeente_uitbuiting_id, r.vorm_id))
                """,
                vorm_join,
                base,
            )
        )
        result = self._by_grouping_set(
            rows, {0b01: ("dossier_woon", 0), 0b10: ("dossier_uitbuiting", 1)}
        )
        rows = self._fetch(
            SQL(
                """
                SELECT GROUPING(p.person_woongemeente_id, d.gemeente_uitbuiting_id,
                                p.age_group, p.gender, p.nationality_group),
                       p.person_woongemeente_id, d.gemeente_uitbuiting_id,
                       p.age_group, p.gender, p.nationality_group, r.vorm_id, count(*)
                  FROM keten_dossier d
                  JOIN keten_dossier_person p
                    ON p.dossier_id = d.id AND p.role = 'slachtoffer'
                  %s
                 WHERE %s
                 GROUP BY GROUPING SETS ((p.person_woongemeente_id, r.vorm_id),
                                         (d.gemeente_uitbuiting_id, r.vorm_id),
                                         (p.age_group, r.vorm_id),
                                         (p.gender, r.vorm_id),
                                         (p.nationality_group, r.vorm_id))
                """,
                vorm_join,
                base,
            )
        )
        # GROUPING() bit set = column not grouped: 01111 → woongemeente only, etc.
        tables = {
            0b01111: ("victim_woon", 0),
            0b10111: ("victim_uitbuiting", 1),
            0b11011: ("victim_age", 2),
            0b11101: ("victim_gender", 3),
            0b11110: ("victim_nationality", 4),
        }
        result.update(
            self._by_grouping_set(
                rows,
                tables,
                defaults={
                    "victim_age": "unknown",
                    "victim_gender": "onbekend",
                    "victim_nationality": "onbekend",
                },
            )
        )
        return result

    @api.model
    def _figures_instroom(self, params):
        """Meldingen received in the period by category and month, channel,
        source organisation kind and source."""
        month = self._local_month(params, SQL("m.date_received"))
        rows = self._fetch(
            SQL(
                """
                SELECT GROUPING(%(month)s, m.channel, m.source_organisation_kind,
                                m.source_type),
                       %(month)s, m.channel, m.source_organisation_kind,
                       m.source_type, m.category, count(*)
                  FROM keten_melding m
                 WHERE %(period)s AND %(condition)s
                 GROUP BY GROUPING SETS ((%(month)s, m.category),
                                         (m.channel, m.category),
                                         (m.source_organisation_kind, m.category),
                                         (m.source_type, m.category))
                """,
                month=month,
                period=self._in_period(params, SQL("m.date_received")),
                condition=self._melding_condition(params),
            )
        )
        tables = {
            0b0111: ("month", 0),
            0b1011: ("channel", 1),
            0b1101: ("source_kind", 2),
            0b1110: ("source_type", 3),
        }
        return self._by_grouping_set(rows, tables, defaults={"source_type": "overig"})

    @api.model
    def _figures_conversion(self, params):
        """From melding to plan: meldingen received in the period and what
        became of them (their dossiers, the kwalificatie, an adopted plan)."""
        rows = self._fetch(
            SQL(
                """
                WITH ms AS (
                    SELECT m.id, m.dossier_id FROM keten_melding m
                     WHERE %(period)s AND %(condition)s
                )
                SELECT count(*),
                       count(d.id),
                       count(DISTINCT d.id),
                       count(DISTINCT d.id) FILTER (WHERE d.kwalificatie = 'wel'),
                       count(DISTINCT d.id) FILTER (WHERE EXISTS (
                           SELECT 1 FROM keten_plan p WHERE p.dossier_id = d.id
                              AND p.state = ANY(%(adopted)s)))
                  FROM ms
                  LEFT JOIN keten_dossier d ON d.id = ms.dossier_id AND %(scope)s
                """,
                period=self._in_period(params, SQL("m.date_received")),
                condition=self._melding_condition(params),
                adopted=ADOPTED_PLAN_STATES,
                scope=self._scope("keten.dossier", "d"),
            )
        )
        meldingen, with_dossier, dossiers, qualified, planned = rows[0]
        return {
            "meldingen": meldingen,
            "meldingen_dossier": with_dossier,
            "dossiers": dossiers,
            "gekwalificeerd": qualified,
            "plan": planned,
        }

    @api.model
    def _figures_doorlooptijd_hoofdstap(self, params, calendar=None):
        """Working days per hoofdstap: for every dossier that left a hoofdstap
        (for good) in the period, its time in that hoofdstap (closing stages
        not counted). Also the dossiers in each hoofdstap at the end of the
        period. Returns ``{code: {"n", "median", "p90", "at_end"}}``."""
        calendar = calendar or self._working_calendar()
        start, end = params.utc_bounds()
        rows = self._fetch(
            SQL(
                """
                WITH left_in_period AS (
                    SELECT DISTINCT h.dossier_id, h.hoofdstap_id
                      FROM keten_dossier_stage_history h
                     WHERE h.date_end >= %(start)s AND h.date_end < %(end)s
                ),
                stay AS MATERIALIZED (
                    SELECT h.dossier_id, h.hoofdstap_id, h.date_end,
                           %(local_start)s AS day_start, %(local_end)s AS day_end
                      FROM keten_dossier_stage_history h
                      JOIN left_in_period USING (dossier_id, hoofdstap_id)
                      JOIN keten_stage s ON s.id = h.stage_id AND s.closing_type IS NULL
                      JOIN keten_dossier d ON d.id = h.dossier_id
                     WHERE %(condition)s AND %(history_scope)s
                ),
                passage AS (
                    SELECT dossier_id, hoofdstap_id,
                           sum(%(days)s) AS days,
                           max(date_end) AS last_end,
                           bool_and(date_end IS NOT NULL) AS finished
                      FROM stay
                     GROUP BY dossier_id, hoofdstap_id
                )
                SELECT hs.code, count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY days),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY days)
                  FROM passage
                  JOIN keten_hoofdstap hs ON hs.id = passage.hoofdstap_id
                 WHERE finished AND days IS NOT NULL
                   AND last_end >= %(start)s AND last_end < %(end)s
                 GROUP BY hs.code
                """,
                local_start=self._local_date(params, SQL("h.date_start")),
                local_end=self._local_date(params, SQL("h.date_end")),
                days=self._working_days(SQL("day_start"), SQL("day_end"), calendar),
                condition=self._dossier_condition(params),
                history_scope=self._scope("keten.dossier.stage.history", "h"),
                start=start,
                end=end,
            )
        )
        result = {
            code: {"n": n, "median": median, "p90": p90, "at_end": 0}
            for code, n, median, p90 in rows
        }
        rows = self._fetch(
            SQL(
                """
                SELECT hs.code, count(DISTINCT h.dossier_id)
                  FROM keten_dossier_stage_history h
                  JOIN keten_stage s ON s.id = h.stage_id AND s.closing_type IS NULL
                  JOIN keten_hoofdstap hs ON hs.id = h.hoofdstap_id
                  JOIN keten_dossier d ON d.id = h.dossier_id
                 WHERE h.date_start < %(end)s
                   AND (h.date_end IS NULL OR h.date_end >= %(end)s)
                   AND %(condition)s AND %(history_scope)s
                 GROUP BY hs.code
                """,
                end=end,
                condition=self._dossier_condition(params),
                history_scope=self._scope("keten.dossier.stage.history", "h"),
            )
        )
        for code, count in rows:
            result.setdefault(code, {"n": 0, "median": None, "p90": None})
            result[code]["at_end"] = count
        return result

    @api.model
    def _figures_doorlooptijd_keten(self, params, calendar=None):
        """Working days between the milestones of a dossier, for the intervals
        that ended in the period. Returns ``{interval: {"n", "median", "p90"}}``."""
        calendar = calendar or self._working_calendar()
        start, end = params.utc_bounds()
        rows = self._fetch(
            SQL(
                """
                WITH ending AS (
                    SELECT w.dossier_id FROM keten_weging w
                     WHERE w.state = 'vastgesteld'
                       AND w.date >= %(start)s AND w.date < %(end)s
                    UNION
                    SELECT p.dossier_id FROM keten_plan p
                     WHERE p.state = ANY(%(adopted)s)
                       AND p.date_adopted BETWEEN %(from)s AND %(to)s
                    UNION
                    SELECT d.id FROM keten_dossier d
                     WHERE d.date_closed BETWEEN %(from)s AND %(to)s
                ),
                scoped AS MATERIALIZED (
                    SELECT d.id, d.date_opened, d.date_closed, s.closing_type
                      FROM keten_dossier d
                      JOIN ending ON ending.dossier_id = d.id
                      JOIN keten_stage s ON s.id = d.stage_id
                     WHERE %(condition)s
                ),
                first_melding AS (
                    SELECT m.dossier_id, min(m.date_received) AS moment
                      FROM keten_melding m
                      JOIN scoped ON scoped.id = m.dossier_id
                     GROUP BY m.dossier_id
                ),
                wegingen AS (
                    SELECT w.dossier_id,
                           min(w.date) FILTER (WHERE w.weging_type = 'eerste') AS first,
                           min(w.date) FILTER (WHERE w.weging_type = 'tweede') AS second
                      FROM keten_weging w
                      JOIN scoped ON scoped.id = w.dossier_id
                     WHERE w.state = 'vastgesteld'
                     GROUP BY w.dossier_id
                ),
                plans AS (
                    SELECT p.dossier_id, min(p.date_adopted) AS day
                      FROM keten_plan p
                      JOIN scoped ON scoped.id = p.dossier_id
                     WHERE p.state = ANY(%(adopted)s)
                     GROUP BY p.dossier_id
                ),
                milestones AS (
                    SELECT scoped.id,
                           scoped.date_opened AS opened,
                           scoped.date_closed AS closed,
                           scoped.closing_type,
                           %(melding)s AS melding,
                           %(weging1)s AS weging1,
                           %(weging2)s AS weging2,
                           plans.day AS plan
                      FROM scoped
                      LEFT JOIN first_melding ON first_melding.dossier_id = scoped.id
                      LEFT JOIN wegingen ON wegingen.dossier_id = scoped.id
                      LEFT JOIN plans ON plans.dossier_id = scoped.id
                ),
                intervals AS (
                    SELECT 'melding_weging1' AS code, melding AS a, weging1 AS b
                      FROM milestones
                    UNION ALL SELECT 'weging1_weging2', weging1, weging2 FROM milestones
                    UNION ALL SELECT 'weging2_plan', weging2, plan FROM milestones
                    UNION ALL SELECT 'melding_plan', melding, plan FROM milestones
                    UNION ALL SELECT 'open_afgeschaald', opened, closed
                      FROM milestones WHERE closing_type = 'afgeschaald'
                    UNION ALL SELECT 'open_afgesloten', opened, closed
                      FROM milestones WHERE closing_type = 'afgesloten'
                )
                SELECT code, count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY days),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY days)
                  FROM (
                    SELECT code, GREATEST(%(days)s, 0) AS days
                      FROM intervals
                     WHERE intervals.b BETWEEN %(from)s AND %(to)s
                  ) AS durations
                 GROUP BY code
                """,
                melding=self._local_date(params, SQL("first_melding.moment")),
                weging1=self._local_date(params, SQL("wegingen.first")),
                weging2=self._local_date(params, SQL("wegingen.second")),
                days=self._working_days(
                    SQL("intervals.a"), SQL("intervals.b"), calendar
                ),
                adopted=ADOPTED_PLAN_STATES,
                condition=self._dossier_condition(params),
                start=start,
                end=end,
                **{"from": params.date_from, "to": params.date_to},
            )
        )
        return {
            code: {"n": n, "median": median, "p90": p90}
            for code, n, median, p90 in rows
        }

    @api.model
    def _figures_doorlooptijd_termijn(self, params, calendar=None):
        """Termijnen per code: met in the period (and within their deadline),
        working days from start to met (median, 90th percentile), exceptions
        recorded in the period, and open past their deadline at the end date
        (one closed by anonymisation was never met: it counts as open, so that
        anonymising changes no figure).
        Returns ``{code: {"n", "within", "median", "p90", "exempt", "overdue"}}``."""
        calendar = calendar or self._working_calendar()
        met = SQL(
            "k.state = 'done' AND k.date_done BETWEEN %s AND %s",
            params.date_from,
            params.date_to,
        )
        days = SQL(
            "GREATEST(%s, 0)",
            self._working_days(SQL("k.date_start"), SQL("k.date_done"), calendar),
        )
        rows = self._fetch(
            SQL(
                """
                SELECT k.termijn_code,
                       count(*) FILTER (WHERE %(met)s),
                       count(*) FILTER (WHERE %(met)s AND k.date_done <= k.date_deadline),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY %(days)s)
                           FILTER (WHERE %(met)s),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY %(days)s)
                           FILTER (WHERE %(met)s),
                       count(*) FILTER (WHERE k.state = 'exempt'
                                          AND k.date_done BETWEEN %(from)s AND %(to)s),
                       count(*) FILTER (WHERE k.date_start <= %(to)s
                                          AND k.date_deadline < %(to)s
                                          AND (k.state = 'open' OR k.date_done > %(to)s
                                               OR k.close_reason = 'anonymised'))
                  FROM keten_deadline k
                  LEFT JOIN keten_dossier d ON d.id = k.dossier_id
                  LEFT JOIN keten_melding m ON m.id = k.melding_id
                 WHERE %(deadline_scope)s
                   AND ((d.id IS NOT NULL AND %(dossier)s)
                        OR (d.id IS NULL AND m.id IS NOT NULL AND %(melding)s))
                 GROUP BY k.termijn_code
                """,
                met=met,
                days=days,
                deadline_scope=self._scope("keten.deadline", "k"),
                dossier=self._dossier_condition(params),
                melding=self._melding_condition(params),
                **{"from": params.date_from, "to": params.date_to},
            )
        )
        return {
            code: {
                "n": n,
                "within": within,
                "median": median,
                "p90": p90,
                "exempt": exempt,
                "overdue": overdue,
            }
            for code, n, within, median, p90, exempt, overdue in rows
        }

    @api.model
    def _figures_interventies(self, params):
        """Interventies (never the Justitie-only ones) on the dossiers in scope.

        ``type_state`` and ``organisation_type``: started in the period;
        ``type_result``: finished (afgerond) in the period, by result."""
        started = SQL(
            "COALESCE(i.date_start, %s) BETWEEN %s AND %s",
            self._local_date(params, SQL("i.create_date")),
            params.date_from,
            params.date_to,
        )
        base = SQL(
            "NOT i.is_justice AND %s AND %s",
            self._scope("keten.interventie", "i"),
            self._dossier_condition(params),
        )
        rows = self._fetch(
            SQL(
                """
                SELECT GROUPING(i.state, i.organisation_id),
                       i.intervention_type, i.state, i.organisation_id, count(*)
                  FROM keten_interventie i
                  JOIN keten_dossier d ON d.id = i.dossier_id
                 WHERE %s AND %s
                 GROUP BY GROUPING SETS ((i.intervention_type, i.state),
                                         (i.intervention_type, i.organisation_id))
                """,
                started,
                base,
            )
        )
        result = {"type_state": {}, "organisation_type": {}, "type_result": {}}
        for grouping, kind, state, organisation, count in rows:
            if grouping == 0b01:
                result["type_state"][(kind, state)] = count
            else:
                result["organisation_type"][(organisation, kind)] = count
        rows = self._fetch(
            SQL(
                """
                SELECT i.intervention_type, COALESCE(i.result, 'niet_vastgelegd'),
                       count(*)
                  FROM keten_interventie i
                  JOIN keten_dossier d ON d.id = i.dossier_id
                 WHERE i.state = 'afgerond' AND %s AND %s
                 GROUP BY 1, 2
                """,
                self._date_in_period(params, SQL("i.date_end")),
                base,
            )
        )
        result["type_result"] = {(kind, res): count for kind, res, count in rows}
        return result

    @api.model
    def _figures_uitkomsten(self, params):
        """Outcomes: wegingen vastgesteld in the period (kwalificatie, quadrant,
        trajectbesluiten, afschaling and overdracht) and dossiers closed in the
        period by closing reason and nazorg."""
        base = SQL(
            "w.state = 'vastgesteld' AND %s AND %s AND %s",
            self._in_period(params, SQL("w.date")),
            self._scope("keten.weging", "w"),
            self._dossier_condition(params),
        )
        rows = self._fetch(
            SQL(
                """
                SELECT w.weging_type, w.kwalificatie, w.quadrant,
                       w.afschaling_type, o.kind,
                       count(*),
                       count(*) FILTER (WHERE w.traject_zorg),
                       count(*) FILTER (WHERE w.traject_zorg_strafrecht),
                       count(*) FILTER (WHERE w.traject_ondermijning),
                       count(*) FILTER (WHERE w.bedenktijd_b8)
                  FROM keten_weging w
                  JOIN keten_dossier d ON d.id = w.dossier_id
                  LEFT JOIN keten_organisation o ON o.id = w.overdracht_organisation_id
                 WHERE %s
                 GROUP BY 1, 2, 3, 4, 5
                """,
                base,
            )
        )
        result = {
            "kwalificatie": {},
            "quadrant": {},
            "traject": {"zorg": 0, "zorg_strafrecht": 0, "ondermijning": 0, "b8": 0},
            "afschaling": {},
            "closing": {},
        }
        for kind, kwal, quadrant, afschaling, org_kind, count, *trajects in rows:
            if kind == "eerste" and kwal:
                result["kwalificatie"][kwal] = (
                    result["kwalificatie"].get(kwal, 0) + count
                )
            if kind == "tweede" and quadrant:
                result["quadrant"][quadrant] = (
                    result["quadrant"].get(quadrant, 0) + count
                )
            if kind == "tweede" and kwal == "wel":
                for name, value in zip(
                    ("zorg", "zorg_strafrecht", "ondermijning", "b8"),
                    trajects,
                    strict=True,
                ):
                    result["traject"][name] += value
            if kwal == "geen" and afschaling:
                key = (afschaling, org_kind if afschaling == "overdracht" else None)
                result["afschaling"][key] = result["afschaling"].get(key, 0) + count
        rows = self._fetch(
            SQL(
                """
                SELECT COALESCE(d.closing_reason, 'niet_vastgelegd'), d.nazorg_status,
                       count(*)
                  FROM keten_dossier d
                 WHERE d.is_closed AND %s AND %s
                 GROUP BY 1, 2
                """,
                self._date_in_period(params, SQL("d.date_closed")),
                self._dossier_condition(params),
            )
        )
        result["closing"] = {(reason, nazorg): n for reason, nazorg, n in rows}
        return result

    @api.model
    def _figures_casusoverleg(self, params):
        """Casusoverleggen held in the period and the dossiers discussed, by
        month and type. With a filter, only overleggen that discussed a dossier
        in the filter count."""
        month = self._local_month(params, SQL("o.date_start"))
        item_condition = SQL(
            "%s AND %s",
            self._scope("keten.casusoverleg.item", "i"),
            self._dossier_condition(params),
        )
        if params.gemeente_ids or params.vorm_ids:
            overleg_filter = SQL(
                "EXISTS (SELECT 1 FROM keten_casusoverleg_item i"
                " JOIN keten_dossier d ON d.id = i.dossier_id"
                " WHERE i.overleg_id = o.id AND %s)",
                item_condition,
            )
        else:
            overleg_filter = SQL("TRUE")
        base = SQL(
            "o.state = ANY(%s) AND %s AND %s",
            HELD_OVERLEG_STATES,
            self._in_period(params, SQL("o.date_start")),
            self._scope("keten.casusoverleg", "o"),
        )
        rows = self._fetch(
            SQL(
                """
                SELECT %s, o.overleg_type, count(*)
                  FROM keten_casusoverleg o
                 WHERE %s AND %s
                 GROUP BY 1, 2
                """,
                month,
                base,
                overleg_filter,
            )
        )
        result = {"overleg": {(m, kind): n for m, kind, n in rows}}
        rows = self._fetch(
            SQL(
                """
                SELECT %s, o.overleg_type, count(*)
                  FROM keten_casusoverleg_item i
                  JOIN keten_casusoverleg o ON o.id = i.overleg_id
                  JOIN keten_dossier d ON d.id = i.dossier_id
                 WHERE i.state = 'besproken' AND %s AND %s
                 GROUP BY 1, 2
                """,
                month,
                base,
                item_condition,
            )
        )
        result["items"] = {(m, kind): n for m, kind, n in rows}
        return result

    @api.model
    def _figures_trend(self, params):
        """Per month: dossiers opened, dossiers closed and 1e wegingen vastgesteld
        (meldingen and casusoverleggen per month come from their own sheets)."""
        dossier = self._dossier_condition(params)
        rows = self._fetch(
            SQL(
                """
                SELECT 'dossiers_new', date_trunc('month', d.date_opened)::date,
                       count(*)
                  FROM keten_dossier d WHERE %(opened)s AND %(dossier)s GROUP BY 2
                UNION ALL
                SELECT 'dossiers_closed', date_trunc('month', d.date_closed)::date,
                       count(*)
                  FROM keten_dossier d
                 WHERE d.is_closed AND %(closed)s AND %(dossier)s GROUP BY 2
                UNION ALL
                SELECT 'weging1', %(weging_month)s, count(*)
                  FROM keten_weging w JOIN keten_dossier d ON d.id = w.dossier_id
                 WHERE w.state = 'vastgesteld' AND w.weging_type = 'eerste'
                   AND w.kwalificatie IS NOT NULL
                   AND %(weging_period)s AND %(weging_scope)s AND %(dossier)s
                 GROUP BY 2
                """,
                opened=self._date_in_period(params, SQL("d.date_opened")),
                closed=self._date_in_period(params, SQL("d.date_closed")),
                dossier=dossier,
                weging_month=self._local_month(params, SQL("w.date")),
                weging_period=self._in_period(params, SQL("w.date")),
                weging_scope=self._scope("keten.weging", "w"),
            )
        )
        return {(series, month): count for series, month, count in rows}

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
