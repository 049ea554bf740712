import io
import re
import zipfile
from datetime import date, datetime

import openpyxl

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import load_dutch
from .rapportage_common import PERIOD, VICTIMS_A, VICTIMS_B, RapportageCase

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni"]
VORMEN = [
    "Seksuele uitbuiting",
    "Arbeidsuitbuiting",
    "Criminele uitbuiting",
    "Gedwongen orgaanverwijdering",
    "Onbekend",
]
TYPES = [
    "Zorg / hulpverlening",
    "Opvang / veilige plek",
    "Bestuursrechtelijk",
    "Fiscaal",
    "Nazorg",
    "B8 / bedenktijd",
    "Overdracht",
    "Veiligheidsmaatregel",
    "Juridische bijstand",
    "Overig",
]


def render(wizard):
    report = wizard.env.ref("ketenaanpak_mensenhandel.rapportage_regionale_tafel_xlsx")
    content, file_type = report._render_xlsx(report.report_name, wizard.ids, {})
    assert file_type == "xlsx"
    return content


def read_tables(content):
    """{sheet: {block title: [rows]}}; rows without trailing empty cells."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    result = {}
    for sheet in workbook.worksheets:
        blocks, current = [], []
        for row in sheet.iter_rows(values_only=True):
            row = list(row)
            while row and row[-1] is None:
                row.pop()
            if row:
                current.append(row)
            elif current:
                blocks.append(current)
                current = []
        if current:
            blocks.append(current)
        result[sheet.title] = {block[0][0]: block[1:] for block in blocks}
    return result


def cross(corner, cols, rows, total=True):
    """Expected rows of a table with row and column totals."""
    lines = [[corner, *cols, "Totaal"] if total else [corner, *cols]]
    sums = [0] * len(cols)
    for label, values in rows:
        sums = [a + b for a, b in zip(sums, values, strict=True)]
        lines.append([label, *values, sum(values)] if total else [label, *values])
    lines.append(["Totaal", *sums, sum(sums)] if total else ["Totaal", *sums])
    return lines


def zeros(n):
    return [0] * n


@tagged("post_install", "-at_install", "keten_rapportage")
class TestRapportageWorkbook(RapportageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The workbook is a Dutch publication: written in Dutch where the
        # language is installed, as the README asks of every install.
        load_dutch(cls.env)
        cls.content = render(cls.wizard)
        cls.tables = read_tables(cls.content)

    def test_sheets(self):
        self.assertEqual(
            list(self.tables),
            [
                "Samenvatting",
                "Aard en omvang",
                "Instroom",
                "Doorlooptijden",
                "Interventies",
                "Uitkomsten",
                "Casusoverleggen",
                "Trend",
            ],
        )

    def test_samenvatting(self):
        sheet = self.tables["Samenvatting"]
        today = fields.Date.context_today(self.wizard).strftime("%d-%m-%Y")
        self.assertEqual(
            sheet["Samenvatting"],
            [
                ["Rapportage Regionale Tafel · periode 01-01-2025 t/m 30-06-2025"],
                ["Periode: 01-01-2025 t/m 30-06-2025"],
                ["Gemeenten: Testdorp, Teststad"],
                ["Verschijningsvormen: alle"],
                [f"Gemaakt op: {today}"],
                ["<3: een aantal van 1 tot en met 2, afgeschermd."],
                [
                    "x: afgeschermd zodat een ander afgeschermd aantal niet is terug "
                    "te rekenen."
                ],
                ["–: niet te berekenen of gebaseerd op te weinig dossiers."],
                [
                    "Meer geregistreerde signalen wijst op betere signalering, niet op "
                    "meer mensenhandel."
                ],
            ],
        )
        self.assertEqual(
            sheet["Kerncijfers"],
            [
                ["Kerncijfer", "Aantal"],
                ["Meldingen ontvangen", 6],
                ["Nieuwe dossiers", 6],
                ["Slachtoffers in nieuwe dossiers (per dossier geteld)", 6],
                ["Lopende dossiers in de periode", 6],
                ["Afgesloten dossiers", 3],
                ["1e wegingen vastgesteld", 6],
                ["2e wegingen vastgesteld", 3],
                ["Casusoverleggen gehouden", 3],
                ["Dossiers besproken in een casusoverleg", 3],
                ["Plannen van aanpak vastgesteld", 3],
                ["Interventies gestart", 3],
            ],
        )
        indicators = sheet["Ketenprestatie-indicatoren"]
        self.assertEqual(indicators[0], ["Indicator", "Waarde", "Toelichting"])
        self.assertEqual(
            [row[:2] for row in indicators[1:]],
            [
                ["Meldingen die tot een dossier leidden", 1],
                ["Dossiers gekwalificeerd als mensenhandel", 0.5],
                ["Gekwalificeerde dossiers met vastgesteld plan van aanpak", 1],
                ["Mediane doorlooptijd melding → 1e weging (werkdagen)", 4],
                ["Mediane doorlooptijd melding → plan van aanpak (werkdagen)", 23],
                # 1e weging 5 of 6 in time, bespreking 3 of 3 (see Doorlooptijden)
                ["Termijnen binnen de termijn gehaald", 8 / 9],
                ["Afgesloten dossiers met nazorg geregeld", 0],
                # depends on the suppressed results of the interventies
                ["Afgeronde interventies (deels) geslaagd", "–"],
            ],
        )

    def test_aard_en_omvang(self):
        sheet = self.tables["Aard en omvang"]
        five = len(VORMEN)

        def by_gemeente(corner):
            return cross(
                corner,
                VORMEN,
                [
                    ("Testdorp", [3, 0, 0, 0, 0]),
                    ("Teststad", [0, 3, 0, 0, 0]),
                    ("Onbekend", zeros(five)),
                ],
            )

        self.assertEqual(
            sheet["Dossiers per woongemeente en verschijningsvorm"],
            by_gemeente("Woongemeente"),
        )
        self.assertEqual(
            sheet["Dossiers per gemeente van uitbuiting en verschijningsvorm"],
            by_gemeente("Gemeente van uitbuiting"),
        )
        self.assertEqual(
            sheet["Slachtoffers per woongemeente en verschijningsvorm"],
            by_gemeente("Woongemeente slachtoffer"),
        )
        self.assertEqual(
            sheet["Slachtoffers per gemeente van uitbuiting en verschijningsvorm"],
            by_gemeente("Gemeente van uitbuiting"),
        )
        self.assertEqual(
            sheet["Slachtoffers naar leeftijdsgroep en verschijningsvorm"],
            cross(
                "Leeftijdsgroep",
                VORMEN,
                [
                    ("< 18", [3, 0, 0, 0, 0]),
                    ("18-22", zeros(five)),
                    ("23+", [0, 3, 0, 0, 0]),
                    ("Onbekend", zeros(five)),
                ],
            ),
        )
        self.assertEqual(
            sheet["Slachtoffers naar geslacht en verschijningsvorm"],
            cross(
                "Geslacht",
                VORMEN,
                [
                    ("Vrouw", [3, 0, 0, 0, 0]),
                    ("Man", [0, 3, 0, 0, 0]),
                    ("X / anders", zeros(five)),
                    ("Onbekend", zeros(five)),
                ],
            ),
        )
        self.assertEqual(
            sheet["Slachtoffers naar nationaliteitsgroep en verschijningsvorm"],
            cross(
                "Nationaliteitsgroep",
                VORMEN,
                [
                    ("NL", [3, 0, 0, 0, 0]),
                    ("EU", zeros(five)),
                    ("Niet-EU", [0, 3, 0, 0, 0]),
                    ("Onbekend", zeros(five)),
                ],
            ),
        )

    def test_instroom(self):
        sheet = self.tables["Instroom"]
        categories = ["Adviesvraag", "Signaal", "Melding"]
        month_rows = [(f"{m} 2025", [0, 0, 0]) for m in MONTHS]
        month_rows[0] = ("januari 2025", [0, 0, 3])
        month_rows[2] = ("maart 2025", [0, 3, 0])
        self.assertEqual(
            sheet["Meldingen per maand en categorie"],
            cross("Maand", categories, month_rows),
        )
        self.assertEqual(
            sheet["Meldingen per kanaal en categorie"],
            cross(
                "Kanaal",
                categories,
                [
                    ("Telefoon", [0, 0, 3]),
                    ("E-mail", [0, 3, 0]),
                    ("Webformulier", [0, 0, 0]),
                    ("Via ketenpartner", [0, 0, 0]),
                    ("Persoonlijk / balie", [0, 0, 0]),
                    ("Brief", [0, 0, 0]),
                    ("Overig", [0, 0, 0]),
                ],
            ),
        )
        self.assertEqual(
            sheet["Meldingen naar soort bronorganisatie en categorie"],
            cross(
                "Soort bronorganisatie",
                categories,
                [
                    ("Gemeente", [0, 0, 0]),
                    ("Zorg", [0, 0, 3]),
                    ("Veiligheid", [0, 0, 0]),
                    ("Justitie", [0, 3, 0]),
                    ("Overig", [0, 0, 0]),
                    ("Geen bronorganisatie", [0, 0, 0]),
                ],
            ),
        )
        self.assertEqual(
            sheet["Meldingen naar bron en categorie"],
            cross(
                "Bron",
                categories,
                [
                    ("Slachtoffer zelf", [0, 0, 0]),
                    ("Omgeving (familie, vrienden, buren)", [0, 0, 0]),
                    ("Professional", [0, 0, 3]),
                    ("Ketenpartner", [0, 3, 0]),
                    ("Werkgever / collega", [0, 0, 0]),
                    ("Anoniem", [0, 0, 0]),
                    ("Overig", [0, 0, 0]),
                ],
            ),
        )
        self.assertEqual(
            sheet["Van melding naar plan van aanpak"],
            [
                ["Stand op de datum waarop de rapportage is gemaakt."],
                ["Stap", "Aantal", "% van vorige stap"],
                ["Meldingen ontvangen", 6],
                ["Meldingen gekoppeld aan een dossier", 6, 1],
                ["Dossiers bij deze meldingen", 6],
                ["waarvan gekwalificeerd als mensenhandel", 3, 0.5],
                ["waarvan met vastgesteld plan van aanpak", 3, 1],
            ],
        )

    def test_doorlooptijden(self):
        sheet = self.tables["Doorlooptijden"]
        # signaleren: 4, 3 and 9 working days (group A, 15 January off) and 5,
        # 4 and 3 (group B); analyse: 20, 20 and 13 working days
        self.assertEqual(
            sheet["Doorlooptijd per hoofdstap"],
            [
                ["Tijd in de hoofdstap, zonder de tijd in afsluitende stages."],
                [
                    "Hoofdstap",
                    "Dossiers die de hoofdstap verlieten",
                    "Mediaan (werkdagen)",
                    "90e percentiel (werkdagen)",
                    "In deze hoofdstap op de einddatum",
                ],
                ["Signaleren, melden en kwalificatie", 6, 4, 7, 0],
                ["Analyse, dossiervorming en plan van aanpak", 3, 20, 20, 0],
                ["Uitvoering en monitoring", 0, "–", "–", 3],
                ["Evaluatie", 0, "–", "–", 0],
            ],
        )
        self.assertEqual(
            sheet["Doorlooptijd van de keten"],
            [
                ["Trajecten waarvan het eindpunt in de periode valt."],
                [
                    "Traject",
                    "Aantal",
                    "Mediaan (werkdagen)",
                    "90e percentiel (werkdagen)",
                ],
                ["Melding ontvangen → 1e weging vastgesteld", 6, 4, 7],
                ["1e weging → 2e weging vastgesteld", 3, 15, 15],
                ["2e weging → plan van aanpak vastgesteld", 3, 5, 5],
                ["Melding ontvangen → plan van aanpak vastgesteld", 3, 23, 23.8],
                ["Dossier geopend → afgeschaald of overgedragen", 3, 4, 4.8],
                ["Dossier geopend → afgesloten", 0, "–", "–"],
            ],
        )
        # 1e weging: 4, 3 and 9 working days (group A; the third after its
        # deadline of 22 January, 15 January being off) and 5, 4 and 3 (group B,
        # all in time). Terugkoppeling: nobody reported back, open past the
        # deadline for all six. Bespreking: the three overleggen were recorded
        # on their own day. The plans were adopted before the overleg, so no
        # plan termijn started; nothing ran, closed or was evaluated.
        none = ["–", "–"]
        self.assertEqual(
            sheet["Doorlooptijd per termijn"],
            [
                [
                    "Van de gebeurtenis die de termijn start tot de gebeurtenis die hem "
                    "haalt, in werkdagen. Uitzondering: geen terugkoppeling omdat een "
                    "strafrechtelijk onderzoek of de veiligheid dat verbiedt."
                ],
                [
                    "Termijn",
                    "Gehaald in de periode",
                    "Mediaan (werkdagen)",
                    "90e percentiel (werkdagen)",
                    "Waarvan binnen de termijn",
                    "% binnen de termijn",
                    "Uitzondering vastgelegd",
                    "Open en verlopen op de einddatum",
                ],
                ["1e weging (5 werkdagen)", 6, 4, 7, 5, 5 / 6, 0, 0],
                ["Terugkoppeling aan de melder (10 werkdagen)", 0, *none, 0, "–", 0, 6],
                ["Bespreking in het casusoverleg (10 werkdagen)", 3, 0, 0, 3, 1, 0, 0],
                ["Plan van aanpak vastgesteld (10 werkdagen)", 0, *none, 0, "–", 0, 0],
                [
                    "Evaluatie van een lopende interventie (4 weken)",
                    0,
                    *none,
                    0,
                    "–",
                    0,
                    0,
                ],
                ["Nazorgcheck (3 maanden)", 0, *none, 0, "–", 0, 0],
                ["Casusevaluatie (6 weken)", 0, *none, 0, "–", 0, 0],
                ["Registratie bij CoMensha (10 werkdagen)", 0, *none, 0, "–", 0, 0],
                ["Totaal", 9, None, None, 8, 8 / 9],
            ],
        )

    def test_interventies(self):
        sheet = self.tables["Interventies"]
        states = ["Gepland", "Lopend", "Afgerond", "Gestopt"]
        self.assertEqual(
            sheet["Interventies naar type en status"],
            cross(
                "Type",
                states,
                [(TYPES[0], [0, 0, 3, 0])] + [(t, zeros(4)) for t in TYPES[1:]],
            ),
        )
        self.assertEqual(
            sheet["Interventies naar organisatie en type"],
            cross("Organisatie", TYPES, [("Test Moviera", [3] + zeros(9))]),
        )
        # 3 zorg geslaagd and 1 opvang deels geslaagd: the 1 is '<3'; its row,
        # its column and the totals row hold two hidden counts each, and the
        # remaining total would give the 3 away (3 + '<3' = 4 with '<3' at
        # least 1 and 'x' at least 3), so the grand total goes too.
        result = sheet["Afgeronde interventies naar type en resultaat"]
        self.assertEqual(result[0], ["Interventies afgerond in de periode."])
        self.assertEqual(
            result[1:4],
            [
                [
                    "Type",
                    "Geslaagd",
                    "Deels geslaagd",
                    "Niet geslaagd",
                    "Niet vastgelegd",
                    "Totaal",
                ],
                [TYPES[0], "x", 0, 0, 0, "x"],
                [TYPES[1], 0, "<3", 0, 0, "<3"],
            ],
        )
        self.assertEqual(result[4:-1], [[t, 0, 0, 0, 0, 0] for t in TYPES[2:]])
        self.assertEqual(result[-1], ["Totaal", "x", "<3", 0, 0, "x"])

    def test_uitkomsten(self):
        sheet = self.tables["Uitkomsten"]
        self.assertEqual(
            sheet["1e weging: kwalificatie"],
            [
                ["Kwalificatie", "Aantal"],
                ["Wel mensenhandel", 3],
                ["Geen mensenhandel", 3],
                ["Totaal", 6],
            ],
        )
        self.assertEqual(
            sheet["2e weging: uitkomst"],
            [
                ["Uitkomst", "Aantal"],
                ["Wel mensenhandel, wel zorg", 3],
                ["Wel mensenhandel, geen zorg", 0],
                ["Geen mensenhandel, wel zorg", 0],
                ["Geen mensenhandel, geen zorg", 0],
                ["Totaal", 3],
            ],
        )
        self.assertEqual(
            sheet["Trajectbesluiten (2e weging, wel mensenhandel)"],
            [
                ["Een besluit kan meer trajecten hebben: geen totaal."],
                ["Traject", "Aantal"],
                ["Alleen zorg", 0],
                ["Zorg en strafrecht", 3],
                ["Ondermijning (RIEC)", 0],
                ["Bedenktijd / B8 gestart", 0],
            ],
        )
        self.assertEqual(
            sheet["Afschalingen en overdrachten (geen mensenhandel)"],
            [
                ["Afschaling", "Aantal"],
                ["Afgeschaald", 0],
                ["Overgedragen aan: Gemeente", 3],
                ["Overgedragen aan: Zorg", 0],
                ["Overgedragen aan: Veiligheid", 0],
                ["Overgedragen aan: Justitie", 0],
                ["Overgedragen aan: Overig", 0],
                ["Overgedragen aan: onbekend", 0],
                ["Totaal", 3],
            ],
        )
        self.assertEqual(
            sheet["Afgesloten dossiers naar reden en nazorg"],
            cross(
                "Reden van afsluiting",
                ["Nog niet besloten", "Nazorg geregeld", "Geen nazorg nodig"],
                [
                    ("Afgerond: doelen bereikt", [0, 0, 0]),
                    ("Afgeschaald: geen mensenhandel", [0, 0, 0]),
                    ("Overgedragen aan andere partner", [3, 0, 0]),
                    ("Verhuisd / buiten de regio", [0, 0, 0]),
                    ("Geen contact meer", [0, 0, 0]),
                    ("Overig", [0, 0, 0]),
                    ("Niet vastgelegd", [0, 0, 0]),
                ],
            ),
        )

    def test_casusoverleggen(self):
        sheet = self.tables["Casusoverleggen"]
        rows = [(f"{m} 2025", [0, 0]) for m in MONTHS]
        rows[1] = ("februari 2025", [3, 0])
        self.assertEqual(
            sheet["Casusoverleggen per maand"],
            cross("Maand", ["Regulier", "Spoed"], rows),
        )
        self.assertEqual(
            sheet["Besproken dossiers per maand"],
            [["Een dossier dat in meer overleggen is besproken, telt per overleg."]]
            + cross("Maand", ["Regulier", "Spoed"], rows),
        )

    def test_trend_with_chart(self):
        series = [
            "Meldingen",
            "Nieuwe dossiers",
            "Afgesloten dossiers",
            "1e wegingen",
            "Casusoverleggen",
        ]
        values = {
            "januari": [3, 3, 0, 3, 0],
            "februari": [0, 0, 0, 0, 3],
            "maart": [3, 3, 3, 3, 0],
        }
        expected = [["Maand", *series, None, "Maand (grafiek)", *series]]
        for month in MONTHS:
            line = values.get(month, zeros(5))
            expected.append([f"{month} 2025", *line, None, f"{month} 2025", *line])
        expected.append(["Totaal", 6, 6, 3, 6, 3])
        self.assertEqual(self.tables["Trend"]["Maandelijkse reeks"], expected)
        with zipfile.ZipFile(io.BytesIO(self.content)) as archive:
            charts = [n for n in archive.namelist() if n.startswith("xl/charts/")]
            self.assertEqual(len(charts), 1)
            chart = archive.read(charts[0]).decode()
        self.assertIn("<c:lineChart>", chart)
        self.assertEqual(chart.count("<c:ser>"), 5)
        self.assertIn("<c:f>Trend!$H$7:$H$12</c:f>", chart)

    def test_no_personal_data_anywhere(self):
        forbidden = {"Hendrika", "Vlietstra", "Bosgraaf", "0575-998877", "buurvrouw"}
        forbidden |= {"Industrieweg", "Sanne", "Vries", "Bakker", "Petrova"}
        persons = self.victims_a | self.victims_b
        for vals in VICTIMS_A + VICTIMS_B:
            for field in ("first_name", "last_name", "bsn", "street", "zip", "city"):
                forbidden.add(vals[field])
            forbidden.add(vals["bsn"][:4] + " " + vals["bsn"][4:])
            birth = fields.Date.to_date(vals["birth_date"])
            forbidden |= {
                birth.isoformat(),
                birth.strftime("%d-%m-%Y"),
                birth.strftime("%d/%m/%Y"),
                birth.strftime("%d.%m.%Y"),
                f"{birth.day}-{birth.month}-{birth.year}",
                f"{birth.day}/{birth.month}/{birth.year}",
                birth.strftime("%Y%m%d"),
                birth.strftime("%d%m%Y"),
            }
        forbidden |= {"zwaantje@example.org", "06-12345678"}
        self.assertTrue(persons)
        birth_dates = {
            fields.Date.to_date(v["birth_date"]) for v in VICTIMS_A + VICTIMS_B
        }
        workbook = openpyxl.load_workbook(io.BytesIO(self.content))
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = cell.value
                    if isinstance(value, datetime):
                        value = value.date()
                    self.assertNotIn(value, birth_dates, cell.coordinate)
                    text = str(value or "").lower()
                    for token in forbidden:
                        self.assertNotIn(
                            token.lower(), text, f"{sheet.title}!{cell.coordinate}"
                        )
        # every part of the file: cells, shared strings, charts, properties
        with zipfile.ZipFile(io.BytesIO(self.content)) as archive:
            for name in archive.namelist():
                raw = archive.read(name).decode("utf-8", "replace").lower()
                for token in forbidden:
                    self.assertNotIn(token.lower(), raw, name)
                for excel_date in birth_dates:
                    serial = (excel_date - date(1899, 12, 30)).days
                    self.assertIsNone(
                        re.search(rf"<v>{serial}(\.0)?</v>", raw), (name, serial)
                    )
        self.assertEqual(workbook.properties.creator, "Ketenaanpak mensenhandel")

    def test_filename(self):
        report = self.env.ref(
            "ketenaanpak_mensenhandel.rapportage_regionale_tafel_xlsx"
        )
        name = safe_eval(report.print_report_name, {"object": self.wizard})
        self.assertEqual(name, "Rapportage Regionale Tafel 01-01-2025 - 30-06-2025")


@tagged("post_install", "-at_install", "keten_rapportage")
class TestRapportageWizard(RapportageCase):
    def test_period_checks(self):
        Wizard = self.env["keten.rapportage.wizard"].with_user(self.user_regie)
        with self.assertRaisesRegex(ValidationError, "starts after it ends"):
            Wizard.create({"date_from": "2025-06-30", "date_to": "2025-01-01"})
        with self.assertRaisesRegex(ValidationError, "at most 10 years"):
            Wizard.create({"date_from": "2000-01-01", "date_to": "2025-01-01"})

    def test_threshold_setting(self):
        Parameter = self.env["ir.config_parameter"].sudo()
        Wizard = self.env["keten.rapportage.wizard"]
        Parameter.set_param("ketenaanpak_mensenhandel.rapportage_threshold", 10)
        self.assertEqual(Wizard._suppression_threshold(), 10)
        # never below 3, and a typo falls back to the default
        Parameter.set_param("ketenaanpak_mensenhandel.rapportage_threshold", 1)
        self.assertEqual(Wizard._suppression_threshold(), 3)
        Parameter.set_param("ketenaanpak_mensenhandel.rapportage_threshold", "vijf")
        self.assertEqual(Wizard._suppression_threshold(), 5)
        settings = self.env["res.config.settings"].create(
            {"keten_rapportage_threshold": 7}
        )
        settings.execute()
        self.assertEqual(Wizard._suppression_threshold(), 7)
        with self.assertRaisesRegex(ValidationError, "at least 3"):
            self.env["res.config.settings"].create({"keten_rapportage_threshold": 2})

    def test_higher_threshold_hides_more(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "ketenaanpak_mensenhandel.rapportage_threshold", 4
        )
        tables = read_tables(render(self.wizard))
        kerncijfers = dict(tables["Samenvatting"]["Kerncijfers"][1:])
        self.assertEqual(kerncijfers["Lopende dossiers in de periode"], 6)
        self.assertEqual(kerncijfers["Plannen van aanpak vastgesteld"], "<4")
        self.assertEqual(kerncijfers["Afgesloten dossiers"], "<4")
        # every 3 is now a small count; a 6 that is the sum of two of them
        # would give them away and is hidden as well
        self.assertEqual(kerncijfers["Meldingen ontvangen"], "x")
        month = tables["Instroom"]["Meldingen per maand en categorie"]
        self.assertEqual(month[1], ["januari 2025", 0, 0, "<4", "<4"])

    def test_action_print_returns_the_xlsx_report(self):
        action = self.wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(
            action["report_name"], "ketenaanpak_mensenhandel.rapportage_regionale_tafel"
        )

    def test_report_needs_the_wizard(self):
        report = self.env.ref(
            "ketenaanpak_mensenhandel.rapportage_regionale_tafel_xlsx"
        )
        with self.assertRaisesRegex(UserError, "from its wizard"):
            report._render_xlsx(report.report_name, [], {})

    def test_partner_cannot_start_the_workbook(self):
        with self.assertRaises(AccessError):
            self.env["keten.rapportage.wizard"].with_user(
                self.user_partner_gemeente
            ).create({"date_from": PERIOD[0], "date_to": PERIOD[1]})
