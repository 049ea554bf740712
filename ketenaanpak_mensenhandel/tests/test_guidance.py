from odoo.tests import tagged

from ..models.keten_stage import text_blocks
from .common import KetenCase


@tagged("post_install", "-at_install", "keten_process")
class TestGuidance(KetenCase):
    def test_every_seeded_stage_carries_its_activity_card(self):
        stages = self.env["keten.stage"].search([])
        seeded = stages.filtered(lambda s: s.get_external_id()[s.id])
        self.assertGreaterEqual(len(seeded), 12)
        for stage in seeded:
            self.assertTrue(stage.card_description, stage.name)
            self.assertTrue(stage.card_result, stage.name)
            self.assertTrue(stage.card_partners, stage.name)
        for hoofdstap in self.env["keten.hoofdstap"].search([]):
            self.assertTrue(hoofdstap.guidance, hoofdstap.name)
            self.assertTrue(hoofdstap.owner_description, hoofdstap.name)

    def test_card_text_becomes_paragraphs_and_bullets(self):
        blocks = text_blocks("Intro line\n- one\n- two\n\nAfter\n• three")
        self.assertEqual(
            blocks,
            [
                ("p", "Intro line"),
                ("ul", ["one", "two"]),
                ("p", "After"),
                ("ul", ["three"]),
            ],
        )

    def test_help_panel_shows_card_and_rasci_of_the_stage(self):
        self.env["keten.rasci"].create(
            {
                "organisation_id": self.org_vt.id,
                "hoofdstap_id": self.stage_ontvangen.hoofdstap_id.id,
                "role": "R",
            }
        )
        card = str(self.dossier_a.stage_card)
        self.assertIn(self.stage_ontvangen.name, card)
        self.assertIn("one place", card)  # card_result of the meldpunt stage
        self.assertIn(self.org_vt.name, card)
        self.assertIn("Responsible", card)
        # a partner user reads the panel without access to RASCI configuration rights
        partner_card = self.dossier_a.with_user(self.user_partner_gemeente).stage_card
        self.assertIn(self.org_vt.name, str(partner_card))

    def test_next_step_follows_the_process(self):
        dossier = self.dossier_a
        self.assertIn("1e weging", dossier.next_step)
        weging = self.first_weging(dossier, confirm=False)
        dossier.invalidate_recordset(["next_step"])
        self.assertIn("confirm", dossier.next_step)
        weging.action_confirm()
        self.assertEqual(dossier.hoofdstap_code, "analyse")
        self.assertIn("agenda", dossier.next_step)
        self.env["keten.casusoverleg"].create(
            {
                "date_start": "2026-01-15 10:00:00",
                "item_ids": [(0, 0, {"dossier_id": dossier.id})],
            }
        )
        dossier.invalidate_recordset(["next_step"])
        self.assertIn("2e weging", dossier.next_step)
        self.second_weging(dossier)
        self.assertIn("plan van aanpak", dossier.next_step)
        self.adopted_plan(dossier)
        self.assertIn("Uitvoering", dossier.next_step)
        dossier.stage_id = self.stage_uitvoering
        self.assertIn("interventions", dossier.next_step)
        self.env["keten.interventie"].create(
            {
                "dossier_id": dossier.id,
                "name": "Opvang",
                "intervention_type": "opvang",
                "organisation_id": self.org_moviera.id,
            }
        )
        self.assertIn("nazorg", dossier.next_step)
        dossier.nazorg_status = "geregeld"
        self.assertIn("casus evaluatie", dossier.next_step)
        self.assertIn(dossier.next_step, str(dossier.stage_card))

    def test_geen_mensenhandel_closes_with_its_own_hint(self):
        self.first_weging(self.dossier_b, kwalificatie="geen")
        self.assertTrue(self.dossier_b.is_closed)
        self.assertIn("geen mensenhandel", self.dossier_b.next_step)

    def test_forms_show_the_card_of_their_activity(self):
        weging = self.env["keten.weging"].new({"weging_type": "eerste"})
        self.assertIn(self.stage_eerste_weging.name, str(weging.guidance_card))
        weging.weging_type = "tweede"
        self.assertIn(self.stage_tweede_weging.name, str(weging.guidance_card))
        overleg = self.env["keten.casusoverleg"].new({})
        self.assertIn(self.stage_casusoverleg.name, str(overleg.guidance_card))
        preventie = self.env["keten.preventie"].new({})
        self.assertIn("Repressive prevention", str(preventie.guidance_card))
        # a melder (secondary partner) sees the meldpunt card on the melding form
        melding = self.create_melding(organisation=self.org_school)
        card = melding.with_user(self.user_melder).guidance_card
        self.assertIn(self.stage_ontvangen.name, str(card))
