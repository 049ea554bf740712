"""The chain in headless Chromium (tours in static/tests/tours/keten_chain_tours.js).

Each test makes its own data (make test runs without demo data) and checks in
the database what the tour did."""

import base64
import logging
import os
import pathlib
import re
from unittest.mock import patch

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import ChromeBrowser

from .common import KetenCase, P, security_off

_logger = logging.getLogger(__name__)

# The PNGs of scripts/screenshots.py, one per board (see keten_boards_screenshots).
BOARDS = (
    "board_overzicht",
    "board_1_preventie",
    "board_2_signalering",
    "board_3_analyse",
    "board_4_uitvoering",
    "board_5_evaluatie",
)


@tagged("post_install", "-at_install", "keten_tours")
class TestChainTours(HttpCase, KetenCase):
    def test_meldpunt_registers_a_melding_and_does_the_first_weging(self):
        """Issue 2 and 9: a melding, its dossier moved across the boards
        Signaleren and Analyse, the 1e weging on the way."""
        tourdorp = self.env["keten.gemeente"].create(
            {"name": "Tourdorp", "cbs_code": "GM9903"}
        )
        self.start_tour(
            f"/odoo/action-{P}keten_melding_action",
            "keten_meldpunt_melding_weging",
            login=self.user_meldpunt.login,
            timeout=180,  # the first tour of a new database bundles the assets
        )
        melding = self.env["keten.melding"].search(
            [("melder_name", "=", "Wijkagent Tour")]
        )
        self.assertEqual(len(melding), 1)
        self.assertEqual(melding.organisation_id, self.org_vt)
        self.assertEqual(melding.verschijningsvorm_ids, self.vorm_seksueel)
        dossier = melding.dossier_id
        self.assertTrue(dossier)
        self.assertEqual(dossier.woongemeente_id, tourdorp)
        weging = dossier.weging_ids.filtered(lambda w: w.weging_type == "eerste")
        self.assertEqual(weging.state, "vastgesteld")
        self.assertEqual(weging.kwalificatie, "wel")
        self.assertEqual(weging.veiligheid, "onveilig")
        # moved on the Signaleren board, confirmed into Analyse, moved on there
        self.assertEqual(dossier.stage_id, self.stage_tweede_weging)
        visited = dossier.stage_history_ids.mapped("stage_id")
        self.assertIn(self.stage_verrijken, visited)
        self.assertIn(self.stage_casusoverleg, visited)

    def test_ketenregie_plans_a_casusoverleg_and_records_besluiten(self):
        dossier = self.dossier_a
        dossier.name = "DOSSIER-TOUR"
        self.first_weging(dossier)
        self.assertEqual(dossier.hoofdstap_code, "analyse")
        self.start_tour(
            f"/odoo/action-{P}keten_casusoverleg_action",
            "keten_regie_casusoverleg",
            login=self.user_regie.login,
            timeout=180,
        )
        overleg = self.env["keten.casusoverleg"].search(
            [("item_ids.dossier_id", "=", dossier.id)]
        )
        self.assertEqual(len(overleg), 1)
        self.assertEqual(overleg.state, "vastgesteld")
        self.assertEqual(overleg.approved_by_id, self.user_regie)
        self.assertTrue(overleg.attendee_ids)
        item = overleg.item_ids
        self.assertEqual(item.state, "besproken")
        self.assertEqual(item.question, "Opvang en zorgcoördinatie afspreken?")
        self.assertIn("Moviera regelt opvang", item.decisions)

    def test_every_verschijningsvorm_shows_on_the_cards(self):
        """Odoo 18's kanban leaves out many2many tags of colour 0: a dossier of
        verschijningsvorm *onbekend* would show no tag at all on the boards."""
        vormen = self.env["keten.verschijningsvorm"].search([])
        self.assertIn(self.vorm_onbekend, vormen)
        self.assertFalse(vormen.filtered(lambda v: not v.color))
        new = self.env["keten.verschijningsvorm"].create({"name": "Nieuw", "code": "x"})
        self.assertTrue(new.color)

    def test_partner_sees_only_its_involved_dossiers_on_the_boards(self):
        self.dossier_b.woongemeente_id = self.gemeente_b
        self.assertEqual(self.dossier_a.woongemeente_id.name, "Testdorp")
        self.assertEqual(self.gemeente_b.name, "Teststad")
        partner = self.user_partner_gemeente
        involved = self.env["keten.dossier"].with_user(partner).search([])
        self.assertIn(self.dossier_a, involved)
        self.assertNotIn(self.dossier_b, involved)
        self.start_tour(
            f"/odoo/action-{P}keten_dossier_action",
            "keten_partner_boards",
            login=partner.login,
            timeout=180,
        )

    def test_privacy_officer_answers_an_inzage_and_prints_the_register(self):
        """Issue 10: the privacy officer finds the person of a request, checks
        the identity and prints the inzage report and the register."""
        self.dossier_a.name = "DOSSIER-INZAGE"
        Log = self.env["keten.access.log"]
        since = Log.search([], limit=1).id or 0
        self.start_tour(
            f"/odoo/action-{P}keten_avg_request_action",
            "keten_privacy_inzage",
            login=self.user_privacy.login,
            timeout=180,
        )
        request = self.env["keten.avg.request"].search(
            [("person_id", "=", self.person_victim.id)]
        )
        self.assertEqual(len(request), 1)
        self.assertTrue(request.identity_verified)
        self.assertEqual(request.verified_by_id, self.user_privacy)
        self.assertEqual(request.report_user_id, self.user_privacy)
        printed = Log.search(
            [("id", ">", since), ("action", "=", "print"), ("path", "=", "inzage")]
        )
        self.assertIn(self.dossier_a.id, printed.mapped("dossier_res_id"))


