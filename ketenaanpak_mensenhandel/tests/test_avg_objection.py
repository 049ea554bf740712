"""AVG art. 21, objection: the weighing and its decision are recorded; an upheld
objection stops the processing it is about (four eyes), a rejected one
continues on a recorded ground."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .avg_common import AvgMixin
from .common import KetenCase


@tagged("post_install", "-at_install", "keten_avg")
class TestAvgObjection(AvgMixin, KetenCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_avg_users()

    def objection(self, scope="all", **values):
        return self.avg_request(
            self.person_victim,
            "bezwaar",
            objection_scope=scope,
            request_note="Ik wil niet dat mijn gegevens worden gebruikt.",
            **values,
        )

    def carry_out(self, request):
        request.with_user(self.user_beheerder).action_submit()
        with self.assertRaises(UserError) as caught:
            request.with_user(self.user_beheerder).action_approve()
        self.assertIn("Four eyes", str(caught.exception))
        request.with_user(self.user_beheerder_2).action_approve()

    def involve(self, organisation, dossier, reason="Nodig voor de zorg."):
        return (
            self.env["keten.involve.organisation.wizard"]
            .with_user(self.user_regie)
            .with_context(keten_basis_override_reason="Toch delen")
            .create(
                {
                    "dossier_id": dossier.id,
                    "organisation_id": organisation.id,
                    "reason": reason,
                }
            )
            .action_confirm()
        )

    def test_decision_needs_the_weighing(self):
        request = self.objection()
        with self.assertRaises(UserError):
            request.action_decide_objection()  # no decision
        request.objection_decision = "rejected"
        with self.assertRaises(UserError):
            request.action_decide_objection()  # no weighing
        request.objection_reason = "De veiligheid van het slachtoffer weegt zwaarder."
        with self.assertRaises(UserError):
            request.action_decide_objection()  # no ground to continue
        with self.assertRaises(AccessError):
            request.with_user(self.user_regie).action_decide_objection()
        sharing = self.objection("sharing", objection_decision="upheld")
        sharing.objection_reason = "Geen reden om met de GGD te delen."
        with self.assertRaises(UserError):
            sharing.action_decide_objection()  # which organisation?
        # an undecided objection is not carried out
        with self.assertRaises(UserError):
            sharing.with_user(self.user_beheerder).action_submit()

    def test_rejected_objection_continues_on_its_ground(self):
        request = self.objection(
            objection_decision="rejected",
            objection_ground="compelling",
            objection_reason="Het slachtoffer is minderjarig en nog niet veilig.",
        )
        request.action_decide_objection()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.objection_decided_by_id, self.user_privacy)
        self.assertTrue(request.date_objection_decided)
        self.assertIn("the processing continues", request.result)
        self.assertIn("Compelling legitimate grounds", request.result)
        self.assertFalse(self.person_victim.is_restricted)
        with self.assertRaises(UserError):
            request.with_user(self.user_beheerder).action_submit()
        with self.assertRaises(UserError):
            request.write({"objection_reason": "Anders"})  # closed

    def test_upheld_objection_to_all_processing_restricts_the_person(self):
        request = self.objection(
            objection_decision="upheld",
            objection_reason="Zij is veilig en wil geen hulp meer via de keten.",
        )
        request.action_decide_objection()
        self.assertEqual(request.state, "received")
        self.assertFalse(self.person_victim.is_restricted)
        with self.assertRaises(AccessError):
            request.with_user(self.user_privacy).action_submit()
        self.carry_out(request)
        self.assertEqual(request.state, "done")
        victim = self.person_victim
        self.assertTrue(victim.is_restricted)
        self.assertEqual(victim.restriction_request_id, request)
        self.assertIn("stops processing their data", request.result)
        with self.assertRaises(UserError):
            victim.with_user(self.user_regie).write({"phone": "0611111111"})
        with self.assertRaises(UserError):
            self.create_melding(victim, self.org_moviera)
        # lifted by a Beheerder, with the reason
        request.lift_reason = "Bezwaar ingetrokken door betrokkene."
        request.with_user(self.user_beheerder).action_lift()
        self.assertFalse(victim.is_restricted)
        self.assertEqual(request.state, "lifted")

    def test_upheld_objection_to_sharing_stops_that_organisation(self):
        request = self.objection(
            "sharing",
            objection_organisation_id=self.org_ggd.id,
            objection_decision="upheld",
            objection_reason="De GGD heeft geen taak in deze casus.",
        )
        request.action_decide_objection()
        # still allowed until it is carried out
        self.assertFalse(self.person_victim.is_restricted)
        self.carry_out(request)
        self.assertFalse(self.person_victim.is_restricted)
        self.assertIn("Test GGD is no longer involved", request.result)
        with self.assertRaises(UserError) as caught:
            self.involve(self.org_ggd, self.dossier_a)
        self.assertIn("objected to sharing their data", str(caught.exception))
        self.assertIn(request.name, str(caught.exception))
        self.assertNotIn(self.org_ggd, self.dossier_a.involved_organisation_ids)
        with self.assertRaises(UserError):
            self.env["keten.interventie"].with_user(self.user_regie).create(
                {
                    "dossier_id": self.dossier_a.id,
                    "name": "Medische zorg",
                    "organisation_id": self.org_ggd.id,
                }
            )
        # another organisation, and the GGD in a dossier of somebody else
        self.involve(self.org_riec, self.dossier_a)
        self.involve(self.org_ggd, self.dossier_b)
        self.assertIn(self.org_riec, self.dossier_a.involved_organisation_ids)
        self.assertIn(self.org_ggd, self.dossier_b.involved_organisation_ids)

    def test_sharing_already_in_place_is_reported(self):
        self.involve(self.org_ggd, self.dossier_a)
        request = self.objection(
            "sharing",
            objection_organisation_id=self.org_ggd.id,
            objection_decision="upheld",
            objection_reason="De GGD heeft geen taak in deze casus.",
        )
        request.action_decide_objection()
        self.carry_out(request)
        self.assertIn(f"Involved already in {self.dossier_a.name}", request.result)
