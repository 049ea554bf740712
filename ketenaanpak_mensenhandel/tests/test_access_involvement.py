"""Involvement by hand (with a reason), membership changes and the ways a
partner could try to involve itself."""

import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import KetenAccessCase, P


@tagged("post_install", "-at_install", "keten_access")
class TestInvolvement(KetenAccessCase):
    def _involve(self, user, dossier, organisation, reason):
        action = dossier.with_user(user).action_involve_organisation()
        Wizard = self.env[action["res_model"]].with_user(user)
        wizard = Wizard.with_context(**action["context"]).create(
            {"organisation_id": organisation.id, "reason": reason}
        )
        return wizard.action_confirm()

    def test_involve_by_hand_with_reason_kept_in_the_chatter(self):
        Dossier = self.env["keten.dossier"].with_user(self.user_partner_riec)
        Person = self.env["keten.person"].with_user(self.user_partner_riec)
        self.assertFalse(Dossier.search([("id", "=", self.dossier_a.id)]))
        self.assertFalse(Person.search([("id", "=", self.person_victim.id)]))

        reason = "Procesbegeleider leest mee voor de casusevaluatie"
        self._involve(self.user_partner_gemeente, self.dossier_a, self.org_riec, reason)

        self.assertIn(self.org_riec, self.dossier_a.manual_organisation_ids)
        self.assertIn(self.org_riec, self.dossier_a.involved_organisation_ids)
        note = self.dossier_a.message_ids[:1]
        self.assertIn(reason, note.body)
        self.assertIn(self.org_riec.name, note.body)
        self.assertEqual(note.author_id, self.user_partner_gemeente.partner_id)
        # visible at once, with its persons
        self.assertEqual(
            Dossier.search([("id", "=", self.dossier_a.id)]), self.dossier_a
        )
        self.assertTrue(Person.search([("id", "=", self.person_victim.id)]))

    def test_a_reason_is_required(self):
        for reason in ("", "   \n "):
            with self.subTest(reason=reason), self.assertRaises(UserError):
                self._involve(
                    self.user_partner_gemeente, self.dossier_a, self.org_riec, reason
                )
        # the form requires it; over RPC the database refuses the empty reason
        with (
            self.assertRaises(psycopg2.errors.NotNullViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env["keten.involve.organisation.wizard"].with_user(
                self.user_partner_gemeente
            ).create(
                {"dossier_id": self.dossier_a.id, "organisation_id": self.org_riec.id}
            )
        self.assertNotIn(self.org_riec, self.dossier_a.involved_organisation_ids)

    def test_only_who_works_on_the_dossier_involves_others(self):
        with self.assertRaises(AccessError):
            self._involve(
                self.user_partner_moviera, self.dossier_a, self.org_moviera, "Ik ook"
            )
        with self.assertRaises(AccessError):
            self.dossier_a.with_user(self.user_partner_moviera)._involve_organisation(
                self.org_moviera, "Ik ook"
            )
        # not around the wizard: the field itself is not written by users
        for user in (self.user_partner_gemeente, self.user_regie):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.dossier_a.with_user(user).write(
                    {"manual_organisation_ids": [(4, self.org_riec.id)]}
                )
        self.assertNotIn(self.org_moviera, self.dossier_a.involved_organisation_ids)
        self.assertNotIn(self.org_riec, self.dossier_a.involved_organisation_ids)

    def test_membership_changes_visibility_immediately(self):
        user = new_test_user(
            self.env,
            login="kt_new_colleague",
            groups=f"base.group_user,{P}group_ketenpartner",
        )
        Dossier = self.env["keten.dossier"].with_user(user)
        everything = [("id", "in", (self.dossier_a | self.dossier_b).ids)]
        # the rule domain of this user is computed and cached here
        self.assertFalse(Dossier.search(everything))

        user.write({"keten_organisation_ids": [(4, self.org_gemeente.id)]})
        self.assertEqual(Dossier.search(everything), self.dossier_a)

        self.org_gemeente.write({"user_ids": [(3, user.id)]})
        self.assertFalse(Dossier.search(everything))

        self.org_moviera.write({"user_ids": [(4, user.id)]})
        self.assertEqual(Dossier.search(everything), self.dossier_b)

        user.write({"keten_organisation_ids": [(5, 0, 0)]})
        self.assertFalse(Dossier.search(everything))

    def test_no_self_involvement_through_links(self):
        moviera = self.user_partner_moviera
        # a melding, an intervention or a person role moved to dossier A
        with self.assertRaises(AccessError):
            self.melding_b.with_user(moviera).write({"dossier_id": self.dossier_a.id})
        with self.assertRaises(AccessError):
            self.interventie_b.with_user(moviera).write(
                {"dossier_id": self.dossier_a.id}
            )
        # persons one may not see cannot be pulled into one's own files
        link = self.dossier_b.person_link_ids.with_user(moviera)
        with self.assertRaises(AccessError):
            link.write({"person_id": self.person_victim.id})
        with self.assertRaises(AccessError):
            self.env["keten.melding"].with_user(moviera).create(
                {
                    "content": "Test",
                    "melder_name": "Test",
                    "suspect_ids": [(6, 0, self.person_suspect.ids)],
                }
            )
        with self.assertRaises(AccessError):
            self.melding_b.with_user(moviera).write(
                {"person_ids": [(4, self.person_school.id)]}
            )
        self.assertNotIn(self.org_moviera, self.dossier_a.involved_organisation_ids)
        self.assertNotIn(self.org_moviera, self.person_victim.access_organisation_ids)

    def test_refusals_on_an_invisible_dossier_tell_nothing(self):
        dossier = self.dossier_b.with_user(self.user_partner_gemeente)
        with self.assertRaises(AccessError) as caught:
            dossier.write({"stage_id": self.stage_afgesloten.id})
        self.assertNotIn(self.dossier_b.name, str(caught.exception))
        self.assertNotIn("Signaleren", str(caught.exception))
