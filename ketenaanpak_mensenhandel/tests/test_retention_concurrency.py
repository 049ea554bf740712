"""Two retention runs at once, on two real database connections.

The data is committed (other connections cannot see a test transaction), so this
test removes it again afterwards.
"""

import uuid
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged

from ..models.keten_retention import KetenRetention

TAG = "Concurrency"


@tagged("post_install", "-at_install", "keten_retention")
class TestRetentionConcurrency(TransactionCase):
    def _create_closed_dossiers(self, env, count, shared_person):
        """``count`` dossiers closed six years ago; the first and the last share
        ``shared_person`` as suspect."""
        suffix = uuid.uuid4().hex[:8]
        organisation = env["keten.organisation"].create(
            {"name": f"{TAG} {suffix}", "membership": "ketenregieteam"}
        )
        closed_on = fields.Date.today() - relativedelta(years=6)
        dossiers = env["keten.dossier"]
        for index in range(count):
            person = env["keten.person"].create(
                {"first_name": f"{TAG}{index}", "last_name": suffix}
            )
            suspects = shared_person if index in (0, count - 1) else False
            melding = env["keten.melding"].create(
                {
                    "content": "Signalen.",
                    "melder_name": "Melder",
                    "organisation_id": organisation.id,
                    "person_ids": [(6, 0, person.ids)],
                    "suspect_ids": [(6, 0, suspects.ids)] if suspects else [],
                }
            )
            melding.action_create_dossier()
            dossier = melding.dossier_id
            weging = env["keten.weging"].create(
                {
                    "dossier_id": dossier.id,
                    "actueel": "nee",
                    "acuut_volgens_melder": "nee",
                    "veiligheid": "veilig",
                    "kwalificatie": "geen",
                    "afschaling_type": "afschalen",
                }
            )
            weging.action_confirm()
            dossier.write(
                {
                    "date_opened": closed_on - timedelta(days=30),
                    "date_closed": closed_on,
                }
            )
            dossiers |= dossier
        return organisation, dossiers

    def _cleanup(self, organisation_id, dossier_ids, person_ids):
        with self.registry.cursor() as cr:
            melding_ids = []
            if dossier_ids:
                cr.execute(
                    "SELECT id FROM keten_melding WHERE dossier_id = ANY(%s)",
                    [dossier_ids],
                )
                melding_ids = [row[0] for row in cr.fetchall()]
            cr.execute(
                "SELECT id FROM keten_weging WHERE dossier_id = ANY(%s)", [dossier_ids]
            )
            weging_ids = [row[0] for row in cr.fetchall()]
            for model, ids in (
                ("keten.dossier", dossier_ids),
                ("keten.melding", melding_ids),
                ("keten.person", person_ids),
                ("keten.weging", weging_ids),
                ("keten.organisation", [organisation_id]),
            ):
                cr.execute(
                    "DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)",
                    [model, ids],
                )
                cr.execute(
                    "DELETE FROM mail_followers WHERE res_model = %s "
                    "AND res_id = ANY(%s)",
                    [model, ids],
                )
            cr.execute("DELETE FROM keten_melding WHERE id = ANY(%s)", [melding_ids])
            cr.execute("DELETE FROM keten_dossier WHERE id = ANY(%s)", [dossier_ids])
            cr.execute("DELETE FROM keten_person WHERE id = ANY(%s)", [person_ids])
            cr.execute(
                "DELETE FROM keten_organisation WHERE id = %s", [organisation_id]
            )

    def test_two_runs_at_once_share_the_work(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if env["keten.retention"]._remaining():
                self.skipTest("this database holds data past its bewaartermijn")
            shared = env["keten.person"].create(
                {"first_name": f"{TAG}", "last_name": "Shared"}
            )
            organisation, dossiers = self._create_closed_dossiers(env, 6, shared)
            person_ids = dossiers.person_link_ids.person_id.ids
            ids = dossiers.ids
            organisation_id = organisation.id
        self.addCleanup(self._cleanup, organisation_id, ids, person_ids)

        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            # a regression to blocking makes the test fail instead of hang
            cr_b.execute("SET LOCAL lock_timeout = '10s'")
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            # run A claims its batch (the first step of _run_batch) ...
            claimed_a = env_a["keten.retention"]._due_ids(
                KetenRetention._DUE_DOSSIERS, 3, lock=True
            )
            self.assertEqual(len(claimed_a), 3)
            # ... while run B runs a whole batch: it skips what A holds
            summary_b = env_b["keten.retention"]._run_batch(batch_size=10)
            claimed_b = (
                env_b["keten.dossier"]
                .search([("id", "in", ids), ("is_anonymised", "=", True)])
                .ids
            )
            cr_b.commit()
            summary_a = env_a["keten.retention"]._anonymise(
                env_a["keten.dossier"].browse(claimed_a), reason="run A"
            )
            cr_a.commit()
        finally:
            cr_a.close()
            cr_b.close()

        self.assertEqual(sorted(claimed_b), sorted(set(ids) - set(claimed_a)))
        self.assertEqual(summary_a["dossiers"], 3)
        self.assertEqual(summary_b["dossiers"], 3)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            dossiers = env["keten.dossier"].browse(ids)
            self.assertTrue(all(dossiers.mapped("is_anonymised")))
            for dossier in dossiers:
                notes = env["mail.message"].search(
                    [
                        ("model", "=", "keten.dossier"),
                        ("res_id", "=", dossier.id),
                        ("body", "ilike", "Anonymised"),
                    ]
                )
                self.assertEqual(len(notes), 1, "anonymised once, not twice")
            shared = (
                env["keten.person"]
                .browse(person_ids)
                .filtered(lambda p: p.last_name == "Shared")
            )
            # each run saw the other's dossier of the shared suspect still open
            self.assertFalse(shared.is_anonymised)
            others = env["keten.person"].browse(person_ids) - shared
            self.assertTrue(all(others.mapped("is_anonymised")))
            # the next run's person sweep takes it
            env["keten.retention"]._run_batch()
            self.assertTrue(shared.is_anonymised)
