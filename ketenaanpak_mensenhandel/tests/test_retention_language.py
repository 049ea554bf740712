"""The texts anonymisation leaves in the records are in the region's language
(its company's), not in the language of the user or cron that runs it."""

from odoo.tests import tagged

from .common import P, load_dutch
from .retention_common import RetentionCase


@tagged("post_install", "-at_install", "keten_retention")
class TestRetentionLanguage(RetentionCase):
    def test_cron_in_english_writes_the_region_language(self):
        load_dutch(self.env)
        self.env.company.partner_id.lang = "nl_NL"
        cron = self.env.ref(P + "ir_cron_keten_retention")
        cron.user_id.lang = "en_US"
        dossier = self.close_dossier_fully(self.dossier_a, closed_on=self.years_ago(6))
        victim = self.person_victim
        melding = dossier.melding_ids
        self.env["keten.retention"].with_user(cron.user_id).with_context(
            lang=cron.user_id.lang
        )._cron_run(batch_size=50)
        self.env.invalidate_all()
        self.assertTrue(victim.is_anonymised)
        self.assertEqual(victim.name, f"Geanonimiseerde persoon {victim.id}")
        self.assertEqual(melding.content, "[verwijderd]")
        note = dossier.message_ids.filtered(
            lambda m: "Geanonimiseerd" in (m.body or "")
        )
        self.assertTrue(note, "the note of the anonymisation is in Dutch")
        self.assertIn("bewaartermijn verstreken", note.body)
        self.assertNotIn("[removed]", melding.content)

    def test_without_a_region_language_the_running_language(self):
        self.env.company.partner_id.lang = False
        dossier = self.close_dossier_fully(self.dossier_a, closed_on=self.years_ago(6))
        self.env["keten.retention"].with_context(lang="en_US")._cron_run(batch_size=50)
        self.env.invalidate_all()
        self.assertEqual(dossier.melding_ids.content, "[removed]")
        self.assertEqual(
            self.person_victim.name, f"Anonymised person {self.person_victim.id}"
        )
