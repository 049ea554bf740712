"""A consent when the birth date is unknown: whoever records it states whether
the person was 16 or older (UAVG art. 5), and that is recorded."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KetenCase


@tagged("post_install", "-at_install", "keten_avg")
class TestConsentAge(KetenCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unknown = cls.env["keten.person"].create({"first_name": "Onbekend"})
        cls.base = {
            "person_id": cls.unknown.id,
            "purpose": "sharing",
            "organisation_id": cls.org_moviera.id,
        }

    def consent(self, **kw):
        return (
            self.env["keten.consent"]
            .with_user(self.user_regie)
            .create(dict(self.base, **kw))
        )

    def test_self_given_consent_needs_the_stated_age(self):
        self.assertFalse(self.unknown.birth_date)
        with self.assertRaises(ValidationError) as caught:
            self.consent(given_by="self")
        self.assertIn("birth date of P-", str(caught.exception))
        self.assertIn("16 or older", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.consent(given_by="self", age_statement="under_16")
        self.assertIn("younger than 16", str(caught.exception))
        consent = self.consent(given_by="self", age_statement="16_plus")
        self.assertEqual(consent.age_statement, "16_plus")
        self.assertFalse(consent.birth_date_known)
        self.assertEqual(consent.create_uid, self.user_regie)
        # what was stated is in the consent's history
        consent.with_user(self.user_regie).write({"age_statement": "16_plus"})
        with self.assertRaises(ValidationError):
            consent.with_user(self.user_regie).write({"age_statement": "under_16"})

    def test_parent_signs_only_for_a_person_under_16(self):
        with self.assertRaises(ValidationError) as caught:
            self.consent(
                given_by="parent", given_by_name="Moeder", age_statement="16_plus"
            )
        self.assertIn("16 or older", str(caught.exception))
        consent = self.consent(
            given_by="parent", given_by_name="Moeder", age_statement="under_16"
        )
        self.assertEqual(consent.given_by, "parent")
        # without a statement a parent's signature is taken as it is
        self.consent(given_by="guardian", given_by_name="Voogd")

    def test_a_known_birth_date_decides(self):
        self.unknown.birth_date = fields.Date.today() - timedelta(days=20 * 365)
        consent = self.consent(given_by="self")
        self.assertTrue(consent.birth_date_known)
        self.assertFalse(consent.age_statement)
        young = self.env["keten.person"].create(
            {
                "first_name": "Jong",
                "birth_date": fields.Date.today() - timedelta(days=15 * 365),
            }
        )
        with self.assertRaises(ValidationError):
            self.consent(person_id=young.id, given_by="self", age_statement="16_plus")
