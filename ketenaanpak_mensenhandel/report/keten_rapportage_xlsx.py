"""XLSX workbook "Rapportage Regionale Tafel" (OCA report_xlsx).

Headers and labels are Dutch source text on purpose: the workbook is a Dutch
document for the Regionale Tafel, its headers are the chain's terms of art,
and the same period must give the same workbook whatever language the person
who downloads it uses in Odoo. Selection labels and record names are rendered
in Dutch (``nl_NL``) when that language is installed.

Anonymity by construction: only counts, percentages and durations computed
from the aggregates of :mod:`keten_rapportage_figures` are written; no record
is read except the names of municipalities, forms of exploitation and partner
organisations. Every count passes the suppression of :mod:`..tools.suppression`.
"""

import tempfile

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.keten_hoofdstap import HOOFDSTAP_CODES
from ..tools.publication import TOTAL, Block, Derived, Publication, Text

TITLE = "Rapportage Regionale Tafel"
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
NO_VORM = "Niet vastgelegd"
UNKNOWN = "Onbekend"
INTERVALS = [
    ("melding_weging1", "Melding ontvangen → 1e weging vastgesteld"),
    ("weging1_weging2", "1e weging → 2e weging vastgesteld"),
    ("weging2_plan", "2e weging → plan van aanpak vastgesteld"),
    ("melding_plan", "Melding ontvangen → plan van aanpak vastgesteld"),
    ("open_afgeschaald", "Dossier geopend → afgeschaald of overgedragen"),
    ("open_afgesloten", "Dossier geopend → afgesloten"),
]
DURATION_HEADER = ["Aantal", "Mediaan (werkdagen)", "90e percentiel (werkdagen)"]
TERMIJNEN = [
    ("eerste_weging", "1e weging"),
    ("terugkoppeling", "Terugkoppeling aan de melder"),
    ("bespreking", "Bespreking in het casusoverleg"),
    ("plan", "Plan van aanpak vastgesteld"),
    ("interventie_review", "Evaluatie van een lopende interventie"),
    ("nazorg_check", "Nazorgcheck"),
    ("evaluatie", "Casusevaluatie"),
    ("comensha", "Registratie bij CoMensha"),
]
UNIT_LABELS = {"working_days": "werkdagen", "weeks": "weken", "months": "maanden"}


def _day(value):
    return value.strftime("%d-%m-%Y")


def _month_label(month):
    return f"{MONTHS[month.month - 1]} {month.year}"


def _ratio(numerator, denominator):
    return numerator / denominator if denominator else None


