"""Legal basis per partner (AVG art. 6, seed 004 §2.2): involving an
organisation without a valid basis warns, and needs a reason that is
recorded with who and when; consent as the basis (CoMensha)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import KetenCase


@tagged("post_install", "-at_install", "keten_avg")
class TestLegalBasis(KetenCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["keten.organisation"]
        cls.org_none = Org.create({"name": "Test Woningcorporatie"})
        cls.org_expired = Org.create({"name": "Test Jeugdzorg"})
        cls.give_legal_basis(
            cls.org_expired, name="Convenant 2019-2024", date_to="2024-12-31"
        )
        cls.org_comensha = Org.create({"name": "Test CoMensha"})
        cls.give_legal_basis(
            cls.org_comensha, basis_type="toestemming", name="Toestemming slachtoffer"
        )

    def overrides(self, organisation):
        return self.env["keten.basis.override"].search(
            [("organisation_id", "=", organisation.id)]
        )

    def test_state_of_the_basis(self):
        self.assertEqual(self.org_vt.legal_basis_state, "valid")
        self.assertEqual(self.org_none.legal_basis_state, "missing")
        self.assertEqual(self.org_expired.legal_basis_state, "expired")
        self.assertEqual(self.org_comensha.legal_basis_state, "consent")
        future = self.env["keten.organisation"].create({"name": "Test Later"})
        basis = self.give_legal_basis(
            future, date_from=fields.Date.today() + timedelta(days=5)
        )
        self.assertEqual(future.legal_basis_state, "future")
        self.assertEqual(basis.state, "future")
        Basis = self.env["keten.legal.basis"]
        self.assertIn(basis, Basis.search([("state", "=", "future")]))
        self.assertNotIn(basis, Basis.search([("state", "=", "valid")]))
        self.assertIn(
            self.org_expired.legal_basis_ids, Basis.search([("state", "=", "expired")])
        )
        with self.assertRaises(ValidationError):
            self.give_legal_basis(future, date_from="2025-01-01", date_to="2024-01-01")

    def test_manual_involvement_warns_and_records_the_override(self):
        dossier = self.dossier_a
        Wizard = self.env["keten.involve.organisation.wizard"].with_user(
            self.user_regie
        )
        wizard = Wizard.create(
            {
                "dossier_id": dossier.id,
                "organisation_id": self.org_expired.id,
                "reason": "Jeugdzorg kent de familie.",
            }
        )
        self.assertIn("expired on", wizard.basis_warning)
        with self.assertRaises(UserError) as caught:
            wizard.action_confirm()
        self.assertIn("valid legal basis", str(caught.exception))
        self.assertNotIn(self.org_expired, dossier.involved_organisation_ids)
        wizard.override_reason = "Acute veiligheid; convenant wordt verlengd."
        wizard.action_confirm()
        self.assertIn(self.org_expired, dossier.involved_organisation_ids)
        override = self.overrides(self.org_expired)
        self.assertEqual(override.dossier_id, dossier)
        self.assertEqual(override.user_id, self.user_regie)
        self.assertEqual(override.source, "manual")
        self.assertIn("2024", override.problem)
        self.assertEqual(override.reason, "Acute veiligheid; convenant wordt verlengd.")
        notes = " ".join(dossier.message_ids.mapped("body"))
        self.assertIn("without a valid legal basis", notes)
        self.assertIn("Acute veiligheid", notes)
        # an organisation with a valid basis needs no override
        wizard = Wizard.create(
            {
                "dossier_id": dossier.id,
                "organisation_id": self.org_riec.id,
                "reason": "Ondermijning.",
            }
        )
        self.assertFalse(wizard.basis_warning)
        wizard.action_confirm()
        self.assertFalse(self.overrides(self.org_riec))

    def test_casusoverleg_invitations(self):
        Overleg = self.env["keten.casusoverleg"].with_user(self.user_regie)
        values = {
            "date_start": "2026-03-01 10:00:00",
            "invited_organisation_ids": [(6, 0, (self.org_zvh | self.org_none).ids)],
            "item_ids": [(0, 0, {"dossier_id": self.dossier_a.id})],
        }
        with self.assertRaises(UserError) as caught:
            Overleg.create(dict(values))
        self.assertIn(self.org_none.name, str(caught.exception))
        overleg = Overleg.create(
            dict(values, basis_override_reason="Woningcorporatie is nodig voor opvang.")
        )
        override = self.overrides(self.org_none)
        self.assertEqual(len(override), 1, "one override per dossier and organisation")
        self.assertEqual(override.source, "casusoverleg")
        self.assertEqual(override.source_ref, overleg.name)
        # a dossier added later to the agenda is shared with the invitees too
        with self.assertRaises(UserError):
            overleg.write({"item_ids": [(0, 0, {"dossier_id": self.dossier_b.id})]})
        overleg.write(
            {
                "item_ids": [(0, 0, {"dossier_id": self.dossier_b.id})],
                "basis_override_reason": "Ook voor B.",
            }
        )
        self.assertEqual(
            self.overrides(self.org_none).dossier_id, self.dossier_a | self.dossier_b
        )
        # invited for one agenda item
        item = overleg.item_ids.filtered(lambda i: i.dossier_id == self.dossier_a)
        with self.assertRaises(UserError):
            item.write({"invited_organisation_ids": [(4, self.org_expired.id)]})
        item.write(
            {
                "invited_organisation_ids": [(4, self.org_expired.id)],
                "basis_override_reason": "Jeugdzorg voor deze casus.",
            }
        )
        self.assertEqual(self.overrides(self.org_expired).source, "agenda_item")

    def test_actions_and_interventions(self):
        plan = self.env["keten.plan"].create(
            {"dossier_id": self.dossier_a.id, "goal": "Veilig."}
        )
        regie_plan = plan.with_user(self.user_regie)
        action = {"name": "Woning zoeken", "organisation_id": self.org_none.id}
        with self.assertRaises(UserError):
            regie_plan.write({"action_ids": [(0, 0, action)]})
        regie_plan.write(
            {"action_ids": [(0, 0, action)], "basis_override_reason": "Huisvesting."}
        )
        self.assertEqual(self.overrides(self.org_none).source, "plan_action")
        self.assertIn(self.org_none, self.dossier_a.involved_organisation_ids)
        Interventie = self.env["keten.interventie"].with_user(self.user_regie)
        vals = {
            "dossier_id": self.dossier_b.id,
            "name": "Jeugdhulp",
            "organisation_id": self.org_expired.id,
        }
        with self.assertRaises(UserError):
            Interventie.create(dict(vals))
        Interventie.create(dict(vals, basis_override_reason="Spoed."))
        self.assertEqual(self.overrides(self.org_expired).source, "interventie")

    def test_regie_and_zorgcoordinatie(self):
        dossier = self.dossier_b.with_user(self.user_regie)
        with self.assertRaises(UserError):
            dossier.write({"zorgcoordinator_organisation_id": self.org_none.id})
        dossier.write(
            {
                "zorgcoordinator_organisation_id": self.org_none.id,
                "basis_override_reason": "Enige zorgaanbieder in de regio.",
            }
        )
        self.assertEqual(self.overrides(self.org_none).source, "role")
        # an organisation involved already gets no new access: nothing to check
        self.dossier_a.manual_organisation_ids = self.org_expired
        self.dossier_a.with_user(
            self.user_regie
        ).regie_organisation_id = self.org_expired
        self.assertFalse(self.overrides(self.org_expired))

    def test_regie_chosen_when_the_dossier_is_made(self):
        Dossier = self.env["keten.dossier"].with_user(self.user_regie)
        vals = {
            "registering_organisation_id": self.org_zvh.id,
            "zorgcoordinator_organisation_id": self.org_none.id,
        }
        with self.assertRaises(UserError):
            Dossier.create(dict(vals))
        self.assertFalse(self.overrides(self.org_none))
        dossier = Dossier.create(
            dict(vals, basis_override_reason="Enige zorgaanbieder in de regio.")
        )
        override = self.overrides(self.org_none)
        self.assertEqual(override.source, "role")
        self.assertEqual(override.dossier_id, dossier)
        # the registering organisation itself is not asked for a basis
        Dossier.create(
            {
                "registering_organisation_id": self.org_expired.id,
                "regie_organisation_id": self.org_expired.id,
            }
        )
        self.assertFalse(self.overrides(self.org_expired))

    def test_onchange_warns(self):
        with Form(self.env["keten.interventie"].with_user(self.user_regie)) as form:
            form.dossier_id = self.dossier_a
            form.name = "Test"
            form.organisation_id = self.org_none
            form.basis_override_reason = "Nodig."
        self.assertTrue(self.overrides(self.org_none))
        warning = self.env["keten.interventie"]._basis_warning(
            self.org_none, self.dossier_a
        )
        self.assertIn("no legal basis", warning["message"])
        self.assertFalse(
            self.env["keten.interventie"]._basis_warning(self.org_vt, self.dossier_a)
        )

    def test_system_work_is_not_checked(self):
        # the demo loader, the intake and migrations run as superuser
        self.env["keten.interventie"].create(
            {
                "dossier_id": self.dossier_a.id,
                "name": "Systeem",
                "organisation_id": self.org_none.id,
            }
        )
        self.assertFalse(self.overrides(self.org_none))

    def test_consent_as_the_basis(self):
        dossier = self.dossier_a
        problems = self.org_comensha._basis_problems(dossier)
        self.assertIn(
            f"P-{self.person_victim.id}", problems[(self.org_comensha, dossier)]
        )
        consent = self.env["keten.consent"].create(
            {
                "person_id": self.person_victim.id,
                "purpose": "comensha",
                "organisation_id": self.org_comensha.id,
                "date_given": fields.Date.today() - timedelta(days=3),
            }
        )
        self.assertFalse(self.org_comensha._basis_problems(dossier))
        wizard = (
            self.env["keten.involve.organisation.wizard"]
            .with_user(self.user_regie)
            .create(
                {
                    "dossier_id": dossier.id,
                    "organisation_id": self.org_comensha.id,
                    "reason": "Registratie slachtoffer.",
                }
            )
        )
        self.assertFalse(wizard.basis_warning)
        consent.action_withdraw()
        self.assertEqual(consent.state, "withdrawn")
        self.assertTrue(self.org_comensha._basis_problems(dossier))

    def test_consent_is_signed_by_the_right_person(self):
        Consent = self.env["keten.consent"]
        young = self.env["keten.person"].create(
            {
                "first_name": "Jong",
                "birth_date": fields.Date.today() - timedelta(days=15 * 365),
            }
        )
        base = {
            "person_id": young.id,
            "purpose": "comensha",
            "organisation_id": self.org_comensha.id,
        }
        with self.assertRaises(ValidationError) as caught:
            Consent.create(dict(base, given_by="self"))
        self.assertIn("under 16", str(caught.exception))
        with self.assertRaises(ValidationError):
            Consent.create(dict(base, given_by="parent"))  # who signed?
        Consent.create(dict(base, given_by="parent", given_by_name="Moeder"))
        with self.assertRaises(ValidationError) as caught:
            Consent.create(
                dict(
                    base,
                    person_id=self.person_victim.id,
                    given_by="parent",
                    given_by_name="Moeder",
                )
            )
        self.assertIn("from 16", str(caught.exception))
        with self.assertRaises(ValidationError):
            Consent.create(dict(base, person_id=self.person_victim.id, written=False))
        with self.assertRaises(ValidationError):
            Consent.create(
                dict(
                    base,
                    person_id=self.person_victim.id,
                    date_withdrawn=fields.Date.today() - timedelta(days=400),
                )
            )
        with self.assertRaises(ValidationError):
            Consent.create(
                {"person_id": self.person_victim.id, "purpose": "sharing"}
            )  # with whom?