def _screenshot_console(directory, original):
    """A ChromeBrowser console handler that answers the tour's
    ``keten-screenshot:<name>`` with a PNG of the page in ``directory`` and then
    marks the page, so the tour goes on only once the picture is taken."""

    def handle(browser, type, args=None, stackTrace=None, **kw):  # pylint: disable=redefined-builtin
        message = (args or [{}])[0].get("value") or ""
        if type == "info" and message.startswith("keten-screenshot:"):
            name = re.sub(r"\W", "", message.split(":", 1)[1])

            def save(future):
                data = future.result()["data"]
                path = pathlib.Path(directory) / f"{name}.png"
                path.write_bytes(base64.b64decode(data))
                _logger.info("Screenshot %s", path)
                browser._websocket_send(
                    "Runtime.evaluate",
                    params={
                        "expression": f"document.body.dataset.ketenShot = '{name}'"
                    },
                )

            browser._websocket_send(
                "Page.captureScreenshot", with_future=True
            ).add_done_callback(save)
        return original(browser, type, args, stackTrace, **kw)

    return handle


@tagged("post_install", "-at_install", "keten_tours")
class TestBoardWalk(HttpCase):
    """The ketenregie opens every board, one after the other.

    With ``KETEN_SCREENSHOTS=<dir>`` and ``KETEN_SCREENSHOTS_LOGIN=<login>`` (run
    by ``scripts/screenshots.py`` on the demo database) the walk logs in as that
    existing user, makes no data of its own and saves a PNG of every board in
    ``<dir>`` (docs/screenshots/)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        security_off(cls.env)

    def test_ketenregie_walks_every_board(self):
        directory = os.environ.get("KETEN_SCREENSHOTS")
        login = os.environ.get("KETEN_SCREENSHOTS_LOGIN")
        if not (directory and login):
            login = self._make_board_data()
            directory = None
        code = "odoo.startTour('keten_boards_screenshots', {})"
        if directory:
            pathlib.Path(directory).mkdir(parents=True, exist_ok=True)
            code = "window.ketenScreenshots = true; " + code
        with patch.object(
            ChromeBrowser,
            "_handle_console",
            _screenshot_console(directory, ChromeBrowser._handle_console)
            if directory
            else ChromeBrowser._handle_console,
        ):
            self.start_tour(
                f"/odoo/action-{P}keten_dossier_action",
                "keten_boards_screenshots",
                login=login,
                code=code,
                timeout=180,
            )
        if directory:
            for board in BOARDS:
                self.assertTrue((pathlib.Path(directory) / f"{board}.png").is_file())

    def _make_board_data(self):
        organisation = self.env["keten.organisation"].create(
            {
                "name": "Walk ZVH",
                "kind": "veiligheid",
                "membership": "ketenregieteam",
                "is_procesregie": True,
            }
        )
        user = new_test_user(
            self.env,
            login="kt_walk_regie",
            groups=f"base.group_user,{P}group_ketenregie",
            keten_organisation_ids=[(6, 0, organisation.ids)],
        )
        self.env["keten.preventie"].create({"name": "Voorlichting horeca"})
        melding = self.env["keten.melding"].create(
            {"content": "Signalen gezien.", "melder_name": "Melder"}
        )
        melding.action_create_dossier()
        return user.login


@tagged("post_install", "-at_install", "keten_tours")
class TestDocumentTour(HttpCase, KetenCase):
    def test_ketenregie_drops_a_document_on_a_dossier(self):
        """Issue 21: upload by drag and drop, the PDF previewed, the preview a
        read in the access log."""
        dossier = self.dossier_a
        self.start_tour(
            f"/odoo/action-{P}keten_dossier_action/{dossier.id}",
            "keten_document_drop",
            login=self.user_regie.login,
            timeout=180,
        )
        document = self.env["keten.document"].search([("dossier_id", "=", dossier.id)])
        self.assertEqual(len(document), 1)
        self.assertEqual(document.name, "Verklaring tour")
        self.assertEqual(document.document_type, "medisch")
        self.assertEqual(document.confidentiality, "medisch")
        self.assertEqual(document.file_name, "verklaring-tour.pdf")
        self.assertEqual(document.mimetype, "application/pdf")
        self.assertEqual(
            base64.b64decode(document.datas),
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n",
        )
        self.assertEqual(document.organisation_id, self.org_zvh)
        self.assertEqual(document.person_id, self.person_victim)  # the one victim
        self.env.flush_all()
        served = self.env["keten.access.log"].search(
            [
                ("res_model", "=", "keten.document"),
                ("res_id", "=", document.id),
                ("path", "=", "download"),
                ("user_id", "=", self.user_regie.id),
            ]
        )
        self.assertTrue(served, "the preview is a read of the file")
