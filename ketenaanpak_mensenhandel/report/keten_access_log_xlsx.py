"""The access log as an XLSX workbook, for the privacy officer: select the rows
(per person with 'Person concerned', per user, per period) and print. The
export itself is a row of the log."""

from odoo import models
from odoo.exceptions import AccessError
from odoo.tools import format_datetime

COLUMNS = (
    "create_date",
    "user_id",
    "login",
    "role",
    "organisation_names",
    "res_model",
    "record_ref",
    "dossier_res_id",
    "person_res_id",
    "action",
    "path",
    "ip_address",
    "session_ref",
    "user_agent",
    "detail",
)


class KetenAccessLogXlsx(models.AbstractModel):
    _name = "report.ketenaanpak_mensenhandel.access_log_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Access log (XLSX)"

    def generate_xlsx_report(self, workbook, data, rows):
        if not self.env.user.has_group("ketenaanpak_mensenhandel.group_privacy"):
            raise AccessError(
                self.env._("The access log is exported by the privacy officer.")
            )
        rows.check_access("read")
        sheet = workbook.add_worksheet(self.env._("Access log"))
        bold = workbook.add_format({"bold": True})
        Log = self.env["keten.access.log"]
        for column, fname in enumerate(COLUMNS):
            sheet.write(
                0, column, Log._fields[fname]._description_string(self.env), bold
            )
        labels = {
            fname: dict(Log._fields[fname]._description_selection(self.env))
            for fname in ("action", "path")
        }
        for line, row in enumerate(rows.sorted("id"), start=1):
            for column, fname in enumerate(COLUMNS):
                value = row[fname]
                if fname == "create_date":
                    value = format_datetime(self.env, value)
                elif fname == "user_id":
                    value = value.name or ""
                elif fname in labels:
                    value = labels[fname].get(value, value or "")
                sheet.write(line, column, value if value not in (False, None) else "")
        rows._log_own_export()
