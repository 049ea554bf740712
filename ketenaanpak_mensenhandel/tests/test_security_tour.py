"""The enrolment screen in headless Chromium
(static/tests/tours/keten_security_tours.js)."""

from odoo.tests import HttpCase, tagged

from .security_common import SecurityCase


@tagged("post_install", "-at_install", "keten_security")
class TestEnrolmentTour(HttpCase, SecurityCase):
    def test_a_keten_user_enrols_at_the_first_login(self):
        user = self.user_regie  # login and password: kt_regie
        self.assertTrue(user._keten_mfa_missing())
        since = self.last_log_id()
        self.start_tour("/web/login", "keten_security_enrolment", login=None)
        self.assertTrue(user.totp_enabled)
        self.assertEqual(
            self.auth_rows(since, user).sorted("id").mapped("action"),
            ["login", "mfa_enrol"],
        )
