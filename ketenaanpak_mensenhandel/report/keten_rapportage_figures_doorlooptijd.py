"""Figures of the doorlooptijden, in working days: per hoofdstap, between the
milestones of the chain, and per termijn."""

from odoo import api, models
from odoo.tools import SQL

from .keten_rapportage_figures import ADOPTED_PLAN_STATES


class KetenRapportageFigures(models.AbstractModel):
    _inherit = "keten.rapportage.figures"  # pylint: disable=consider-merging-classes-inherited

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
