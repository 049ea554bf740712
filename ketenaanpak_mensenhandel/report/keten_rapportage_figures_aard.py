"""Figures of aard en omvang: key figures, dossiers and victims by form of
exploitation, the instroom of meldingen, from melding to plan, the monthly trend."""

from odoo import api, models
from odoo.tools import SQL

from .keten_rapportage_figures import ADOPTED_PLAN_STATES, HELD_OVERLEG_STATES


class KetenRapportageFigures(models.AbstractModel):
    _inherit = "keten.rapportage.figures"  # pylint: disable=consider-merging-classes-inherited

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
