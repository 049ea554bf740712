/** @odoo-module **/
/*
 * keten_legal_basis_notice (tests/test_legal_basis_notice.py makes the data):
 * the ketenregie opens the overview board, sees the notice naming the
 * organisation without a legal basis, and opens the legal bases from it.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("keten_legal_basis_notice", {
    steps: () => [
        {
            content: "The notice names the organisation without a legal basis",
            trigger: ".o_keten_legal_basis_notice:contains(Test Woonzorg zonder grondslag)",
        },
        {
            content: "The board is shown below it",
            trigger: ".o_kanban_renderer .o_kanban_record",
        },
        {
            content: "Open the legal bases",
            trigger: ".o_keten_legal_basis_notice .o_keten_legal_basis_open",
            run: "click",
        },
        {
            content: "The list of legal bases",
            trigger: ".o_list_view .o_list_renderer",
        },
    ],
});
