from odoo.exceptions import AccessError
from odoo.tests import tagged

from .rapportage_common import PERIOD, RapportageCase
from .test_rapportage_workbook import read_tables, render

P = "ketenaanpak_mensenhandel."


@tagged("post_install", "-at_install", "keten_rapportage")
class TestRapportageAccess(RapportageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.domain = [
            ("woongemeente_id", "in", (cls.gemeente_a | cls.gemeente_b).ids),
            ("date_month", ">=", PERIOD[0]),
            ("date_month", "<=", PERIOD[1]),
        ]

    def figures(self, user):
        Figures = self.env["keten.rapportage.figures"].with_user(user)
        return Figures, Figures._params(
            *PERIOD, gemeente_ids=(self.gemeente_a | self.gemeente_b).ids
        )

    # ------------------------------------------------------------------
    # The reporting model: figures without records
    # ------------------------------------------------------------------
    def test_rapportage_user_opens_the_dashboard(self):
        Figures = self.env["keten.rapportage"].with_user(self.user_rapportage)
        groups = Figures.read_group(
            self.domain,
            ["dossier_count", "victim_count", "melding_count"],
            ["verschijningsvorm_id"],
        )
        counts = {
            group["verschijningsvorm_id"][0]: (
                group["dossier_count"],
                group["victim_count"],
                group["melding_count"],
            )
            for group in groups
        }
        self.assertEqual(
            counts,
            {self.vorm_seksueel.id: (3, 3, 3), self.vorm_arbeid.id: (3, 3, 3)},
        )
        # one victim per dossier, counted once even though a dossier has
        # several rows (meldingen, forms of exploitation)
        by_age = Figures.read_group(
            self.domain + [("kind", "=", "dossier")],
            ["victim_count"],
            ["age_group", "gender"],
            lazy=False,
        )
        self.assertEqual(
            sorted((g["age_group"], g["gender"], g["victim_count"]) for g in by_age),
            [("23_plus", "man", 3), ("minor", "vrouw", 3)],
        )
        by_month = Figures.read_group(
            self.domain, ["melding_count"], ["date_month:month", "channel"], lazy=False
        )
        self.assertEqual(
            sorted((g["channel"], g["melding_count"]) for g in by_month),
            [("email", 3), ("telefoon", 3)],
        )
        self.assertEqual(len({g["date_month:month"] for g in by_month}), 2)

    def test_rows_cannot_be_read_one_by_one(self):
        Figures = self.env["keten.rapportage"].with_user(self.user_rapportage)
        with self.assertRaises(AccessError):
            Figures.search_read(self.domain, ["gender", "age_group"])
        with self.assertRaises(AccessError):
            Figures.search(self.domain, limit=1).read(["gender"])
        with self.assertRaises(AccessError):
            Figures.web_search_read(self.domain, {"gender": {}})
        # the identifiers behind the measures are neither grouped on nor filtered on
        for name in ("dossier_count", "victim_count", "melding_count", "id"):
            with self.assertRaises(AccessError):
                Figures.read_group([], ["melding_count"], [name])
            with self.assertRaises(AccessError):
                Figures.read_group([(name, "=", self.group_a[0].id)], [], [])
        described = Figures.fields_get(attributes=["groupable"])
        self.assertFalse(described["dossier_count"]["groupable"])
        self.assertTrue(described["gender"]["groupable"])

    def test_rapportage_user_cannot_read_a_single_record(self):
        user = self.user_rapportage
        for model, record in (
            ("keten.dossier", self.group_a[0]),
            ("keten.melding", self.group_a[0].melding_ids[:1]),
            ("keten.person", self.victims_a[0]),
            ("keten.dossier.person", self.group_a[0].person_link_ids[:1]),
            ("keten.interventie", self.group_a[0].interventie_ids[:1]),
            ("keten.weging", self.group_a[0].weging_ids[:1]),
        ):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(user).search([])
            with self.assertRaises(AccessError, msg=model):
                record.with_user(user).read(["display_name"])

    def test_rapportage_user_downloads_the_same_workbook(self):
        wizard = (
            self.env["keten.rapportage.wizard"]
            .with_user(self.user_rapportage)
            .create(
                {
                    "date_from": PERIOD[0],
                    "date_to": PERIOD[1],
                    "gemeente_ids": [(6, 0, self.wizard.gemeente_ids.ids)],
                }
            )
        )
        mine = read_tables(render(wizard))
        coordinator = read_tables(render(self.wizard))
        self.assertEqual(
            mine["Samenvatting"]["Kerncijfers"],
            coordinator["Samenvatting"]["Kerncijfers"],
        )
        self.assertEqual(mine["Trend"], coordinator["Trend"])

    def test_menus(self):
        Menu = self.env["ir.ui.menu"]
        wizard_menu = self.env.ref(P + "keten_rapportage_wizard_menu")
        figures_menu = self.env.ref(P + "keten_rapportage_menu")
        dossier_analysis = self.env.ref(P + "keten_dossier_menu_analysis")
        visible = Menu.with_user(self.user_rapportage)._visible_menu_ids()
        self.assertIn(wizard_menu.id, visible)
        self.assertIn(figures_menu.id, visible)
        self.assertNotIn(dossier_analysis.id, visible)
        visible = Menu.with_user(self.user_regie)._visible_menu_ids()
        self.assertIn(wizard_menu.id, visible)
        self.assertIn(dossier_analysis.id, visible)
        visible = Menu.with_user(self.user_partner_gemeente)._visible_menu_ids()
        self.assertNotIn(wizard_menu.id, visible)
        self.assertNotIn(figures_menu.id, visible)

    # ------------------------------------------------------------------
    # Every figure respects who asks
    # ------------------------------------------------------------------
    def test_partner_only_counts_what_the_record_rules_show(self):
        # GGD is invited for seksuele uitbuiting: involved in group A only
        Figures, params = self.figures(self.user_partner_ggd)
        self.assertEqual(Figures._figures_key(params)["dossiers_new"], 3)
        aard = Figures._figures_aard(params)
        self.assertEqual(
            aard["dossier_woon"], {(self.gemeente_a.id, self.vorm_seksueel.id): 3}
        )
        with self.assertRaises(AccessError):
            self.env["keten.rapportage"].with_user(self.user_partner_ggd).read_group(
                [], ["dossier_count"], ["gender"]
            )
        Figures, params = self.figures(self.user_regie)
        self.assertEqual(Figures._figures_key(params)["dossiers_new"], 6)

    def test_melder_gets_no_figures(self):
        Figures, params = self.figures(self.user_melder)
        with self.assertRaises(AccessError):
            Figures._figures_key(params)
        with self.assertRaises(AccessError):
            self.env["keten.rapportage.wizard"].with_user(self.user_melder).create(
                {"date_from": PERIOD[0], "date_to": PERIOD[1]}
            )

    def test_strafrechtelijke_interventies_are_never_counted(self):
        self.env["keten.interventie"].create(
            {
                "name": "Aanhouding",
                "dossier_id": self.group_a[0].id,
                "intervention_type": "strafrechtelijk",
                "organisation_id": self.org_politie.id,
                "date_start": "2025-02-20",
            }
        )
        Figures, params = self.figures(self.user_regie)
        interventies = Figures._figures_interventies(params)
        self.assertNotIn("strafrechtelijk", {t for t, _s in interventies["type_state"]})
        self.assertEqual(sum(interventies["type_state"].values()), 3)

    # ------------------------------------------------------------------
    # Cost
    # ------------------------------------------------------------------
    def test_query_count_does_not_grow_with_the_data(self):
        Figures, params = self.figures(self.user_regie)
        Figures._collect(params)  # warm the caches
        with self.assertQueryCount(18):
            Figures._collect(params)
        for person in self.victims_b:
            self.create_dossier_with_melding(person.copy({"bsn": False}), self.org_vt)
        self.env.flush_all()
        with self.assertQueryCount(18):
            Figures._collect(params)
