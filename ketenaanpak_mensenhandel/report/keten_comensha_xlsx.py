"""The CoMensha export as an XLSX workbook: the registrations of the period,
and their totals next to the victims the Regionale-Tafel workbook counts."""

from collections import Counter

from odoo import models
from odoo.exceptions import AccessError

from ..models.keten_person import GENDERS, NATIONALITY_GROUPS
from ..tools.person_data import AGE_GROUPS

TABLES = (
    ("age_group", AGE_GROUPS),
    ("gender", GENDERS),
    ("nationality_group", NATIONALITY_GROUPS),
)


class KetenComenshaXlsx(models.AbstractModel):
    _name = "report.ketenaanpak_mensenhandel.comensha_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "CoMensha export (XLSX)"

    def generate_xlsx_report(self, workbook, data, wizards):
        if not self.env.user.has_group("ketenaanpak_mensenhandel.group_ketenregie"):
            raise AccessError(
                self.env._("The CoMensha export is made by the ketenregie.")
            )
        wizards.check_access("read")
        bold = workbook.add_format({"bold": True})
        for wizard in wizards:
            registrations, rows = wizard._export_rows()
            sheet = workbook.add_worksheet(self.env._("Registrations"))
            for column, label in enumerate(wizard._export_header()):
                sheet.write(0, column, label, bold)
            for line, row in enumerate(rows, start=1):
                for column, value in enumerate(row):
                    sheet.write(line, column, value)
            self._write_totals(workbook, wizard, registrations, bold)
            wizard._log_export(registrations)

    def _write_totals(self, workbook, wizard, registrations, bold):
        """The summary, then per age band, gender and nationality group the
        registrations by verschijningsvorm, laid out as the workbook's tables
        of victims."""
        _ = self.env._
        sheet = workbook.add_worksheet(_("Totals"))
        line = 0
        sheet.write(
            line, 0, _("Reconciliation with the Rapportage Regionale Tafel"), bold
        )
        for label, count in wizard._reconciliation():
            line += 1
            sheet.write(line, 0, label)
            sheet.write(line, 1, count)
        vormen = (
            self.env["keten.verschijningsvorm"]
            .sudo()
            .with_context(active_test=False)
            .search([], order="sequence, id")
        )
        unknown = vormen.filtered(lambda v: v.code == "onbekend")[:1]
        Registration = self.env["keten.comensha.registration"]
        for fname, selection in TABLES:
            field = Registration._fields[fname]
            labels = dict(field._description_selection(self.env))
            line += 2
            sheet.write(
                line,
                0,
                _(
                    "Registered victims by %(dimension)s and verschijningsvorm",
                    dimension=field._description_string(self.env).lower(),
                ),
                bold,
            )
            line += 1
            header = [field._description_string(self.env), *vormen.mapped("name")]
            for column, label in enumerate([*header, _("Total")]):
                sheet.write(line, column, label, bold)
            counted = Counter(
                (registration[fname], vorm.id)
                for registration in registrations
                for vorm in (registration.verschijningsvorm_ids or unknown)
            )
            totals = [0] * len(vormen)
            for key, _label in selection:
                counts = [counted[(key, vorm.id)] for vorm in vormen]
                totals = [a + b for a, b in zip(totals, counts, strict=True)]
                line += 1
                for column, value in enumerate(
                    [labels.get(key, key), *counts, sum(counts)]
                ):
                    sheet.write(line, column, value)
            line += 1
            for column, value in enumerate([_("Total"), *totals, sum(totals)]):
                sheet.write(line, column, value, bold)
