"""Reports that write the access log while they render need a read/write
cursor. Odoo serves ``/report/<converter>/<reportname>`` (the HTML preview the
client shows when it cannot make a PDF) on a read-only cursor: the INSERT of
the log row would fail and Odoo would render the report a second time on a
read/write cursor, logging a warning. For the chain's logged reports the route
asks for a read/write cursor from the start; every other report stays
read-only."""

from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.report import ReportController

# The reports whose rendering is logged (action print).
LOGGED_REPORTS = (
    "ketenaanpak_mensenhandel.casusoverleg_agenda",
    "ketenaanpak_mensenhandel.casusoverleg_verslag",
    "ketenaanpak_mensenhandel.avg_inzage",
)


def _readonly(_controller):
    path = request.httprequest.path if request else ""
    return not any(f"/{name}" in path for name in LOGGED_REPORTS)


class KetenReportController(ReportController):
    @http.route(readonly=_readonly)
    def report_routes(self, reportname, docids=None, converter=None, **data):
        return super().report_routes(
            reportname, docids=docids, converter=converter, **data
        )
