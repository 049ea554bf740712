"""Figures of the case work: interventies, the outcomes of wegingen and
closed dossiers, and the casusoverleggen held."""

from odoo import api, models
from odoo.tools import SQL

from .keten_rapportage_figures import HELD_OVERLEG_STATES


class KetenRapportageFigures(models.AbstractModel):
    _inherit = "keten.rapportage.figures"  # pylint: disable=consider-merging-classes-inherited

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
