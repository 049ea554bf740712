from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KetenCase


@tagged("post_install", "-at_install", "keten_process")
class TestProcess(KetenCase):
    def test_happy_path_from_melding_to_evaluatie(self):
        dossier = self.dossier_a
        self.assertEqual(dossier.stage_id, self.stage_ontvangen)
        self.assertTrue(dossier.name.startswith("MH-"))
        self.assertIn(self.org_gemeente, dossier.involved_organisation_ids)
        self.assertIn(self.org_vt, dossier.involved_organisation_ids)
        roles = {(link.person_id, link.role) for link in dossier.person_link_ids}
        self.assertIn((self.person_victim, "slachtoffer"), roles)
        self.assertIn((self.person_suspect, "verdachte"), roles)

        self.first_weging(dossier)
        self.assertEqual(dossier.stage_id.hoofdstap_code, "analyse")
        self.assertEqual(dossier.kwalificatie, "wel")

        overleg = self.env["keten.casusoverleg"].create(
            {
                "date_start": "2026-01-15 10:00:00",
                "item_ids": [
                    (0, 0, {"dossier_id": dossier.id, "deadline": "2026-12-31"})
                ],
            }
        )
        # the flexibele schil partner for seksuele uitbuiting is invited for this case
        self.assertIn(self.org_ggd, overleg.item_ids.invited_organisation_ids)
        self.assertIn(self.org_ggd, dossier.involved_organisation_ids)

        self.second_weging(dossier, overleg_id=overleg.id)
        self.assertEqual(dossier.quadrant, "mh_zorg")
        self.assertTrue(dossier.traject_zorg_strafrecht)
        self.assertTrue(dossier.has_criminal_track)

        overleg.action_fill_attendance()
        overleg.action_hold()
        overleg.item_ids.decisions = "Plan van aanpak opstellen."
        overleg.action_approve()
        self.assertEqual(overleg.state, "vastgesteld")

        plan = self.adopted_plan(dossier)
        self.assertEqual(dossier.plan_id, plan)
        dossier.stage_id = self.stage_uitvoering
        self.env["keten.interventie"].create(
            {
                "dossier_id": dossier.id,
                "name": "Opvang",
                "intervention_type": "opvang",
                "organisation_id": self.org_moviera.id,
            }
        )
        dossier.stage_id = self.stage_nazorg
        dossier.nazorg_status = "geregeld"
        evaluatie = self.env["keten.evaluatie"].create(
            {
                "name": "Casusevaluatie",
                "dossier_id": dossier.id,
                "date_planned": "2026-12-01",
                "procesbegeleider_organisation_id": self.org_riec.id,
            }
        )
        dossier.stage_id = self.stage_afgesloten
        self.assertTrue(dossier.is_closed)
        self.assertTrue(dossier.date_closed)
        self.assertEqual(dossier.closing_reason, "afgerond")
        self.assertEqual(dossier.melding_ids.state, "afgerond")

        evaluatie.case_description = "Een jonge vrouw werd via een loverboy uitgebuit."
        evaluatie.lesson_ids = [(0, 0, {"description": "Eerder de GGD betrekken."})]
        evaluatie.action_done()
        evaluatie.action_approve()
        self.assertEqual(dossier.stage_id, self.stage_geevalueerd)

    def test_guard_leaving_signalering_needs_first_weging(self):
        with self.assertRaisesRegex(UserError, "1e weging"):
            self.dossier_a.stage_id = self.stage_casusoverleg
        self.assertEqual(self.dossier_a.stage_id, self.stage_ontvangen)
        # an unconfirmed weging is not enough
        self.first_weging(self.dossier_a, confirm=False)
        with self.assertRaisesRegex(UserError, "1e weging"):
            self.dossier_a.stage_id = self.stage_casusoverleg
        # moving inside Signaleren is fine
        self.dossier_a.stage_id = self.stage_eerste_weging

    def test_guard_geen_mensenhandel_needs_afschaling_and_closes(self):
        weging = self.first_weging(
            self.dossier_a, "geen", confirm=False, afschaling_type=False
        )
        with self.assertRaisesRegex(UserError, "afschalen|overdracht"):
            weging.action_confirm()
        self.assertEqual(weging.state, "concept")
        weging.write(
            {
                "afschaling_type": "overdracht",
                "overdracht_organisation_id": self.org_ggd.id,
            }
        )
        weging.action_confirm()
        self.assertEqual(self.dossier_a.stage_id, self.stage_afgeschaald)
        self.assertTrue(self.dossier_a.is_closed)
        self.assertEqual(self.dossier_a.closing_reason, "overgedragen")
        # geen mensenhandel never goes on to Analyse
        with self.assertRaisesRegex(UserError, "geen mensenhandel"):
            self.dossier_a.stage_id = self.stage_casusoverleg

    def test_guard_afgeschaald_refused_for_wel(self):
        self.first_weging(self.dossier_a)
        with self.assertRaisesRegex(UserError, "geen mensenhandel"):
            self.dossier_a.stage_id = self.stage_afgeschaald
        self.assertFalse(self.dossier_a.is_closed)

    def test_guard_uitvoering_needs_adopted_plan(self):
        self.first_weging(self.dossier_a)
        plan = self.env["keten.plan"].create(
            {
                "dossier_id": self.dossier_a.id,
                "goal": "Doel",
                "action_ids": [
                    (0, 0, {"name": "Actie", "organisation_id": self.org_zvh.id})
                ],
            }
        )
        with self.assertRaisesRegex(UserError, "plan van aanpak"):
            self.dossier_a.stage_id = self.stage_uitvoering
        plan.action_adopt()
        self.dossier_a.stage_id = self.stage_uitvoering
        self.assertEqual(self.dossier_a.hoofdstap_code, "uitvoering")

    def test_guard_closing_needs_nazorg_and_evaluation(self):
        self.bring_to_uitvoering(self.dossier_a)
        with self.assertRaisesRegex(UserError, "nazorg"):
            self.dossier_a.stage_id = self.stage_afgesloten
        self.dossier_a.nazorg_status = "niet_nodig"
        with self.assertRaisesRegex(UserError, "evaluatie"):
            self.dossier_a.stage_id = self.stage_afgesloten
        self.assertFalse(self.dossier_a.is_closed)
        self.env["keten.evaluatie"].create(
            {
                "name": "Evaluatie",
                "dossier_id": self.dossier_a.id,
                "date_planned": "2026-12-01",
            }
        )
        self.dossier_a.stage_id = self.stage_afgesloten
        self.assertTrue(self.dossier_a.is_closed)

    def test_guard_refusal_is_dutch(self):
        dossier = self.dossier_a.with_context(lang="nl_NL")
        if not self.env["res.lang"]._lang_get("nl_NL").active:
            self.env["res.lang"]._activate_lang("nl_NL")
            self.env["ir.module.module"].search(
                [("name", "=", "ketenaanpak_mensenhandel")]
            )._update_translations(["nl_NL"])
        with self.assertRaisesRegex(UserError, "1e weging met een kwalificatie"):
            dossier.stage_id = self.stage_casusoverleg

    def test_melding_joins_open_dossier(self):
        melding = self.create_melding(self.person_victim, self.org_moviera)
        self.assertEqual(melding.dossier_id, self.dossier_a)
        self.assertEqual(melding.state, "in_behandeling")
        self.assertIn(self.org_moviera, self.dossier_a.involved_organisation_ids)
        self.assertEqual(
            len(
                self.env["keten.dossier"].search(
                    [("person_link_ids.person_id", "=", self.person_victim.id)]
                )
            ),
            1,
        )

    def test_melding_after_closed_dossier_gets_new_dossier(self):
        self.first_weging(self.dossier_b, "geen")
        self.assertTrue(self.dossier_b.is_closed)
        melding = self.create_melding(self.person_other, self.org_moviera)
        self.assertFalse(melding.dossier_id)
        melding.action_create_dossier()
        self.assertTrue(melding.dossier_id)
        self.assertNotEqual(melding.dossier_id, self.dossier_b)

    def test_doorlaatverbod_needs_two_bewijsmiddelen(self):
        from odoo.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            self.first_weging(
                self.dossier_a,
                confirm=False,
                doorlaatverbod=True,
                bewijsmiddel_ids=[(0, 0, {"kind": "digitaal", "description": "Chat"})],
            )
        weging = self.first_weging(
            self.dossier_a,
            doorlaatverbod=True,
            bewijsmiddel_ids=[
                (0, 0, {"kind": "digitaal", "description": "Chatberichten"}),
                (0, 0, {"kind": "getuigenverklaring", "description": "Buurvrouw"}),
            ],
        )
        self.assertEqual(weging.state, "vastgesteld")
