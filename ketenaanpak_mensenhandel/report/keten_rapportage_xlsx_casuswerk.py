"""The sheets of the case work: Interventies, Uitkomsten (wegingen and closed
dossiers) and Casusoverleggen."""

from odoo import models

from ..tools.publication import TOTAL
from .keten_rapportage_xlsx import NO_VORM, _month_label


class RapportageRegionaleTafelXlsx(models.AbstractModel):
    _inherit = "report.ketenaanpak_mensenhandel.rapportage_regionale_tafel"  # pylint: disable=consider-merging-classes-inherited

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
