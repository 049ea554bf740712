"""Writing the solved publication into the workbook (xlsxwriter): a sheet per
publication sheet, its blocks, their cells in the format of their kind, and a
line chart where a block asks for one. Reads no record."""

from odoo import models

from ..tools.publication import Text
from .keten_rapportage_xlsx import TITLE


class RapportageRegionaleTafelXlsx(models.AbstractModel):
    _inherit = "report.ketenaanpak_mensenhandel.rapportage_regionale_tafel"  # pylint: disable=consider-merging-classes-inherited

    def _formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "subtitle": workbook.add_format({"italic": True, "font_color": "#555555"}),
            "intro": workbook.add_format({"font_color": "#333333"}),
            "block": workbook.add_format({"bold": True, "font_size": 12}),
            "note": workbook.add_format({"italic": True, "font_color": "#555555"}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({"border": 1}),
            "total": workbook.add_format({"bold": True, "border": 1}),
            "count": workbook.add_format({"border": 1, "num_format": "0"}),
            "number": workbook.add_format({"border": 1, "num_format": "0.0"}),
            "percent": workbook.add_format({"border": 1, "num_format": "0%"}),
            "suppressed": workbook.add_format(
                {"border": 1, "align": "right", "font_color": "#7F7F7F"}
            ),
        }

    def _write_workbook(self, workbook, publication):
        workbook.set_properties(
            {
                "title": TITLE,
                "subject": "Aard en omvang en ketenprestaties (geanonimiseerd)",
                "author": "Ketenaanpak mensenhandel",
                "company": "",
                "comments": "",
            }
        )
        formats = self._formats(workbook)
        for sheet in publication.sheets:
            self._write_sheet(workbook, formats, publication, sheet)

    def _write_sheet(self, workbook, formats, publication, sheet):
        worksheet = workbook.add_worksheet(sheet["name"])
        worksheet.set_column(0, 0, 48)
        worksheet.set_column(1, 30, 14)
        worksheet.write_string(0, 0, sheet["name"], formats["title"])
        worksheet.write_string(1, 0, publication.period_line, formats["subtitle"])
        row = 2
        for line in sheet["intro"]:
            worksheet.write_string(row, 0, line, formats["intro"])
            row += 1
        row += 1
        for block in sheet["blocks"]:
            row = self._write_block(
                workbook, worksheet, formats, publication, block, row
            )

    def _write_block(self, workbook, worksheet, formats, publication, block, row):
        worksheet.write_string(row, 0, block.title, formats["block"])
        row += 1
        if block.note:
            worksheet.write_string(row, 0, block.note, formats["note"])
            row += 1
        for col, label in enumerate(block.header):
            worksheet.write_string(row, col, label, formats["header"])
        chart_col = len(block.header) + 1
        if block.chart:
            worksheet.write_string(row, chart_col, "Maand (grafiek)", formats["header"])
            for index, label in enumerate(block.header[1:]):
                worksheet.write_string(
                    row, chart_col + 1 + index, label, formats["header"]
                )
        header_row = row
        row += 1
        first_data = row
        for line in block.rows:
            is_total = isinstance(line[0], Text) and line[0].style == "total"
            for col, cell in enumerate(line):
                value, kind = publication.display(cell)
                self._write_cell(worksheet, formats, row, col, value, kind)
            if block.chart and not is_total:
                worksheet.write_string(row, chart_col, publication.display(line[0])[0])
                for index, cell in enumerate(line[1:]):
                    value, kind = publication.display(cell)
                    if kind == "count":
                        worksheet.write_number(row, chart_col + 1 + index, value)
                    else:
                        worksheet.write_formula(
                            row, chart_col + 1 + index, "=NA()", None, "#N/A"
                        )
            row += 1
        if block.chart:
            last_data = row - 1
            if block.rows and isinstance(block.rows[-1][0], Text):
                last_data -= 1  # the total row is not plotted
            chart = workbook.add_chart({"type": "line"})
            for index in range(block.chart["series"]):
                col = chart_col + 1 + index
                chart.add_series(
                    {
                        "name": [worksheet.name, header_row, col],
                        "categories": [
                            worksheet.name,
                            first_data,
                            chart_col,
                            last_data,
                            chart_col,
                        ],
                        "values": [worksheet.name, first_data, col, last_data, col],
                        "marker": {"type": "circle"},
                    }
                )
            chart.set_title({"name": block.chart["title"]})
            chart.show_blanks_as("gap")
            chart.set_size({"width": 900, "height": 420})
            worksheet.insert_chart(row + 1, 0, chart)
        return row + 1

    def _write_cell(self, worksheet, formats, row, col, value, kind):
        if value is None or value == "":
            worksheet.write_blank(row, col, None, formats["text"])
        elif kind in ("count", "number", "percent"):
            worksheet.write_number(row, col, value, formats[kind])
        elif kind in ("suppressed", "total"):
            worksheet.write_string(row, col, str(value), formats[kind])
        else:
            worksheet.write_string(row, col, str(value), formats["text"])
