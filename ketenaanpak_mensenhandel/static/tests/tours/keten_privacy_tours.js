/** @odoo-module **/
/*
 * The privacy officer (tests/test_tours.py creates the data):
 *  - keten_privacy_inzage: registers an inzage request, finds the person by BSN,
 *    records the identity check, prints the inzage report and prints the
 *    verwerkingsregister (tests/test_tours.py checks what was printed).
 */
import { registry } from "@web/core/registry";

import { openMenu } from "./keten_chain_tours";

registry.category("web_tour.tours").add("keten_privacy_inzage", {
    steps: () => [
        // starts on AVG requests (list)
        {
            content: "Register a request",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The BSN the requester gave",
            trigger: ".o_field_widget[name=subject_bsn] input",
            run: "edit 111222333",
        },
        {
            content: "How the identity was checked",
            trigger: ".o_field_widget[name=identity_note] input",
            run: "edit ID-kaart getoond aan de balie",
        },
        {
            content: "Find the person (saves the request)",
            trigger: ".o_form_view button[name=action_find_person]",
            run: "click",
        },
        {
            content: "The person is found",
            trigger: ".o_field_widget[name=person_ref]:contains(P-)",
        },
        {
            content: "The identity was checked",
            trigger: ".o_form_view button[name=action_verify_identity]",
            run: "click",
        },
        {
            content: "Print the inzage report",
            trigger: ".o_form_view button[name=action_print_inzage]",
            run: "click",
        },
        {
            content: "Printed (downloaded)",
            trigger: "body:not(:has(.o_blockUI))",
        },
        // back to the list and the request: its history says it was printed
        ...openMenu("keten_privacy_menu", "keten_avg_request_menu"),
        {
            content: "Open the request",
            trigger: ".o_list_view .o_data_row:contains(P-) td.o_data_cell",
            run: "click",
        },
        {
            content: "Its history",
            trigger: ".o_notebook a.nav-link[name=history]",
            run: "click",
        },
        {
            content: "The report was printed",
            trigger: ".o_field_widget[name=report_user_id] :contains(kt_privacy)",
        },
        ...openMenu("keten_privacy_menu", "keten_processing_register_menu"),
        {
            content: "Print the verwerkingsregister",
            trigger: ".modal button[name=action_print]",
            run: "click",
        },
        {
            content: "Printed (downloaded)",
            trigger: "body:not(:has(.modal)):not(:has(.o_blockUI))",
        },
    ],
});
