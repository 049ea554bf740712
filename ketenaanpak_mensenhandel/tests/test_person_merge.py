from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import KetenCase


@tagged("post_install", "-at_install", "keten_process")
class TestPersonMerge(KetenCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.keep = cls.person_victim  # Sanne de Vries, in dossier_a as slachtoffer
        cls.dup = cls.env["keten.person"].create(
            {
                "first_name": "Sanne",
                "last_name": "de Vries",
                "phone": "06-12345678",
                "note": "Spreekt ook Pools.",
            }
        )
        Link = cls.env["keten.dossier.person"]
        # the same role in the same dossier as the kept person: one must go
        cls.link_conflict = Link.create(
            {
                "dossier_id": cls.dossier_a.id,
                "person_id": cls.dup.id,
                "role": "slachtoffer",
                "note": "Via school",
            }
        )
        cls.link_b = Link.create(
            {"dossier_id": cls.dossier_b.id, "person_id": cls.dup.id, "role": "netwerk"}
        )
        cls.melding_about = cls.create_melding(cls.dup, cls.org_moviera)
        cls.melding_by = cls.create_melding(
            None, cls.org_moviera, melder_person_id=cls.dup.id
        )
        cls.melding_suspect = cls.create_melding(
            cls.person_other, cls.org_moviera, suspects=cls.dup
        )
        cls.interventie = cls.env["keten.interventie"].create(
            {
                "dossier_id": cls.dossier_a.id,
                "name": "Opvang",
                "intervention_type": "opvang",
                "organisation_id": cls.org_moviera.id,
                "person_id": cls.dup.id,
            }
        )
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "id.pdf",
                "raw": b"%PDF-1.4",
                "res_model": "keten.person",
                "res_id": cls.dup.id,
            }
        )

    def merge(
        self, user, persons=None, target=None, reason="Zelfde persoon, BSN bevestigd"
    ):
        wizard = (
            self.env["keten.person.merge.wizard"]
            .with_user(user)
            .create(
                {
                    "person_ids": [(6, 0, (persons or self.keep | self.dup).ids)],
                    "target_person_id": (target or self.keep).id,
                    "reason": reason,
                }
            )
        )
        return wizard.action_merge()

    def test_link_fields_are_found_generically(self):
        fields = set(self.env["keten.person"]._person_link_fields())
        for expected in (
            ("keten.dossier.person", "person_id"),
            ("keten.melding", "person_ids"),
            ("keten.melding", "suspect_ids"),
            ("keten.melding", "melder_person_id"),
            ("keten.interventie", "person_id"),
        ):
            self.assertIn(expected, fields)
        self.assertNotIn(("keten.person", "merged_into_id"), fields)

    def test_merge_keeps_every_link(self):
        summary = (
            self.env["keten.person.merge.wizard"]
            .with_user(self.user_regie)
            .new(
                {
                    "person_ids": [(6, 0, (self.keep | self.dup).ids)],
                    "target_person_id": self.keep.id,
                }
            )
            .summary
        )
        self.assertIn("Melding", str(summary))
        self.merge(self.user_regie)

        links_a = self.dossier_a.person_link_ids.filtered(
            lambda link: link.role == "slachtoffer"
        )
        self.assertFalse(
            self.env["keten.dossier.person"].search([("person_id", "=", self.dup.id)])
        )
        links_a = links_a.filtered(lambda link: link.person_id == self.keep)
        self.assertEqual(len(links_a), 1, "one victim role, no constraint error")
        self.assertIn("Via school", links_a.note)
        self.assertEqual(self.link_b.person_id, self.keep)
        self.assertEqual(self.melding_about.person_ids, self.keep)
        self.assertEqual(self.melding_by.melder_person_id, self.keep)
        self.assertEqual(self.melding_suspect.suspect_ids, self.keep)
        self.assertEqual(self.interventie.person_id, self.keep)
        self.assertEqual(self.attachment.res_id, self.keep.id)
        self.assertFalse(
            self.dup._records_pointing_here(), "nothing points to the duplicate"
        )
        # the duplicate is archived and points to the kept person
        self.assertFalse(self.dup.active)
        self.assertEqual(self.dup.merged_into_id, self.keep)
        # empty fields are filled, filled ones kept
        self.assertEqual(self.keep.phone, "06-12345678")
        self.assertIn("Spreekt ook Pools.", self.keep.note)
        self.assertEqual(self.keep.bsn, "111222333")
        # recorded: kept person, duplicate, every dossier, access log
        self.assertTrue(
            self.keep.message_ids.filtered(
                lambda m: f"P-{self.dup.id}" in (m.body or "")
            )
        )
        for dossier in (self.dossier_a, self.dossier_b):
            self.assertTrue(
                dossier.message_ids.filtered(
                    lambda m: f"P-{self.keep.id}" in (m.body or "")
                ),
                dossier.name,
            )
        logged = self.env["keten.access.log"].search(
            [("user_id", "=", self.user_regie.id), ("action", "=", "write")]
        )
        self.assertEqual(
            set(logged.mapped("person_res_id")), {self.keep.id, self.dup.id}
        )
        # the kept person now sees the duplicate's dossiers in its access
        self.assertIn(self.org_moviera, self.keep.access_organisation_ids)

    def test_only_the_ketenregie_merges(self):
        with self.assertRaises(AccessError):
            self.merge(self.user_partner_gemeente)
        self.assertTrue(self.dup.active)
        self.assertEqual(self.link_b.person_id, self.dup)

    def test_different_bsns_are_not_merged(self):
        self.dup.bsn = "123456782"
        with self.assertRaises(UserError):
            self.merge(self.user_regie)
        self.assertTrue(self.dup.active)
        self.assertEqual(self.melding_about.person_ids, self.dup)
        self.assertEqual(self.link_b.person_id, self.dup)

    def test_bsn_moves_to_the_kept_person(self):
        self.keep.bsn = False
        self.dup.bsn = "111222333"
        self.merge(self.user_regie)
        self.assertEqual(self.keep.bsn, "111222333")
        self.assertFalse(self.dup.bsn)

    def test_merge_needs_a_reason_and_a_duplicate(self):
        with self.assertRaises(UserError):
            self.merge(self.user_regie, reason="  ")
        with self.assertRaises(UserError):
            self.merge(self.user_regie, persons=self.keep)
        self.assertTrue(self.dup.active)

    def test_merge_from_the_person_form(self):
        action = self.dup.with_user(self.user_regie).action_merge_duplicates()
        self.assertEqual(action["res_model"], "keten.person.merge.wizard")
        ctx = action["context"]
        self.assertEqual(
            ctx["default_target_person_id"], self.keep.id, "the oldest is kept"
        )
        self.assertEqual(
            set(ctx["default_person_ids"][0][2]), {self.keep.id, self.dup.id}
        )
        with self.assertRaises(AccessError):
            self.dup.with_user(self.user_partner_gemeente).action_merge_duplicates()
