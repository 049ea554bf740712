"""The sheets of aard en omvang: Aard en omvang (dossiers and victims by form
of exploitation), Instroom (meldingen, from melding to plan) and Trend."""

from odoo import models

from ..tools.publication import TOTAL, Block, Derived
from .keten_rapportage_xlsx import UNKNOWN, _month_label, _ratio


class RapportageRegionaleTafelXlsx(models.AbstractModel):
    _inherit = "report.ketenaanpak_mensenhandel.rapportage_regionale_tafel"  # pylint: disable=consider-merging-classes-inherited

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
