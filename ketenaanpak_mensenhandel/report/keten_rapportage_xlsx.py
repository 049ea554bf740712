"""XLSX workbook "Rapportage Regionale Tafel" (OCA report_xlsx).

Headers and labels are Dutch source text on purpose: the workbook is a Dutch
document for the Regionale Tafel, its headers are the chain's terms of art,
and the same period must give the same workbook whatever language the person
who downloads it uses in Odoo. Selection labels and record names are rendered
in Dutch (``nl_NL``) when that language is installed.

Anonymity by construction: only counts, percentages and durations computed
from the aggregates of :mod:`keten_rapportage_figures` are written; no record
is read except the names of municipalities, forms of exploitation and partner
organisations. Every count passes the suppression of :mod:`..tools.suppression`.

This file holds the report_xlsx hooks, the labels and the assembly of the
publication; the sheets are ``_inherit`` files by topic
(``keten_rapportage_xlsx_samenvatting.py``, ``_aard.py``, ``_doorlooptijd.py``,
``_casuswerk.py``) and ``keten_rapportage_xlsx_writer.py`` writes the solved
publication into the workbook.
"""

import tempfile

from odoo import models
from odoo.exceptions import UserError

from ..tools.publication import Block, Publication

TITLE = "Rapportage Regionale Tafel"
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
NO_VORM = "Niet vastgelegd"
UNKNOWN = "Onbekend"


def _day(value):
    return value.strftime("%d-%m-%Y")


def _month_label(month):
    return f"{MONTHS[month.month - 1]} {month.year}"


def _ratio(numerator, denominator):
    return numerator / denominator if denominator else None


class RapportageRegionaleTafelXlsx(models.AbstractModel):
    _name = "report.ketenaanpak_mensenhandel.rapportage_regionale_tafel"
    _inherit = "report.report_xlsx.abstract"
    _description = "Rapportage Regionale Tafel (XLSX)"

    # ------------------------------------------------------------------
    # report_xlsx hooks
    # ------------------------------------------------------------------
    def get_workbook_options(self):
        """Stream rows to temporary files instead of keeping every cell in
        memory; never turn text into formulas or links."""
        return {
            "constant_memory": True,
            "in_memory": False,
            "tmpdir": tempfile.gettempdir(),
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        }

    def generate_xlsx_report(self, workbook, data, objs):
        if len(objs) != 1 or objs._name != "keten.rapportage.wizard":
            raise UserError(
                self.env._("Start the Rapportage Regionale Tafel from its wizard.")
            )
        wizard = objs
        params = wizard._rapportage_params()
        figures = self.env["keten.rapportage.figures"]._collect(params)
        publication = self._build_publication(
            wizard, params, figures, wizard._suppression_threshold()
        )
        publication.solve()
        self._write_workbook(workbook, publication)

    # ------------------------------------------------------------------
    # Labels
    # ------------------------------------------------------------------
    def _lang_env(self):
        installed = dict(self.env["res.lang"].get_installed())
        lang = "nl_NL" if "nl_NL" in installed else self.env.lang
        return self.env(context=dict(self.env.context, lang=lang))

    def _selection(self, model, field):
        env = self._lang_env()
        return list(env[model]._fields[field]._description_selection(env))

    def _names(self, model, ids):
        records = self._lang_env()[model].sudo().with_context(active_test=False)
        return {record.id: record.name for record in records.browse(ids)}

    def _vorm_columns(self, params, used):
        Vorm = self._lang_env()["keten.verschijningsvorm"].sudo()
        if params.vorm_ids:
            vormen = Vorm.browse(params.vorm_ids).sorted(lambda v: (v.sequence, v.id))
        else:
            vormen = Vorm.with_context(active_test=False).search(
                ["|", ("active", "=", True), ("id", "in", [v for v in used if v])]
            )
        cols = [(vorm.id, vorm.name) for vorm in vormen]
        if None in used:
            cols.append((None, NO_VORM))
        return cols

    def _gemeente_rows(self, params, used):
        Gemeente = self.env["keten.gemeente"].sudo().with_context(active_test=False)
        if params.gemeente_ids:
            base = Gemeente.browse(params.gemeente_ids)
        else:
            base = Gemeente.search([("in_region", "=", True), ("active", "=", True)])
        others = Gemeente.browse([g for g in used if g]) - base
        rows = [(g.id, g.name) for g in base.sorted("name")]
        rows += [(g.id, f"{g.name} (buiten de regio)") for g in others.sorted("name")]
        rows.append((None, UNKNOWN))
        return rows

    # ------------------------------------------------------------------
    # The publication
    # ------------------------------------------------------------------
    def _build_publication(self, wizard, params, figures, threshold):
        publication = Publication(threshold)
        publication.period_line = self._period_line(params)
        self._sheet_samenvatting(publication, wizard, params, figures)
        self._sheet_aard(publication, params, figures["aard"])
        self._sheet_instroom(publication, params, figures)
        self._sheet_doorlooptijden(publication, params, figures)
        self._sheet_interventies(publication, params, figures["interventies"])
        self._sheet_uitkomsten(publication, params, figures["uitkomsten"])
        self._sheet_casusoverleg(publication, params, figures["casusoverleg"])
        self._sheet_trend(publication, params, figures)
        return publication

    def _period_line(self, params):
        return f"{TITLE} · periode {_day(params.date_from)} t/m {_day(params.date_to)}"

    def _key_list(self, pub, title, header, rows, note=None):
        return Block(
            title,
            header,
            [[label, pub.count(key, value)] for label, key, value in rows],
            note=note,
        )
