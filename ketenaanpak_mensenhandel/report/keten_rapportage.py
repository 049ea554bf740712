from odoo import api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..models.keten_dossier import KWALIFICATIES
from ..models.keten_melding import CATEGORIES, CHANNELS
from ..models.keten_person import GENDERS, NATIONALITY_GROUPS
from ..tools.person_data import AGE_GROUPS
from .keten_rapportage_figures import DEFAULT_TZ

# Identifiers behind the count_distinct measures and the row id: aggregated
# only, never grouped on, filtered on or read row by row.
KEY_FIELDS = frozenset({"id", "dossier_count", "victim_count", "melding_count"})


class KetenRapportage(models.Model):
    """Figures without record access: an SQL view with non-identifying dimensions.

    One row per dossier x verschijningsvorm x victim and one per melding x
    verschijningsvorm; the measures count distinct dossiers, victims (per
    dossier) and meldingen, so every grouping counts each of them once.

    Readable by Rapportage and Ketenregie, who may see region-wide aggregates;
    the view has no record rules. Rows cannot be read one by one: only
    ``read_group`` (pivot and graph) works, and the identifiers behind the
    measures can be neither grouped on nor filtered on.
    """

    _name = "keten.rapportage"
    _description = "Cijfers (rapportage)"
    _auto = False
    _order = "date_month desc"

    kind = fields.Selection(
        [("dossier", "Dossier"), ("melding", "Melding")],
        string="Counted record",
        readonly=True,
    )
    date_month = fields.Date(
        string="Month",
        readonly=True,
        help="Month the dossier was opened or the melding received.",
    )
    hoofdstap_id = fields.Many2one("keten.hoofdstap", readonly=True)
    stage_id = fields.Many2one("keten.stage", readonly=True)
    verschijningsvorm_id = fields.Many2one("keten.verschijningsvorm", readonly=True)
    woongemeente_id = fields.Many2one("keten.gemeente", readonly=True)
    gemeente_uitbuiting_id = fields.Many2one(
        "keten.gemeente", string="Gemeente van uitbuiting", readonly=True
    )
    age_group = fields.Selection(AGE_GROUPS, readonly=True)
    gender = fields.Selection(GENDERS, readonly=True)
    nationality_group = fields.Selection(NATIONALITY_GROUPS, readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    category = fields.Selection(CATEGORIES, readonly=True)
    kwalificatie = fields.Selection(KWALIFICATIES, readonly=True)
    is_closed = fields.Boolean(string="Closed", readonly=True)
    dossier_count = fields.Integer(
        string="Dossiers", readonly=True, aggregator="count_distinct"
    )
    victim_count = fields.Integer(
        string="Victims (per dossier)", readonly=True, aggregator="count_distinct"
    )
    melding_count = fields.Integer(
        string="Meldingen", readonly=True, aggregator="count_distinct"
    )

    def _select_dossiers(self):
        return SQL(
            """
            SELECT 'dossier' AS kind,
                   date_trunc('month', d.date_opened)::date AS date_month,
                   d.hoofdstap_id, d.stage_id, r.vorm_id AS verschijningsvorm_id,
                   d.woongemeente_id, d.gemeente_uitbuiting_id,
                   p.age_group, p.gender, p.nationality_group,
                   fm.channel, fm.category, d.kwalificatie, d.is_closed,
                   d.id AS dossier_count, p.id AS victim_count,
                   NULL::integer AS melding_count
              FROM keten_dossier d
              LEFT JOIN keten_dossier_vorm_rel r ON r.dossier_id = d.id
              LEFT JOIN keten_dossier_person p
                ON p.dossier_id = d.id AND p.role = 'slachtoffer'
              LEFT JOIN LATERAL (
                    SELECT m.channel, m.category FROM keten_melding m
                     WHERE m.dossier_id = d.id
                     ORDER BY m.date_received, m.id LIMIT 1
              ) fm ON TRUE
            """
        )

    def _select_meldingen(self):
        return SQL(
            """
            SELECT 'melding',
                   date_trunc('month', m.date_received AT TIME ZONE 'UTC'
                              AT TIME ZONE %s)::date,
                   d.hoofdstap_id, d.stage_id, mr.vorm_id,
                   m.woongemeente_id, m.gemeente_uitbuiting_id,
                   NULL, NULL, NULL,
                   m.channel, m.category, d.kwalificatie, d.is_closed,
                   NULL, NULL, m.id
              FROM keten_melding m
              LEFT JOIN keten_dossier d ON d.id = m.dossier_id
              LEFT JOIN keten_melding_vorm_rel mr ON mr.melding_id = m.id
            """,
            DEFAULT_TZ,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS ("
                "SELECT row_number() OVER () AS id, facts.* FROM (%s UNION ALL %s)"
                " AS facts)",
                SQL.identifier(self._table),
                self._select_dossiers(),
                self._select_meldingen(),
            )
        )

    # ------------------------------------------------------------------
    # Aggregates only
    # ------------------------------------------------------------------
    @api.model
    def fields_get(self, allfields=None, attributes=None):
        result = super().fields_get(allfields, attributes)
        for name in KEY_FIELDS & result.keys():
            if "groupable" in result[name]:
                result[name]["groupable"] = False
        return result

    def _refuse_row_access(self):
        raise AccessError(
            self.env._(
                "The reporting figures are available as totals only (pivot and "
                "graph), not row by row."
            )
        )

    @api.model
    def _read_group_groupby(self, groupby_spec, query):
        if groupby_spec.split(":")[0].split(".")[0] in KEY_FIELDS:
            self._refuse_row_access()
        return super()._read_group_groupby(groupby_spec, query)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        for leaf in domain or ():
            if (
                isinstance(leaf, (list, tuple))
                and len(leaf) == 3
                and isinstance(leaf[0], str)
                and leaf[0].split(".")[0] in KEY_FIELDS
            ):
                self._refuse_row_access()
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _fetch_query(self, query, fields):
        if not self.env.su:
            self._refuse_row_access()
        return super()._fetch_query(query, fields)
