"""The verwerkingsregister (AVG art. 30) is generated from the configuration
and names no person."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..report.keten_processing_register import DATA_CLASSES
from .avg_common import REGISTER, person_strings
from .common import KetenCase


@tagged("post_install", "-at_install", "keten_avg")
class TestProcessingRegister(KetenCase):
    def render(self, user):
        wizard = self.env["keten.processing.register.wizard"].with_user(user).create({})
        action = wizard.action_print()
        self.assertEqual(
            action["report_name"], "ketenaanpak_mensenhandel.processing_register"
        )
        html, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(REGISTER, wizard.ids)
        )
        self.assertEqual(kind, "html")
        return html.decode()

    def test_register_from_the_configuration(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "ketenaanpak_mensenhandel.retention_years", "7"
        )
        no_basis = self.env["keten.organisation"].create({"name": "Test Zonder Basis"})
        html = self.render(self.user_privacy)
        # recipients and their bases
        for organisation in (self.org_vt, self.org_ggd, no_basis):
            self.assertIn(organisation.name, html)
        self.assertIn("Convenant ketenaanpak mensenhandel (test)", html)
        self.assertIn("No basis recorded", html)
        self.assertIn("o_keten_register_no_basis", html)
        # retention from the settings
        self.assertIn("7 years after the dossier is closed", html)
        # categories of persons and of data, from the models
        self.assertIn("Suspect", html)
        self.assertIn("Melder", html)
        self.assertIn("BSN", html)
        self.assertIn("Doorlaatverbod", html)
        self.assertIn("o_keten_register_class_criminal", html)
        # security measures from the groups and rules
        self.assertIn("Justitie", html)
        self.assertIn("record rules", html)
        # the privacy officer, and no person of any case
        self.assertIn(self.user_privacy.name, html)
        for person in self.person_victim | self.person_suspect | self.person_other:
            for text in person_strings(person):
                self.assertNotIn(text, html)

    def test_every_field_of_the_data_classes_exists(self):
        """A renamed field would silently drop out of the register."""
        for data_class, models in DATA_CLASSES.items():
            for model_name, fnames in models.items():
                for fname in fnames:
                    self.assertIn(
                        fname,
                        self.env[model_name]._fields,
                        f"{data_class} {model_name}",
                    )
        # every identifying field of a person is in a class
        classified = {
            fname
            for models in DATA_CLASSES.values()
            for fname in models.get("keten.person", ())
        }
        self.assertLessEqual(
            set(self.env["keten.person"]._anonymised_fields), classified
        )

    def test_only_the_privacy_officer_prints_it(self):
        self.render(self.user_beheerder)
        for user in (self.user_regie, self.user_rapportage):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.render(user)
