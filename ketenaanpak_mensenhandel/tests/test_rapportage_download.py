import io
import json

import openpyxl

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import security_off

P = "ketenaanpak_mensenhandel."
REPORT = "ketenaanpak_mensenhandel.rapportage_regionale_tafel"


@tagged("post_install", "-at_install", "keten_rapportage", "keten_tours")
class TestRapportageDownload(HttpCase):
    """The workbook downloaded the way the web client does it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        security_off(cls.env)

    def download(self, login, wizard):
        self.authenticate(login, login)
        return self.url_open(
            "/report/download",
            data={
                "data": json.dumps([f"/report/xlsx/{REPORT}/{wizard.id}", "xlsx"]),
                "context": json.dumps({"lang": "en_US"}),
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_coordinator_downloads_the_workbook(self):
        user = new_test_user(
            self.env,
            login="kt_http_regie",
            groups=f"base.group_user,{P}group_ketenregie",
        )
        wizard = (
            self.env["keten.rapportage.wizard"]
            .with_user(user)
            .create({"date_from": "2025-01-01", "date_to": "2025-12-31"})
        )
        response = self.download("kt_http_regie", wizard)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertIn(
            "Rapportage%20Regionale%20Tafel%2001-01-2025%20-%2031-12-2025.xlsx",
            response.headers["Content-Disposition"],
        )
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(workbook.sheetnames[0], "Samenvatting")
        self.assertEqual(workbook["Samenvatting"]["A1"].value, "Samenvatting")

    def test_someone_elses_wizard_is_not_rendered(self):
        owner = new_test_user(
            self.env,
            login="kt_http_owner",
            groups=f"base.group_user,{P}group_ketenregie",
        )
        new_test_user(
            self.env,
            login="kt_http_other",
            groups=f"base.group_user,{P}group_rapportage",
        )
        wizard = (
            self.env["keten.rapportage.wizard"]
            .with_user(owner)
            .create({"date_from": "2025-01-01", "date_to": "2025-12-31"})
        )
        response = self.download("kt_http_other", wizard)
        self.assertNotIn("spreadsheetml", response.headers.get("Content-Type", ""))
        self.assertIn("AccessError", response.text)

    def test_rapportage_user_opens_the_figures_and_the_wizard(self):
        new_test_user(
            self.env,
            login="kt_tour_rapportage",
            groups=f"base.group_user,{P}group_rapportage",
        )
        melding = self.env["keten.melding"].create(
            {
                "content": "Signalen gezien.",
                "melder_name": "Melder",
                "verschijningsvorm_ids": [(6, 0, self.env.ref(P + "vorm_arbeid").ids)],
            }
        )
        melding.action_create_dossier()
        self.start_tour(
            f"/odoo/action-{P}keten_rapportage_action",
            "keten_rapportage_dashboard",
            login="kt_tour_rapportage",
            timeout=180,  # the first tour of a new database bundles the assets
        )
