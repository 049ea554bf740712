"""The Samenvatting sheet of the Rapportage Regionale Tafel: the period and
filters, the key figures and the ketenprestatie-indicatoren."""

from odoo import fields, models

from ..tools.publication import TOTAL, Block, Derived
from .keten_rapportage_xlsx import _day, _ratio


class RapportageRegionaleTafelXlsx(models.AbstractModel):
    _inherit = "report.ketenaanpak_mensenhandel.rapportage_regionale_tafel"  # pylint: disable=consider-merging-classes-inherited

    # -- Samenvatting ----------------------------------------------------
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