class RapportageRegionaleTafelXlsx(models.AbstractModel):
    _name = "report.ketenaanpak_mensenhandel.rapportage_regionale_tafel"
    _inherit = "report.report_xlsx.abstract"
    _description = "Rapportage Regionale Tafel (XLSX)"

    # ------------------------------------------------------------------
    # report_xlsx hooks
    # ------------------------------------------------------------------
    def get_workbook_options(self):
        """Stream rows to temporary files instead of keeping every cell in
        memory; never turn text into formulas or links."""
        return {
            "constant_memory": True,
            "in_memory": False,
            "tmpdir": tempfile.gettempdir(),
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        }

    def generate_xlsx_report(self, workbook, data, objs):
        if len(objs) != 1 or objs._name != "keten.rapportage.wizard":
            raise UserError(
                self.env._("Start the Rapportage Regionale Tafel from its wizard.")
            )
        wizard = objs
        params = wizard._rapportage_params()
        figures = self.env["keten.rapportage.figures"]._collect(params)
        publication = self._build_publication(
            wizard, params, figures, wizard._suppression_threshold()
        )
        publication.solve()
        self._write_workbook(workbook, publication)

    # ------------------------------------------------------------------
    # Labels
    # ------------------------------------------------------------------
    def _lang_env(self):
        installed = dict(self.env["res.lang"].get_installed())
        lang = "nl_NL" if "nl_NL" in installed else self.env.lang
        return self.env(context=dict(self.env.context, lang=lang))

    def _selection(self, model, field):
        env = self._lang_env()
        return list(env[model]._fields[field]._description_selection(env))

    def _names(self, model, ids):
        records = self._lang_env()[model].sudo().with_context(active_test=False)
        return {record.id: record.name for record in records.browse(ids)}

    def _vorm_columns(self, params, used):
        Vorm = self._lang_env()["keten.verschijningsvorm"].sudo()
        if params.vorm_ids:
            vormen = Vorm.browse(params.vorm_ids).sorted(lambda v: (v.sequence, v.id))
        else:
            vormen = Vorm.with_context(active_test=False).search(
                ["|", ("active", "=", True), ("id", "in", [v for v in used if v])]
            )
        cols = [(vorm.id, vorm.name) for vorm in vormen]
        if None in used:
            cols.append((None, NO_VORM))
        return cols

    def _gemeente_rows(self, params, used):
        Gemeente = self.env["keten.gemeente"].sudo().with_context(active_test=False)
        if params.gemeente_ids:
            base = Gemeente.browse(params.gemeente_ids)
        else:
            base = Gemeente.search([("in_region", "=", True), ("active", "=", True)])
        others = Gemeente.browse([g for g in used if g]) - base
        rows = [(g.id, g.name) for g in base.sorted("name")]
        rows += [(g.id, f"{g.name} (buiten de regio)") for g in others.sorted("name")]
        rows.append((None, UNKNOWN))
        return rows

    # ------------------------------------------------------------------
    # The publication
    # ------------------------------------------------------------------
    def _build_publication(self, wizard, params, figures, threshold):
        publication = Publication(threshold)
        publication.period_line = self._period_line(params)
        self._sheet_samenvatting(publication, wizard, params, figures)
        self._sheet_aard(publication, params, figures["aard"])
        self._sheet_instroom(publication, params, figures)
        self._sheet_doorlooptijden(publication, params, figures)
        self._sheet_interventies(publication, params, figures["interventies"])
        self._sheet_uitkomsten(publication, params, figures["uitkomsten"])
        self._sheet_casusoverleg(publication, params, figures["casusoverleg"])
        self._sheet_trend(publication, params, figures)
        return publication

    def _period_line(self, params):
        return f"{TITLE} · periode {_day(params.date_from)} t/m {_day(params.date_to)}"

    def _sheet_samenvatting(self, pub, wizard, params, figures):
        threshold = pub.threshold
        gemeenten = (
            ", ".join(
                sorted(self._names("keten.gemeente", params.gemeente_ids).values())
            )
            if params.gemeente_ids
            else "alle"
        )
        vormen = (
            ", ".join(
                self._names("keten.verschijningsvorm", params.vorm_ids)[v]
                for v in params.vorm_ids
            )
            if params.vorm_ids
            else "alle"
        )
        sheet = pub.sheet(
            "Samenvatting",
            intro=[
                f"Periode: {_day(params.date_from)} t/m {_day(params.date_to)}",
                f"Gemeenten: {gemeenten}",
                f"Verschijningsvormen: {vormen}",
                f"Gemaakt op: {_day(fields.Date.context_today(wizard))}",
                f"<{threshold}: een aantal van 1 tot en met {threshold - 1}, "
                "afgeschermd.",
                "x: afgeschermd zodat een ander afgeschermd aantal niet is terug "
                "te rekenen.",
                "–: niet te berekenen of gebaseerd op te weinig dossiers.",
                "Meer geregistreerde signalen wijst op betere signalering, niet op "
                "meer mensenhandel.",
            ],
        )
        key = figures["key"]
        closing = figures["uitkomsten"]["closing"]
        quadrants = figures["uitkomsten"]["quadrant"]
        rows = [
            ("Meldingen ontvangen", ("meldingen",), figures["conversion"]["meldingen"]),
            ("Nieuwe dossiers", ("dossiers_new",), key["dossiers_new"]),
            (
                "Slachtoffers in nieuwe dossiers (per dossier geteld)",
                ("victims",),
                key["victims"],
            ),
            (
                "Lopende dossiers in de periode",
                ("dossiers_active",),
                key["dossiers_active"],
            ),
            ("Afgesloten dossiers", ("closed",), sum(closing.values())),
            (
                "1e wegingen vastgesteld",
                ("weging1",),
                sum(figures["uitkomsten"]["kwalificatie"].values()),
            ),
            ("2e wegingen vastgesteld", ("weging2",), sum(quadrants.values())),
            (
                "Casusoverleggen gehouden",
                ("overleg",),
                sum(figures["casusoverleg"]["overleg"].values()),
            ),
            (
                "Dossiers besproken in een casusoverleg",
                ("dossiers_discussed",),
                key["dossiers_discussed"],
            ),
            ("Plannen van aanpak vastgesteld", ("plans",), key["plans_adopted"]),
            (
                "Interventies gestart",
                ("interv",),
                sum(figures["interventies"]["type_state"].values()),
            ),
        ]
        sheet["blocks"].append(
            self._key_list(pub, "Kerncijfers", ["Kerncijfer", "Aantal"], rows)
        )
        sheet["blocks"].append(self._indicators(pub, figures))

    def _key_list(self, pub, title, header, rows, note=None):
        return Block(
            title,
            header,
            [[label, pub.count(key, value)] for label, key, value in rows],
            note=note,
        )

    def _indicators(self, pub, figures):
        conversion = figures["conversion"]
        keten = figures["doorlooptijd_keten"]
        closing = figures["uitkomsten"]["closing"]
        results = figures["interventies"]["type_result"]
        per_termijn = figures["doorlooptijd_termijn"].values()
        termijn_met = sum(stats["n"] for stats in per_termijn)
        termijn_within = sum(stats["within"] for stats in per_termijn)
        closed = sum(closing.values())
        nazorg = sum(n for (_r, status), n in closing.items() if status == "geregeld")
        finished = sum(results.values())
        succeeded = sum(
            n for (_t, result), n in results.items() if result in ("geslaagd", "deels")
        )

        def median(code):
            stats = keten.get(code) or {}
            if not stats or stats["n"] < pub.threshold:
                return Derived(None)
            return Derived(round(stats["median"], 1), [("dl_keten", code)])

        rows = [
            [
                "Meldingen die tot een dossier leidden",
                Derived(
                    _ratio(conversion["meldingen_dossier"], conversion["meldingen"]),
                    [("conv", "meldingen_dossier"), ("meldingen",)],
                    "percent",
                ),
                "Meldingen van de periode die aan een dossier zijn gekoppeld.",
            ],
            [
                "Dossiers gekwalificeerd als mensenhandel",
                Derived(
                    _ratio(conversion["gekwalificeerd"], conversion["dossiers"]),
                    [("conv", "gekwalificeerd"), ("conv", "dossiers")],
                    "percent",
                ),
                "Van de dossiers bij deze meldingen: laatste weging 'wel mensenhandel'.",
            ],
            [
                "Gekwalificeerde dossiers met vastgesteld plan van aanpak",
                Derived(
                    _ratio(conversion["plan"], conversion["gekwalificeerd"]),
                    [("conv", "plan"), ("conv", "gekwalificeerd")],
                    "percent",
                ),
                "Stand op de datum waarop de rapportage is gemaakt.",
            ],
            [
                "Mediane doorlooptijd melding → 1e weging (werkdagen)",
                median("melding_weging1"),
                "Dossiers waarvan de 1e weging in de periode is vastgesteld.",
            ],
            [
                "Mediane doorlooptijd melding → plan van aanpak (werkdagen)",
                median("melding_plan"),
                "Dossiers waarvan het plan van aanpak in de periode is vastgesteld.",
            ],
            [
                "Termijnen binnen de termijn gehaald",
                Derived(
                    _ratio(termijn_within, termijn_met),
                    [("dl_termijn", TOTAL), ("dl_termijn_within", TOTAL)],
                    "percent",
                ),
                "Termijnen gehaald in de periode (zie Doorlooptijden).",
            ],
            [
                "Afgesloten dossiers met nazorg geregeld",
                Derived(
                    _ratio(nazorg, closed),
                    [("closing", TOTAL, "geregeld"), ("closed",)],
                    "percent",
                ),
                "Dossiers afgesloten in de periode.",
            ],
            [
                "Afgeronde interventies (deels) geslaagd",
                Derived(
                    _ratio(succeeded, finished),
                    [
                        ("interv_result", TOTAL, "geslaagd"),
                        ("interv_result", TOTAL, "deels"),
                        ("interv_result", TOTAL, TOTAL),
                    ],
                    "percent",
                ),
                "Interventies afgerond in de periode, strafrechtelijke niet meegeteld.",
            ],
        ]
        return Block(
            "Ketenprestatie-indicatoren", ["Indicator", "Waarde", "Toelichting"], rows
        )

    # -- Aard en omvang --------------------------------------------------
    def _sheet_aard(self, pub, params, aard):
        sheet = pub.sheet(
            "Aard en omvang",
            intro=[
                "Dossiers geopend in de periode en de slachtoffers daarin.",
                "Een dossier of slachtoffer met meer verschijningsvormen telt bij elke "
                "vorm; de totalen tellen zulke vermeldingen. Een slachtoffer in meer "
                "dossiers telt per dossier.",
                "Leeftijdsgroep, geslacht, nationaliteitsgroep en woongemeente van het "
                "slachtoffer zijn vastgelegd bij de start van het dossier.",
            ],
        )
        used_vormen = {vorm for table in aard.values() for (_v, vorm) in table}
        cols = self._vorm_columns(params, used_vormen)

        def gemeente_rows(table):
            return self._gemeente_rows(params, {g for (g, _vorm) in table})

        def selection_rows(model, field, unknown):
            rows = self._selection(model, field)
            return [(value, label) for value, label in rows] or [(unknown, UNKNOWN)]

        specs = [
            (
                "dossier_woon",
                "Dossiers per woongemeente en verschijningsvorm",
                "Woongemeente",
                gemeente_rows(aard["dossier_woon"]),
                "dossier",
            ),
            (
                "dossier_uitbuiting",
                "Dossiers per gemeente van uitbuiting en verschijningsvorm",
                "Gemeente van uitbuiting",
                gemeente_rows(aard["dossier_uitbuiting"]),
                "dossier",
            ),
            (
                "victim_woon",
                "Slachtoffers per woongemeente en verschijningsvorm",
                "Woongemeente slachtoffer",
                gemeente_rows(aard["victim_woon"]),
                "victim",
            ),
            (
                "victim_uitbuiting",
                "Slachtoffers per gemeente van uitbuiting en verschijningsvorm",
                "Gemeente van uitbuiting",
                gemeente_rows(aard["victim_uitbuiting"]),
                "victim",
            ),
            (
                "victim_age",
                "Slachtoffers naar leeftijdsgroep en verschijningsvorm",
                "Leeftijdsgroep",
                selection_rows("keten.dossier.person", "age_group", "unknown"),
                "victim",
            ),
            (
                "victim_gender",
                "Slachtoffers naar geslacht en verschijningsvorm",
                "Geslacht",
                selection_rows("keten.dossier.person", "gender", "onbekend"),
                "victim",
            ),
            (
                "victim_nationality",
                "Slachtoffers naar nationaliteitsgroep en verschijningsvorm",
                "Nationaliteitsgroep",
                selection_rows("keten.dossier.person", "nationality_group", "onbekend"),
                "victim",
            ),
        ]
        for ident, title, corner, rows, unit in specs:
            links = {(TOTAL, vorm): (f"aard_{unit}_vorm", vorm) for vorm, _l in cols}
            links[(TOTAL, TOTAL)] = (f"aard_{unit}",)
            sheet["blocks"].append(
                pub.cross_table(
                    ident, title, corner, rows, cols, aard[ident], links=links
                )
            )

    # -- Instroom --------------------------------------------------------
    def _sheet_instroom(self, pub, params, figures):
        instroom = figures["instroom"]
        conversion = figures["conversion"]
        sheet = pub.sheet(
            "Instroom",
            intro=[
                "Meldingen, signalen en adviesvragen ontvangen in de periode.",
            ],
        )
        cols = self._selection("keten.melding", "category")
        months = [(month, _month_label(month)) for month in params.months()]
        kinds = self._selection("keten.organisation", "kind")
        kinds.append((None, "Geen bronorganisatie"))
        specs = [
            ("month", "Meldingen per maand en categorie", "Maand", months),
            (
                "channel",
                "Meldingen per kanaal en categorie",
                "Kanaal",
                self._selection("keten.melding", "channel"),
            ),
            (
                "source_kind",
                "Meldingen naar soort bronorganisatie en categorie",
                "Soort bronorganisatie",
                kinds,
            ),
            (
                "source_type",
                "Meldingen naar bron en categorie",
                "Bron",
                self._selection("keten.melding", "source_type"),
            ),
        ]
        for ident, title, corner, rows in specs:
            links = {(TOTAL, c): ("meldingen_cat", c) for c, _l in cols}
            links[(TOTAL, TOTAL)] = ("meldingen",)
            if ident == "month":
                links.update(
                    {(month, TOTAL): ("meldingen_month", month) for month, _l in rows}
                )
            sheet["blocks"].append(
                pub.cross_table(
                    f"instroom_{ident}",
                    title,
                    corner,
                    rows,
                    cols,
                    instroom[ident],
                    links=links,
                )
            )
        steps = [
            ("Meldingen ontvangen", ("meldingen",), "meldingen"),
            (
                "Meldingen gekoppeld aan een dossier",
                ("conv", "meldingen_dossier"),
                "meldingen_dossier",
            ),
            ("Dossiers bij deze meldingen", ("conv", "dossiers"), "dossiers"),
            (
                "waarvan gekwalificeerd als mensenhandel",
                ("conv", "gekwalificeerd"),
                "gekwalificeerd",
            ),
            ("waarvan met vastgesteld plan van aanpak", ("conv", "plan"), "plan"),
        ]
        rows = []
        previous = None
        for label, key, name in steps:
            count = pub.count(key, conversion[name])
            share = (
                Derived(
                    _ratio(conversion[name], conversion[previous[1]]),
                    [key, previous[0]],
                    "percent",
                )
                if previous and name != "dossiers"
                else ""
            )
            rows.append([label, count, share])
            previous = (key, name)
        sheet["blocks"].append(
            Block(
                "Van melding naar plan van aanpak",
                ["Stap", "Aantal", "% van vorige stap"],
                rows,
                note="Stand op de datum waarop de rapportage is gemaakt.",
            )
        )

    # -- Doorlooptijden --------------------------------------------------
    def _sheet_doorlooptijden(self, pub, params, figures):
        sheet = pub.sheet(
            "Doorlooptijden",
            intro=[
                "In werkdagen (weekend en feestdagen van de werkkalender tellen niet).",
                "Mediaan en 90e percentiel alleen bij ten minste "
                f"{pub.threshold} dossiers.",
            ],
        )
        per_hoofdstap = figures["doorlooptijd_hoofdstap"]
        rows = []
        labels = dict(self._selection("keten.hoofdstap", "code"))
        for code, _label in HOOFDSTAP_CODES:
            if code == "preventie":
                continue
            stats = per_hoofdstap.get(code) or {"n": 0, "median": None, "p90": None}
            rows.append(
                [labels[code]]
                + self._duration_cells(pub, ("dl_hoofdstap", code), stats)
                + [pub.count(("dl_hoofdstap_end", code), stats.get("at_end", 0))]
            )
        sheet["blocks"].append(
            Block(
                "Doorlooptijd per hoofdstap",
                ["Hoofdstap"]
                + ["Dossiers die de hoofdstap verlieten"]
                + DURATION_HEADER[1:]
                + ["In deze hoofdstap op de einddatum"],
                rows,
                note="Tijd in de hoofdstap, zonder de tijd in afsluitende stages.",
            )
        )
        keten = figures["doorlooptijd_keten"]
        rows = [
            [label]
            + self._duration_cells(
                pub,
                ("dl_keten", code),
                keten.get(code) or {"n": 0, "median": None, "p90": None},
            )
            for code, label in INTERVALS
        ]
        sheet["blocks"].append(
            Block(
                "Doorlooptijd van de keten",
                ["Traject"] + DURATION_HEADER,
                rows,
                note="Trajecten waarvan het eindpunt in de periode valt.",
            )
        )
        sheet["blocks"].append(
            self._termijn_block(pub, figures["doorlooptijd_termijn"])
        )

    def _termijn_block(self, pub, per_termijn):
        """Per termijn: how many were met in the period, how many within their
        deadline, how long they took, exceptions, and what was open past its
        deadline at the end date."""
        durations = {
            t.code: t
            for t in self.env["keten.termijn"]
            .sudo()
            .with_context(active_test=False)
            .search([])
        }
        empty = {
            "n": 0,
            "within": 0,
            "median": None,
            "p90": None,
            "exempt": 0,
            "overdue": 0,
        }
        rows = []
        for code, label in TERMIJNEN:
            stats = per_termijn.get(code) or empty
            termijn = durations.get(code)
            if termijn:
                label = f"{label} ({termijn.duration} {UNIT_LABELS[termijn.unit]})"
            rows.append(
                [label]
                + self._duration_cells(pub, ("dl_termijn", code), stats)
                + [
                    pub.count(("dl_termijn_within", code), stats["within"]),
                    Derived(
                        _ratio(stats["within"], stats["n"]),
                        [("dl_termijn", code), ("dl_termijn_within", code)],
                        "percent",
                    ),
                    pub.count(("dl_termijn_exempt", code), stats["exempt"]),
                    pub.count(("dl_termijn_overdue", code), stats["overdue"]),
                ]
            )
        totals = [Text("Totaal", "total")]
        for prefix in ("dl_termijn", "dl_termijn_within"):
            field = "n" if prefix == "dl_termijn" else "within"
            total = sum((per_termijn.get(c) or empty)[field] for c, _l in TERMIJNEN)
            totals.append(pub.count((prefix, TOTAL), total))
            pub.equation((prefix, TOTAL), [(prefix, c) for c, _l in TERMIJNEN])
        met = sum((per_termijn.get(c) or empty)["n"] for c, _l in TERMIJNEN)
        within = sum((per_termijn.get(c) or empty)["within"] for c, _l in TERMIJNEN)
        rows.append(
            [totals[0], totals[1], "", "", totals[2]]
            + [
                Derived(
                    _ratio(within, met),
                    [("dl_termijn", TOTAL), ("dl_termijn_within", TOTAL)],
                    "percent",
                ),
                "",
                "",
            ]
        )
        return Block(
            "Doorlooptijd per termijn",
            ["Termijn", "Gehaald in de periode"]
            + DURATION_HEADER[1:]
            + [
                "Waarvan binnen de termijn",
                "% binnen de termijn",
                "Uitzondering vastgelegd",
                "Open en verlopen op de einddatum",
            ],
            rows,
            note="Van de gebeurtenis die de termijn start tot de gebeurtenis die hem "
            "haalt, in werkdagen. Uitzondering: geen terugkoppeling omdat een "
            "strafrechtelijk onderzoek of de veiligheid dat verbiedt.",
        )

    def _duration_cells(self, pub, key, stats):
        enough = stats["n"] >= pub.threshold

        def stat(value):
            return Derived(
                round(value, 1) if enough and value is not None else None, [key]
            )

        return [pub.count(key, stats["n"]), stat(stats["median"]), stat(stats["p90"])]

    # -- Interventies ----------------------------------------------------
    def _sheet_interventies(self, pub, params, interventies):
        sheet = pub.sheet(
            "Interventies",
            intro=[
                "Interventies op de dossiers van de rapportage, gestart in de periode "
                "(status: stand op de datum waarop de rapportage is gemaakt).",
                "Strafrechtelijke interventies worden niet gedeeld: daarover beslist "
                "het Openbaar Ministerie (need-to-know).",
            ],
        )
        types = [
            (value, label)
            for value, label in self._selection(
                "keten.interventie", "intervention_type"
            )
            if value != "strafrechtelijk"
        ]
        states = self._selection("keten.interventie", "state")
        type_links = {(t, TOTAL): ("interv_type", t) for t, _l in types}
        type_links[(TOTAL, TOTAL)] = ("interv",)
        sheet["blocks"].append(
            pub.cross_table(
                "interv_state",
                "Interventies naar type en status",
                "Type",
                types,
                states,
                interventies["type_state"],
                links=type_links,
            )
        )
        organisations = self._names(
            "keten.organisation", {o for (o, _t) in interventies["organisation_type"]}
        )
        org_rows = sorted(organisations.items(), key=lambda item: item[1].lower())
        org_links = {(TOTAL, t): ("interv_type", t) for t, _l in types}
        org_links[(TOTAL, TOTAL)] = ("interv",)
        sheet["blocks"].append(
            pub.cross_table(
                "interv_org",
                "Interventies naar organisatie en type",
                "Organisatie",
                org_rows,
                types,
                interventies["organisation_type"],
                links=org_links,
            )
        )
        results = self._selection("keten.interventie", "result") + [
            ("niet_vastgelegd", NO_VORM)
        ]
        sheet["blocks"].append(
            pub.cross_table(
                "interv_result",
                "Afgeronde interventies naar type en resultaat",
                "Type",
                types,
                results,
                interventies["type_result"],
                note="Interventies afgerond in de periode.",
            )
        )

    # -- Uitkomsten ------------------------------------------------------
    def _sheet_uitkomsten(self, pub, params, uitkomsten):
        sheet = pub.sheet(
            "Uitkomsten",
            intro=[
                "Wegingen vastgesteld in de periode en dossiers afgesloten in de "
                "periode.",
            ],
        )
        single = [("count", "Aantal")]

        def one_column(values):
            return {(value, "count"): count for value, count in values.items()}

        sheet["blocks"].append(
            pub.cross_table(
                "kwalificatie",
                "1e weging: kwalificatie",
                "Kwalificatie",
                self._selection("keten.weging", "kwalificatie"),
                single,
                one_column(uitkomsten["kwalificatie"]),
                row_totals=False,
                links={(TOTAL, "count"): ("weging1",)},
            )
        )
        sheet["blocks"].append(
            pub.cross_table(
                "quadrant",
                "2e weging: uitkomst",
                "Uitkomst",
                self._selection("keten.weging", "quadrant"),
                single,
                one_column(uitkomsten["quadrant"]),
                row_totals=False,
                links={(TOTAL, "count"): ("weging2",)},
            )
        )
        traject = uitkomsten["traject"]
        sheet["blocks"].append(
            self._key_list(
                pub,
                "Trajectbesluiten (2e weging, wel mensenhandel)",
                ["Traject", "Aantal"],
                [
                    ("Alleen zorg", ("traject", "zorg"), traject["zorg"]),
                    (
                        "Zorg en strafrecht",
                        ("traject", "zorg_strafrecht"),
                        traject["zorg_strafrecht"],
                    ),
                    (
                        "Ondermijning (RIEC)",
                        ("traject", "ondermijning"),
                        traject["ondermijning"],
                    ),
                    ("Bedenktijd / B8 gestart", ("traject", "b8"), traject["b8"]),
                ],
                note="Een besluit kan meer trajecten hebben: geen totaal.",
            )
        )
        kinds = self._selection("keten.organisation", "kind")
        afschaling_rows = [(("afschalen", None), "Afgeschaald")]
        afschaling_rows += [
            (("overdracht", kind), f"Overgedragen aan: {label}")
            for kind, label in kinds
        ]
        afschaling_rows.append((("overdracht", None), "Overgedragen aan: onbekend"))
        sheet["blocks"].append(
            pub.cross_table(
                "afschaling",
                "Afschalingen en overdrachten (geen mensenhandel)",
                "Afschaling",
                afschaling_rows,
                single,
                one_column(uitkomsten["afschaling"]),
                row_totals=False,
            )
        )
        reasons = self._selection("keten.dossier", "closing_reason") + [
            ("niet_vastgelegd", NO_VORM)
        ]
        sheet["blocks"].append(
            pub.cross_table(
                "closing",
                "Afgesloten dossiers naar reden en nazorg",
                "Reden van afsluiting",
                reasons,
                self._selection("keten.dossier", "nazorg_status"),
                uitkomsten["closing"],
                links={(TOTAL, TOTAL): ("closed",)},
            )
        )

    # -- Casusoverleggen -------------------------------------------------
    def _sheet_casusoverleg(self, pub, params, overleg):
        sheet = pub.sheet(
            "Casusoverleggen",
            intro=[
                "Casusoverleggen gehouden in de periode (regulier en spoed) en de "
                "dossiers die er zijn besproken.",
            ],
        )
        months = [(month, _month_label(month)) for month in params.months()]
        types = self._selection("keten.casusoverleg", "overleg_type")
        links = {(month, TOTAL): ("overleg_month", month) for month, _l in months}
        links[(TOTAL, TOTAL)] = ("overleg",)
        sheet["blocks"].append(
            pub.cross_table(
                "overleg",
                "Casusoverleggen per maand",
                "Maand",
                months,
                types,
                overleg["overleg"],
                links=links,
            )
        )
        sheet["blocks"].append(
            pub.cross_table(
                "overleg_items",
                "Besproken dossiers per maand",
                "Maand",
                months,
                types,
                overleg["items"],
                note="Een dossier dat in meer overleggen is besproken, telt per overleg.",
            )
        )

    # -- Trend -----------------------------------------------------------
    def _sheet_trend(self, pub, params, figures):
        sheet = pub.sheet(
            "Trend",
            intro=[
                "Maandelijkse reeks. In de grafiek ontbreken afgeschermde maanden.",
            ],
        )
        trend = figures["trend"]
        months = [(month, _month_label(month)) for month in params.months()]
        meldingen = figures["instroom"]["month"]
        overleg = figures["casusoverleg"]["overleg"]
        cells = {}
        for month, _label in months:
            cells[(month, "meldingen")] = sum(
                n for (m, _c), n in meldingen.items() if m == month
            )
            cells[(month, "dossiers_new")] = trend.get(("dossiers_new", month), 0)
            cells[(month, "dossiers_closed")] = trend.get(("dossiers_closed", month), 0)
            cells[(month, "weging1")] = trend.get(("weging1", month), 0)
            cells[(month, "overleg")] = sum(
                n for (m, _t), n in overleg.items() if m == month
            )
        cols = [
            ("meldingen", "Meldingen"),
            ("dossiers_new", "Nieuwe dossiers"),
            ("dossiers_closed", "Afgesloten dossiers"),
            ("weging1", "1e wegingen"),
            ("overleg", "Casusoverleggen"),
        ]
        links = {}
        for month, _label in months:
            links[(month, "meldingen")] = ("meldingen_month", month)
            links[(month, "overleg")] = ("overleg_month", month)
        links.update(
            {
                (TOTAL, "meldingen"): ("meldingen",),
                (TOTAL, "dossiers_new"): ("dossiers_new",),
                (TOTAL, "dossiers_closed"): ("closed",),
                (TOTAL, "weging1"): ("weging1",),
                (TOTAL, "overleg"): ("overleg",),
            }
        )
        block = pub.cross_table(
            "trend",
            "Maandelijkse reeks",
            "Maand",
            months,
            cols,
            cells,
            row_totals=False,
            links=links,
        )
        block.chart = {"title": "Trend per maand", "series": len(cols)}
        sheet["blocks"].append(block)

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    def _formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "subtitle": workbook.add_format({"italic": True, "font_color": "#555555"}),
            "intro": workbook.add_format({"font_color": "#333333"}),
            "block": workbook.add_format({"bold": True, "font_size": 12}),
            "note": workbook.add_format({"italic": True, "font_color": "#555555"}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({"border": 1}),
            "total": workbook.add_format({"bold": True, "border": 1}),
            "count": workbook.add_format({"border": 1, "num_format": "0"}),
            "number": workbook.add_format({"border": 1, "num_format": "0.0"}),
            "percent": workbook.add_format({"border": 1, "num_format": "0%"}),
            "suppressed": workbook.add_format(
                {"border": 1, "align": "right", "font_color": "#7F7F7F"}
            ),
        }

    def _write_workbook(self, workbook, publication):
        workbook.set_properties(
            {
                "title": TITLE,
                "subject": "Aard en omvang en ketenprestaties (geanonimiseerd)",
                "author": "Ketenaanpak mensenhandel",
                "company": "",
                "comments": "",
            }
        )
        formats = self._formats(workbook)
        for sheet in publication.sheets:
            self._write_sheet(workbook, formats, publication, sheet)

    def _write_sheet(self, workbook, formats, publication, sheet):
        worksheet = workbook.add_worksheet(sheet["name"])
        worksheet.set_column(0, 0, 48)
        worksheet.set_column(1, 30, 14)
        worksheet.write_string(0, 0, sheet["name"], formats["title"])
        worksheet.write_string(1, 0, publication.period_line, formats["subtitle"])
        row = 2
        for line in sheet["intro"]:
            worksheet.write_string(row, 0, line, formats["intro"])
            row += 1
        row += 1
        for block in sheet["blocks"]:
            row = self._write_block(
                workbook, worksheet, formats, publication, block, row
            )

    def _write_block(self, workbook, worksheet, formats, publication, block, row):
        worksheet.write_string(row, 0, block.title, formats["block"])
        row += 1
        if block.note:
            worksheet.write_string(row, 0, block.note, formats["note"])
            row += 1
        for col, label in enumerate(block.header):
            worksheet.write_string(row, col, label, formats["header"])
        chart_col = len(block.header) + 1
        if block.chart:
            worksheet.write_string(row, chart_col, "Maand (grafiek)", formats["header"])
            for index, label in enumerate(block.header[1:]):
                worksheet.write_string(
                    row, chart_col + 1 + index, label, formats["header"]
                )
        header_row = row
        row += 1
        first_data = row
        for line in block.rows:
            is_total = isinstance(line[0], Text) and line[0].style == "total"
            for col, cell in enumerate(line):
                value, kind = publication.display(cell)
                self._write_cell(worksheet, formats, row, col, value, kind)
            if block.chart and not is_total:
                worksheet.write_string(row, chart_col, publication.display(line[0])[0])
                for index, cell in enumerate(line[1:]):
                    value, kind = publication.display(cell)
                    if kind == "count":
                        worksheet.write_number(row, chart_col + 1 + index, value)
                    else:
                        worksheet.write_formula(
                            row, chart_col + 1 + index, "=NA()", None, "#N/A"
                        )
            row += 1
        if block.chart:
            last_data = row - 1
            if block.rows and isinstance(block.rows[-1][0], Text):
                last_data -= 1  # the total row is not plotted
            chart = workbook.add_chart({"type": "line"})
            for index in range(block.chart["series"]):
                col = chart_col + 1 + index
                chart.add_series(
                    {
                        "name": [worksheet.name, header_row, col],
                        "categories": [
                            worksheet.name,
                            first_data,
                            chart_col,
                            last_data,
                            chart_col,
                        ],
                        "values": [worksheet.name, first_data, col, last_data, col],
                        "marker": {"type": "circle"},
                    }
                )
            chart.set_title({"name": block.chart["title"]})
            chart.show_blanks_as("gap")
            chart.set_size({"width": 900, "height": 420})
            worksheet.insert_chart(row + 1, 0, chart)
        return row + 1

    def _write_cell(self, worksheet, formats, row, col, value, kind):
        if value is None or value == "":
            worksheet.write_blank(row, col, None, formats["text"])
        elif kind in ("count", "number", "percent"):
            worksheet.write_number(row, col, value, formats[kind])
        elif kind in ("suppressed", "total"):
            worksheet.write_string(row, col, str(value), formats[kind])
        else:
            worksheet.write_string(row, col, str(value), formats["text"])
