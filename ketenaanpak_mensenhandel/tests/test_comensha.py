"""CoMensha registration (issue 21): made at the kwalificatie for a victim who
consented, with a termijn; exported per period (XLSX and CSV) cell by cell on
the known data set of the Rapportage Regionale Tafel, reconciled with its
workbook; a withdrawn consent leaves the next export."""

import base64
import csv
import io
from datetime import date, timedelta

import openpyxl

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..tools.person_data import age_on
from .common import P, load_dutch
from .rapportage_common import PERIOD, RapportageCase
from .test_rapportage_workbook import read_tables, render

HEADER = [
    "Referentie",
    "Naam",
    "Datum van het signaal",
    "Verschijningsvormen",
    "Leeftijdsgroep",
    "Geslacht",
    "Nationaliteit",
    "Nationaliteitsgroep",
    "Regio",
    "Verwijzende organisatie",
    "Status",
    "Gemeld op",
]


def columns(table):
    """{column header: [cells]} of a table read with ``read_tables``."""
    header, rows = table[0], table[1:]
    return {label: [row[index] for row in rows] for index, label in enumerate(header)}


@tagged("post_install", "-at_install", "keten_avg")
class TestComensha(RapportageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_dutch(cls.env)
        cls.org_comensha = cls.env["keten.organisation"].create(
            {
                "name": "Test CoMensha",
                "code": "CMS",
                "kind": "zorg",
                "membership": "flexibele_schil",
            }
        )
        cls.give_legal_basis(cls.org_comensha, basis_type="toestemming")
        cls.region = cls.env.company.name

    @classmethod
    def consent(cls, person, day="2025-02-01", **kw):
        vals = {
            "person_id": person.id,
            "purpose": "comensha",
            "organisation_id": cls.org_comensha.id,
            "date_given": day,
        }
        age = age_on(person.birth_date, fields.Date.to_date(day))
        if age is not None and age < 16:
            vals.update(given_by="parent", given_by_name="Ouder met gezag")
        vals.update(kw)
        return cls.env["keten.consent"].create(vals)

    def registrations(self, persons):
        return self.env["keten.comensha.registration"].search(
            [("person_id", "in", persons.ids)], order="id"
        )

    def export_wizard(self, user=None, gemeenten=None):
        """The export of the known data set: its period and municipalities, as
        the workbook of RapportageCase (so demo data in the database stays out)."""
        if gemeenten is None:
            gemeenten = self.gemeente_a | self.gemeente_b
        return (
            self.env["keten.comensha.export.wizard"]
            .with_user(user or self.user_regie)
            .with_context(lang="nl_NL")
            .create(
                {
                    "date_from": PERIOD[0],
                    "date_to": PERIOD[1],
                    "gemeente_ids": [(6, 0, gemeenten.ids)],
                }
            )
        )

    def xlsx(self, wizard):
        report = self.env.ref(P + "keten_comensha_export_xlsx").with_user(
            wizard.env.user
        )
        content, kind = report.with_context(lang="nl_NL")._render_xlsx(
            report.report_name, wizard.ids, {}
        )
        self.assertEqual(kind, "xlsx")
        return content

    def sheet_rows(self, content, title):
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        return [
            ["" if value is None else value for value in row]
            for row in workbook[title].iter_rows(values_only=True)
        ]

    def row(self, person, day, name=""):
        return [
            self.registrations(person).name,
            name,
            day,
            "Seksuele uitbuiting",
            "< 18",
            "Vrouw",
            self.env.ref("base.nl").with_context(lang="nl_NL").name,
            "NL",
            self.region,
            "Test Moviera",
            "Te melden",
            "",
        ]

    # ------------------------------------------------------------------
    # When a registration is made, and its termijn
    # ------------------------------------------------------------------
    def test_registration_follows_kwalificatie_and_consent(self):
        person = self.env["keten.person"].create(
            {"first_name": "Noor", "last_name": "Testers", "gender": "vrouw"}
        )
        without = self.env["keten.person"].create({"first_name": "Zonder"})
        dossier = self.create_dossier_with_melding(person, self.org_vt)
        self.env["keten.dossier.person"].create(
            {"dossier_id": dossier.id, "person_id": without.id, "role": "slachtoffer"}
        )
        dossier.write({"regie_user_id": self.user_regie.id})
        today = fields.Date.context_today(self.env["keten.termijn"])
        self.consent(person, day=today, age_statement="16_plus")
        self.assertFalse(self.registrations(person), "not before the kwalificatie")
        self.first_weging(dossier)
        registration = self.registrations(person)
        self.assertEqual(registration.state, "te_melden")
        self.assertEqual(registration.dossier_id, dossier)
        self.assertEqual(registration.date_kwalificatie, today)
        self.assertEqual(registration.age_group, "unknown")
        self.assertEqual(registration.gender, "vrouw")
        self.assertFalse(self.registrations(without), "no consent, no registration")
        termijn = self.env.ref(P + "termijn_comensha")
        deadline = self.env["keten.deadline"].search(
            [
                ("termijn_id", "=", termijn.id),
                ("res_model", "=", registration._name),
                ("res_id", "=", registration.id),
            ]
        )
        calendar = self.env["keten.termijn"]._working_calendar()
        self.assertEqual(deadline.state, "open")
        self.assertEqual(deadline.dossier_id, dossier)
        self.assertEqual(
            deadline.date_deadline, calendar.add_period(today, 10, "working_days")
        )
        self.assertEqual(deadline.activity_id.user_id, self.user_regie)
        self.assertEqual(deadline.activity_id.res_model, registration._name)
        # the ketenregie reports it: the termijn is met
        registration.with_user(self.user_regie).action_mark_reported()
        self.assertEqual(registration.state, "gemeld")
        self.assertEqual(registration.reported_by_id, self.user_regie)
        self.assertEqual(deadline.state, "done")
        self.assertEqual(deadline.close_reason, "comensha")
        with self.assertRaises(UserError):
            registration.with_user(self.user_regie).action_mark_reported()

    def test_geen_mensenhandel_registers_nobody(self):
        # group B was qualified as geen mensenhandel
        for person in self.victims_b:
            self.consent(person)
        self.assertFalse(self.registrations(self.victims_b))

    def test_only_the_ketenregie_works_with_registrations(self):
        self.consent(self.victims_a[0])
        registration = self.registrations(self.victims_a[0])
        Registration = self.env["keten.comensha.registration"]
        self.assertFalse(
            Registration.with_user(self.user_partner_moviera).has_access("read")
        )
        self.assertTrue(registration.with_user(self.user_privacy).has_access("read"))
        with self.assertRaises(AccessError):
            registration.with_user(self.user_privacy).action_mark_reported()
        with self.assertRaises(UserError):
            registration.with_user(self.user_regie).write({"gender": "man"})
        with self.assertRaises(UserError):
            registration.with_user(self.user_regie).unlink()
        with self.assertRaises(UserError):
            Registration.with_user(self.user_regie).create(
                {"dossier_id": self.group_a[0].id, "person_id": self.victims_a[0].id}
            )
        with self.assertRaises(AccessError):
            self.export_wizard(self.user_partner_moviera)

    # ------------------------------------------------------------------
    # The export, cell by cell
    # ------------------------------------------------------------------
    def test_export_cell_by_cell_and_withdrawal(self):
        first, second, third = self.victims_a
        self.consent(first, comensha_name_allowed=True)
        consent_second = self.consent(second)
        self.consent(third, day="2025-02-05")
        for person in self.victims_b:
            self.consent(person)
        wizard = self.export_wizard()
        self.assertEqual(
            (wizard.registration_count, wizard.to_report_count, wizard.withdrawn_count),
            (3, 3, 0),
        )
        content = self.xlsx(wizard)
        expected = [
            HEADER,
            self.row(first, "13-01-2025", name="Zwaantje Kortenhoeven"),
            self.row(second, "14-01-2025"),
            self.row(third, "15-01-2025"),
        ]
        self.assertEqual(self.sheet_rows(content, "Registraties"), expected)
        # the CSV holds the same cells
        wizard.action_export_csv()
        text = base64.b64decode(wizard.csv_file).decode("utf-8-sig")
        self.assertEqual(list(csv.reader(io.StringIO(text))), expected)
        self.assertTrue(wizard.csv_name.endswith(".csv"))
        # exporting is an export of the dossiers in the access log
        self.env.flush_all()
        rows = self.env["keten.access.log"].search(
            [("action", "=", "export"), ("user_id", "=", self.user_regie.id)]
        )
        self.assertEqual(set(rows.mapped("dossier_res_id")), set(self.group_a.ids))
        # limited to the municipality of group B, which has no registration
        only_b = self.export_wizard(gemeenten=self.gemeente_b)
        self.assertEqual((only_b.registration_count, only_b.to_report_count), (0, 0))
        self.assertEqual(self.sheet_rows(self.xlsx(only_b), "Registraties"), [HEADER])
        summary = read_tables(self.xlsx(only_b))["Totalen"][
            "Aansluiting met de Rapportage Regionale Tafel"
        ]
        self.assertEqual([row[1] for row in summary], [3, 0, 0, 0, 0])

        # the second victim withdraws: she leaves the next export
        consent_second.action_withdraw()
        registration = self.registrations(second)
        self.assertEqual(registration.state, "ingetrokken")
        wizard = self.export_wizard()
        self.assertEqual(
            (wizard.registration_count, wizard.to_report_count, wizard.withdrawn_count),
            (2, 2, 1),
        )
        content = self.xlsx(wizard)
        self.assertEqual(
            self.sheet_rows(content, "Registraties"),
            [expected[0], expected[1], expected[3]],
        )
        totals = read_tables(content)["Totalen"]
        self.assertEqual(
            totals["Aansluiting met de Rapportage Regionale Tafel"],
            [
                [
                    "Slachtoffers in nieuwe dossiers (zoals in de Rapportage Regionale Tafel)",
                    6,
                ],
                ["van wie in dossiers gekwalificeerd als mensenhandel", 3],
                ["van wie met hun toestemming aangemeld bij CoMensha", 2],
                ["van wie hun toestemming introkken (niet geëxporteerd)", 1],
                ["van wie zonder toestemming voor de registratie", 0],
            ],
        )
        # the rest is marked as reported; a new consent brings her back
        wizard.action_mark_reported()
        self.assertEqual(
            self.registrations(self.victims_a).mapped("state"),
            ["gemeld", "ingetrokken", "gemeld"],
        )
        self.consent(second, day="2025-03-01")
        self.assertEqual(registration.state, "te_melden")
        self.assertEqual(self.export_wizard().registration_count, 3)

    def test_totals_reconcile_with_the_workbook(self):
        for person in self.victims_a | self.victims_b:
            self.consent(person)
        totals = read_tables(self.xlsx(self.export_wizard()))["Totalen"]
        # the workbook of the same period: every victim (6), and for the form of
        # exploitation of the qualified dossiers the same tables of victims
        workbook = read_tables(render(self.wizard_workbook()))
        kerncijfers = dict(
            (row[0], row[1]) for row in workbook["Samenvatting"]["Kerncijfers"][1:]
        )
        summary = totals["Aansluiting met de Rapportage Regionale Tafel"]
        self.assertEqual(
            summary[0][1],
            kerncijfers["Slachtoffers in nieuwe dossiers (per dossier geteld)"],
        )
        # the workbook of the form of exploitation of the qualified dossiers has
        # the same columns; the other forms have no registration
        qualified = read_tables(render(self.wizard_workbook(self.vorm_seksueel)))
        for dimension in ("leeftijdsgroep", "geslacht", "nationaliteitsgroep"):
            with self.subTest(table=dimension):
                mine = columns(
                    totals[
                        f"Geregistreerde slachtoffers naar {dimension} en "
                        "verschijningsvorm"
                    ]
                )
                theirs = columns(
                    qualified["Aard en omvang"][
                        f"Slachtoffers naar {dimension} en verschijningsvorm"
                    ]
                )
                self.assertEqual(len(theirs), 3)
                for column, values in theirs.items():
                    self.assertEqual(mine[column], values, column)
                for column in set(mine) - set(theirs):
                    self.assertEqual(set(mine[column]), {0}, column)

    def wizard_workbook(self, vorm=None):
        return (
            self.env["keten.rapportage.wizard"]
            .with_user(self.user_regie)
            .create(
                {
                    "date_from": PERIOD[0],
                    "date_to": PERIOD[1],
                    "gemeente_ids": [(6, 0, (self.gemeente_a | self.gemeente_b).ids)],
                    "verschijningsvorm_ids": [(6, 0, vorm.ids)] if vorm else [],
                }
            )
        )

    def test_consent_given_after_the_kwalificatie_starts_the_termijn_then(self):
        person = self.victims_a[0]
        day = date(2025, 3, 3)
        self.consent(person, day=day)
        registration = self.registrations(person)
        deadline = self.env["keten.deadline"].search(
            [("res_model", "=", registration._name), ("res_id", "=", registration.id)]
        )
        self.assertEqual(deadline.date_start, day)
        self.assertEqual(deadline.date_deadline, day + timedelta(days=14))
