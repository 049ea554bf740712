/** @odoo-module **/
/*
 * A Rapportage user looks at the figures (pivot and graph) and opens the wizard
 * of the Rapportage Regionale Tafel from the menu. Menus by XML id, so the tour runs in any language.
 */
import { registry } from "@web/core/registry";

const M = "ketenaanpak_mensenhandel.";

function openReportingMenu(item) {
    return [
        {
            content: "Open the Reporting menu",
            trigger: `.o_main_navbar button[data-menu-xmlid='${M}keten_reporting_menu']`,
            run: "click",
        },
        {
            content: `Open ${item}`,
            trigger: `.dropdown-menu .dropdown-item[data-menu-xmlid='${M}${item}']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("keten_rapportage_dashboard", {
    steps: () => [
        // starts on the Figures action (the app's menus are in the navbar)
        {
            content: "The pivot counts dossiers",
            trigger: ".o_pivot .o_pivot_cell_value:not(:empty)",
        },
        {
            content: "No record can be opened from a cell",
            trigger: ".o_pivot:not(:has(.o_pivot_cell_value.o_clickable))",
        },
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph is drawn",
            trigger: ".o_graph_renderer canvas",
        },
        ...openReportingMenu("keten_rapportage_wizard_menu"),
        {
            content: "The wizard asks for the period",
            trigger: ".modal .o_field_widget[name='date_from'] input",
        },
        {
            content: "and offers the download",
            trigger: ".modal button[name='action_print']",
        },
    ],
});
