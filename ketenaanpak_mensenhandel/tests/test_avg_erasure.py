"""Erasure and restriction (AVG art. 17 and 18): four eyes, refused while a
reason to keep exists, the retention job's anonymisation with the figures
kept, and a restricted person frozen."""

from datetime import timedelta

from markupsafe import Markup

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .avg_common import AvgMixin
from .retention_common import RetentionCase, statistical_snapshot


@tagged("post_install", "-at_install", "keten_avg")
class TestAvgErasure(AvgMixin, RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_avg_users()

    def close_track(self, dossier):
        dossier.sudo().strafrecht_ids.write({"state": "afgesloten"})

    def erasure(self, person, ground="unlawful"):
        return self.avg_request(person, "wissen", erasure_ground=ground)

    # ------------------------------------------------------------------
    # Four eyes
    # ------------------------------------------------------------------
    def test_four_eyes(self):
        dossier = self.close_dossier_fully(self.dossier_a)
        self.close_track(dossier)
        request = self.erasure(self.person_victim)
        # the privacy officer registers, a Beheerder puts it forward
        with self.assertRaises(AccessError):
            request.with_user(self.user_privacy).action_submit()
        request.with_user(self.user_beheerder).action_submit()
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.requested_by_id, self.user_beheerder)
        with self.assertRaises(UserError) as caught:
            request.with_user(self.user_beheerder).action_approve()
        self.assertIn("Four eyes", str(caught.exception))
        self.assertFalse(self.person_victim.is_anonymised)
        with self.assertRaises(AccessError):
            request.with_user(self.user_privacy).action_approve()
        with self.assertRaises(AccessError):
            request.with_user(self.user_regie).action_approve()
        request.with_user(self.user_beheerder_2).action_approve()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.approved_by_id, self.user_beheerder_2)
        self.assertTrue(self.person_victim.is_anonymised)
        self.assertIn("Persons anonymised: 1", request.result)

    # ------------------------------------------------------------------
    # Reasons to keep
    # ------------------------------------------------------------------
    def test_refused_while_the_dossier_is_open(self):
        request = self.erasure(self.person_victim)
        self.assertIn(self.dossier_a.name, request.keep_reasons)
        self.assertIn("restriction", request.keep_reasons)
        with self.assertRaises(UserError) as caught:
            request.with_user(self.user_beheerder).action_submit()
        self.assertIn("cannot be erased now", str(caught.exception))
        self.assertEqual(request.state, "received")
        request.with_user(self.user_privacy).action_refuse()
        self.assertEqual(request.state, "refused")
        self.assertIn(self.dossier_a.name, request.refusal_reason)
        self.assertEqual(request.refused_by_id, self.user_privacy)
        self.assertFalse(self.person_victim.is_anonymised)
        self.assertEqual(self.person_victim.last_name, "de Vries")
        # a refusal needs a reason when there is none to keep
        other = self.avg_request(self.person_other, "beperking")
        with self.assertRaises(UserError):
            other.with_user(self.user_privacy).action_refuse()

    def test_refused_while_a_criminal_track_runs(self):
        dossier = self.close_dossier_fully(self.dossier_a)
        request = self.erasure(self.person_victim)
        self.assertIn("criminal investigation", request.keep_reasons)
        self.assertIn(dossier.name, request.keep_reasons)
        with self.assertRaises(UserError):
            request.with_user(self.user_beheerder).action_submit()
        # a strafrechtelijke interventie that still runs keeps it too
        self.close_track(dossier)
        self.assertFalse(request.keep_reasons)
        self.env["keten.interventie"].create(
            {
                "dossier_id": dossier.id,
                "name": "Verhoor",
                "intervention_type": "strafrechtelijk",
                "organisation_id": self.org_politie.id,
            }
        )
        request.invalidate_recordset()
        self.assertIn("criminal investigation", request.keep_reasons)

    def test_the_bewaartermijn_keeps_unless_another_ground(self):
        dossier = self.close_dossier_fully(self.dossier_a)
        self.close_track(dossier)
        request = self.erasure(self.person_victim, ground="not_necessary")
        self.assertIn("bewaartermijn", request.keep_reasons)
        self.assertIn(dossier.name, request.keep_reasons)
        with self.assertRaises(UserError):
            request.with_user(self.user_beheerder).action_submit()
        request.erasure_ground = "consent_withdrawn"
        self.assertFalse(request.keep_reasons)
        request.with_user(self.user_beheerder).action_submit()
        # a reason that appears before approval stops it then
        self.create_dossier_with_melding(self.person_victim, self.org_vt)
        with self.assertRaises(UserError):
            request.with_user(self.user_beheerder_2).action_approve()
        self.assertFalse(self.person_victim.is_anonymised)
        # a closed dossier past its term keeps nothing
        self.backdate_closing(dossier, self.years_ago(6))
        request_2 = self.erasure(self.person_suspect, ground="not_necessary")
        self.assertFalse(request_2.keep_reasons)

    # ------------------------------------------------------------------
    # What an erasure does
    # ------------------------------------------------------------------
    def test_erasure_anonymises_and_keeps_the_figures(self):
        dossier = self.close_dossier_fully(self.dossier_a)
        self.close_track(dossier)
        self.first_weging(self.dossier_b, "geen")
        victim, suspect = self.person_victim, self.person_suspect
        self.env["keten.consent"].create(
            {
                "person_id": victim.id,
                "purpose": "comensha",
                "organisation_id": self.org_moviera.id,
                "date_given": fields.Date.today() - timedelta(days=10),
                "purpose_note": "Registratie van Sanne de Vries",
            }
        )
        victim.with_user(self.user_regie).write(
            {"email": "sanne@example.org", "change_reason": "Nieuw adres"}
        )
        melding = dossier.melding_ids
        melding.sudo().with_context(keten_anonymise=True).write(
            {"content": "Sanne de Vries (111222333) wordt uitgebuit door Kees Bakker."}
        )
        dossier.message_post(body=Markup("<p>Sanne belde over <b>Kees</b>.</p>"))
        before = statistical_snapshot(self.env)
        figures, cells = self.regionale_tafel()
        request = self.erasure(victim)
        request.with_user(self.user_beheerder).action_submit()
        request.with_user(self.user_beheerder_2).action_approve()
        self.env.invalidate_all()
        # the person: gone as the retention job does it
        self.assertTrue(victim.is_anonymised)
        self.assertEqual(victim.name, f"Anonymised person {victim.id}")
        for name in victim._anonymised_fields:
            self.assertFalse(victim[name], name)
        self.assertEqual(victim.gender, "vrouw")
        self.assertEqual(self.access_log_count(person=victim), 0)
        # her name in the case text and messages; the suspect's stays
        for text in (melding.content, dossier.summary, dossier.nazorg_note):
            self.assertNotIn("Sanne", text or "")
            self.assertNotIn("111222333", text or "")
        self.assertIn("Kees Bakker", melding.content)
        self.assertIn("[removed]", melding.content)
        bodies = " ".join(
            self.env["mail.message"]
            .search([("model", "=", "keten.dossier"), ("res_id", "=", dossier.id)])
            .mapped("body")
        )
        self.assertNotIn("Sanne", bodies)
        self.assertIn("<b>Kees</b>", bodies)
        self.assertFalse(suspect.is_anonymised)
        self.assertEqual(suspect.last_name, "Bakker")
        # what was recorded about her: old values gone, requests keep no identity
        self.assertFalse(
            self.env["keten.rectification"].search([("person_id", "=", victim.id)])
        )
        consent = victim.consent_ids
        self.assertEqual(consent.purpose, "comensha")
        self.assertFalse(consent.purpose_note)
        self.assertTrue(request.is_anonymised)
        self.assertFalse(request.subject_bsn or request.identity_note)
        self.assertEqual(request.state, "done")
        # the figures for the Regionale Tafel are exactly as they were
        self.assertEqual(statistical_snapshot(self.env), before)
        self.assertEqual(self.regionale_tafel(), (figures, cells))

    # ------------------------------------------------------------------
    # Restriction
    # ------------------------------------------------------------------
    def test_restriction_freezes_until_lifted(self):
        person = self.person_other
        request = self.avg_request(person, "beperking", restriction_ground="accuracy")
        with self.assertRaises(UserError):
            request.with_user(self.user_beheerder).action_approve()  # not asked yet
        request.with_user(self.user_beheerder).action_submit()
        request.with_user(self.user_beheerder_2).action_approve()
        self.assertTrue(person.is_restricted)
        self.assertEqual(person.restriction_request_id, request)
        regie = person.with_user(self.user_regie)
        with self.assertRaises(UserError):
            regie.write({"city": "Teststad"})
        with self.assertRaises(UserError):
            self.create_melding(person, self.org_vt)
        with self.assertRaises(UserError):
            self.env["keten.dossier.person"].create(
                {
                    "dossier_id": self.dossier_a.id,
                    "person_id": person.id,
                    "role": "netwerk",
                }
            )
        with self.assertRaises(UserError):
            self.env["keten.consent"].create(
                {"person_id": person.id, "purpose": "other"}
            )
        with self.assertRaises(UserError):
            self.person_victim._merge_into(person, "test")
        with self.assertRaises(UserError):
            regie.sudo().write({"is_restricted": False})  # only through the request
        # lifting: a Beheerder, with the reason
        with self.assertRaises(UserError):
            request.with_user(self.user_beheerder).action_lift()
        request.lift_reason = "Juistheid vastgesteld, betrokkene geïnformeerd"
        request.with_user(self.user_beheerder).action_lift()
        self.assertEqual(request.state, "lifted")
        self.assertFalse(person.is_restricted)
        regie.write({"city": "Teststad"})
        self.assertEqual(person.city, "Teststad")

    def test_retention_waits_for_a_restricted_person(self):
        """A restriction (e.g. the data is needed for a legal claim) stops the
        retention job too, until it is lifted."""
        dossier = self.close_dossier_fully(self.dossier_a, self.years_ago(6))
        request = self.avg_request(
            self.person_victim, "beperking", restriction_ground="legal_claims"
        )
        request.with_user(self.user_beheerder).action_submit()
        request.with_user(self.user_beheerder_2).action_approve()
        self.retention._run_all()
        self.assertFalse(dossier.is_anonymised)
        self.assertEqual(self.person_victim.last_name, "de Vries")
        request.lift_reason = "Procedure afgerond"
        request.with_user(self.user_beheerder).action_lift()
        self.retention._run_all()
        self.assertTrue(dossier.is_anonymised)
        self.assertTrue(self.person_victim.is_anonymised)

    def test_request_is_locked_once_closed(self):
        request = self.avg_request(self.person_other, "beperking")
        request.with_user(self.user_privacy).write({"refusal_reason": "Onterecht"})
        request.with_user(self.user_privacy).action_refuse()
        with self.assertRaises(UserError):
            request.with_user(self.user_privacy).write({"request_type": "wissen"})
        request.with_user(self.user_privacy).write({"response_note": "Brief verstuurd"})
        with self.assertRaises(AccessError):
            request.with_user(self.user_privacy).unlink()
