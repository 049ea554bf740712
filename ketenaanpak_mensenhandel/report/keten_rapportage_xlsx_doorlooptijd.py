"""The Doorlooptijden sheet: working days per hoofdstap, between the milestones
of the chain, and per termijn."""

from odoo import models

from ..models.keten_hoofdstap import HOOFDSTAP_CODES
from ..tools.publication import TOTAL, Block, Derived, Text
from .keten_rapportage_xlsx import _ratio

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


class RapportageRegionaleTafelXlsx(models.AbstractModel):
    _inherit = "report.ketenaanpak_mensenhandel.rapportage_regionale_tafel"  # pylint: disable=consider-merging-classes-inherited

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
