"""The overview board's notice of missing legal bases: shown while an
organisation involved in an open dossier has no valid basis (after an upgrade
from a version before 18.0.1.4.0, none has one), to the Ketenregie and the
privacy officer."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import KetenCase, P


@tagged("post_install", "-at_install", "keten_avg")
class TestLegalBasisNotice(KetenCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.org_new = cls.env["keten.organisation"].create(
            {"name": "Test Woonzorg zonder grondslag"}
        )

    def notice(self, user):
        return self.env["keten.legal.basis"].with_user(user).get_dashboard_notice()

    def involve(self, dossier, organisation):
        dossier.with_context(
            keten_basis_override_reason="Test: involved before the basis is recorded."
        ).sudo().write({"manual_organisation_ids": [(4, organisation.id)]})

    def test_notice_until_every_involved_organisation_has_a_valid_basis(self):
        notice = self.notice(self.user_regie)
        self.assertNotIn(self.org_new.name, notice["message"] if notice else "")
        self.involve(self.dossier_a, self.org_new)
        for user in (self.user_regie, self.user_privacy, self.user_beheerder):
            notice = self.notice(user)
            self.assertIn(self.org_new.name, notice["message"])
            self.assertEqual(
                notice["action"], "ketenaanpak_mensenhandel.keten_legal_basis_action"
            )
        # an expired basis does not count, a valid one does
        yesterday = fields.Date.today() - timedelta(days=1)
        basis = self.give_legal_basis(self.org_new, date_to=yesterday)
        self.assertIn(self.org_new.name, self.notice(self.user_regie)["message"])
        basis.date_to = False
        notice = self.notice(self.user_regie)
        self.assertNotIn(self.org_new.name, notice["message"] if notice else "")

    def test_archived_dossiers_need_no_notice(self):
        self.involve(self.dossier_a, self.org_new)
        self.assertIn(self.org_new.name, self.notice(self.user_regie)["message"])
        self.dossier_a.sudo().write({"active": False})
        notice = self.notice(self.user_regie)
        self.assertNotIn(self.org_new.name, notice["message"] if notice else "")

    def test_partners_and_melders_get_no_notice(self):
        self.involve(self.dossier_a, self.org_new)
        for user in (self.user_partner_ggd, self.user_melder, self.user_rapportage):
            self.assertFalse(self.notice(user), user.login)


@tagged("post_install", "-at_install", "keten_avg", "keten_tours")
class TestLegalBasisNoticeTour(HttpCase, KetenCase):
    def test_the_overview_board_shows_the_notice(self):
        org = self.env["keten.organisation"].create(
            {"name": "Test Woonzorg zonder grondslag"}
        )
        self.dossier_a.with_context(
            keten_basis_override_reason="Test: involved before the basis is recorded."
        ).sudo().write({"manual_organisation_ids": [(4, org.id)]})
        self.start_tour(
            f"/odoo/action-{P}keten_dossier_action",
            "keten_legal_basis_notice",
            login=self.user_regie.login,
            timeout=180,  # the first tour of a new database bundles the assets
        )
