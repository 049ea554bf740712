/** @odoo-module **/
/*
 * The chain in the browser (tests/test_tours.py creates the data):
 *  - keten_meldpunt_melding_weging: the meldpunt registers a melding, creates its
 *    dossier, moves the card on the board Signaleren, records and confirms the
 *    1e weging, and moves the card on on the board Analyse;
 *  - keten_regie_casusoverleg: the ketenregie plans a casusoverleg with a dossier,
 *    holds it, records the besluiten and adopts the verslag;
 *  - keten_partner_boards: a partner sees only the dossiers it is involved in;
 *  - keten_boards_screenshots: every board once (scripts/screenshots.py).
 * Menus, buttons and fields are found by XML id, name or value, so the tours run
 * in any language. Board columns are found by position (the stages of a hoofdstap
 * in their order; empty columns are shown).
 */
import { registry } from "@web/core/registry";

const M = "ketenaanpak_mensenhandel.";

export function openMenu(parent, item) {
    return [
        {
            content: `Open the menu ${parent}`,
            trigger: `.o_main_navbar [data-menu-xmlid='${M}${parent}']`,
            run: "click",
        },
        {
            content: `Open ${item}`,
            trigger: `.dropdown-menu .dropdown-item[data-menu-xmlid='${M}${item}']`,
            run: "click",
        },
    ];
}

/* Mark the view on screen, so that the next step waits for the new one. */
function leaveView() {
    return {
        content: "Leave the current view",
        trigger: "body",
        run() {
            for (const view of document.querySelectorAll(".o_action_manager .o_view_controller")) {
                view.classList.add("o_keten_left");
            }
        },
    };
}

const NEW_VIEW = ".o_action_manager .o_view_controller:not(.o_keten_left)";

export function openBoard(board) {
    return [
        leaveView(),
        ...openMenu("keten_dossier_menu_boards", board),
        {
            content: "The board is shown",
            trigger: `${NEW_VIEW} .o_kanban_renderer .o_kanban_group`,
        },
    ];
}

function selectInMany2x(field, text, scope = "") {
    return [
        {
            content: `Type ${text} in ${field}`,
            trigger: `${scope} .o_field_widget[name=${field}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${text}`,
            trigger: `.o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains(${text})`,
            run: "click",
        },
    ];
}

function radio(field, value) {
    return {
        content: `${field}: ${value}`,
        trigger: `.o_field_widget[name=${field}] input[data-value=${value}]`,
        run: "click",
    };
}

function card(text) {
    return `.o_kanban_record:not(.o_kanban_ghost):contains(${text})`;
}

function column(index) {
    return `.o_kanban_renderer .o_kanban_group:eq(${index})`;
}

function moveCard(text, from, to) {
    return [
        {
            content: `The card ${text} is in column ${from + 1}`,
            trigger: `${column(from)} ${card(text)}`,
        },
        {
            content: `Move it to column ${to + 1}`,
            trigger: `${column(from)} ${card(text)}`,
            async run(helpers) {
                // drop in the body of the column, below its header and progress bar
                await helpers.drag_and_drop(column(to), {
                    position: { top: 120, left: 40 },
                    relative: true,
                });
            },
        },
        {
            content: `It is now in column ${to + 1}`,
            trigger: `${column(to)} ${card(text)}`,
        },
    ];
}

registry.category("web_tour.tours").add("keten_meldpunt_melding_weging", {
    steps: () => [
        // starts on Meldingen (list)
        {
            content: "New melding",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Content of the melding",
            trigger: ".o_field_widget[name=content] textarea",
            run: "edit Jonge vrouw werkt 's nachts in een massagesalon, woont boven de zaak.",
        },
        {
            content: "Who reported it",
            trigger: ".o_field_widget[name=melder_name] input",
            run: "edit Wijkagent Tour",
        },
        ...selectInMany2x("verschijningsvorm_ids", "Seksuele"),
        ...selectInMany2x("woongemeente_id", "Tourdorp"),
        {
            content: "Save the melding",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Create the dossier",
            trigger: ".o_form_view button[name=action_create_dossier]",
            run: "click",
        },
        {
            content: "The dossier is opened",
            trigger: ".o_form_view button[name=action_new_weging]",
        },
        // Board 2: Signaleren, melden en kwalificatie
        ...openBoard("keten_dossier_menu_signalering"),
        ...moveCard("Tourdorp", 0, 1),
        {
            content: "Open the dossier",
            trigger: card("Tourdorp"),
            run: "click",
        },
        {
            content: "Start the weging",
            trigger: ".o_form_view button[name=action_new_weging]",
            run: "click",
        },
        {
            content: "The weging form",
            trigger: ".o_form_view .o_field_widget[name=weging_type]",
        },
        radio("actueel", "ja"),
        radio("acuut_volgens_melder", "nee"),
        radio("veiligheid", "onveilig"),
        radio("kwalificatie", "wel"),
        {
            content: "Vaststellen",
            trigger: ".o_form_view button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The weging is vastgesteld",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=vastgesteld]",
        },
        // Board 3: Analyse, dossiervorming en plan van aanpak
        ...openBoard("keten_dossier_menu_analyse"),
        ...moveCard("Tourdorp", 0, 1),
    ],
});

registry.category("web_tour.tours").add("keten_regie_casusoverleg", {
    steps: () => [
        // starts on Casusoverleggen (calendar)
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Plan a casusoverleg",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "When",
            trigger: ".o_field_widget[name=date_start] input",
            run: "edit 01/15/2026 10:00:00",
        },
        {
            content: "Add the dossier to the agenda",
            trigger: "div[name=item_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...selectInMany2x("dossier_id", "DOSSIER-TOUR", "div[name=item_ids] .o_selected_row"),
        {
            content: "The question to the table",
            trigger: "div[name=item_ids] .o_selected_row .o_field_widget[name=question] textarea",
            run: "edit Opvang en zorgcoördinatie afspreken?",
        },
        {
            content: "Attendance from the invitations (saves the overleg)",
            trigger: ".o_form_view button[name=action_fill_attendance]",
            run: "click",
        },
        {
            content: "Open the attendance",
            trigger: ".o_notebook a.nav-link[name=attendance]",
            run: "click",
        },
        {
            content: "The attendance is filled",
            trigger: "div[name=attendee_ids] .o_data_row",
        },
        {
            content: "The overleg was held",
            trigger: ".o_form_view button[name=action_hold]",
            run: "click",
        },
        {
            content: "It is held",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=gehouden]",
        },
        {
            content: "Back to the agenda",
            trigger: ".o_notebook a.nav-link[name=agenda]",
            run: "click",
        },
        {
            content: "Record the besluiten for the dossier",
            trigger: "div[name=item_ids] .o_data_row:contains(DOSSIER-TOUR) td[name=decisions]",
            run: "click",
        },
        {
            content: "Besluiten",
            trigger: "div[name=item_ids] .o_selected_row .o_field_widget[name=decisions] textarea",
            run: "edit Moviera regelt opvang; ZVH plant 2e weging binnen twee weken.",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Adopt the verslag",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "The verslag is adopted",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=vastgesteld]",
        },
    ],
});

registry.category("web_tour.tours").add("keten_partner_boards", {
    steps: () => [
        // starts on All dossiers (board grouped by hoofdstap)
        {
            content: "The dossier the partner is involved in is on the board",
            trigger: card("Testdorp"),
        },
        {
            content: "the other is not",
            trigger: `.o_kanban_renderer:not(:has(${card("Teststad")}))`,
        },
        ...openBoard("keten_dossier_menu_signalering"),
        {
            content: "Signaleren: the involved dossier",
            trigger: card("Testdorp"),
        },
        {
            content: "and not the other",
            trigger: `.o_kanban_renderer:not(:has(${card("Teststad")}))`,
        },
        {
            content: "The list says the same",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "the involved dossier",
            trigger: ".o_list_renderer .o_data_row:contains(Testdorp)",
        },
        {
            content: "and not the other",
            trigger: ".o_list_renderer:not(:has(.o_data_row:contains(Teststad)))",
        },
    ],
});

/*
 * Every board once. With window.ketenScreenshots set (scripts/screenshots.py
 * does), each board step asks the test for a screenshot through the console and
 * waits until it is taken.
 */
function screenshot(name) {
    if (!window.ketenScreenshots) {
        return [];
    }
    return [
        {
            content: `Screenshot ${name}`,
            trigger: `${NEW_VIEW} .o_kanban_renderer .o_kanban_record`,
            run() {
                document.body.removeAttribute("data-keten-shot");
                console.info(`keten-screenshot:${name}`);
            },
        },
        {
            content: `Screenshot ${name} taken`,
            trigger: `body[data-keten-shot='${name}']`,
        },
    ];
}

registry.category("web_tour.tours").add("keten_boards_screenshots", {
    steps: () => [
        ...openBoard("keten_dossier_menu"),
        {
            content: "The overview has a column per hoofdstap with cases (2 to 5)",
            trigger: `${NEW_VIEW} .o_kanban_renderer:has(.o_kanban_group:eq(3)):not(:has(.o_kanban_group:eq(4)))`,
        },
        ...screenshot("board_overzicht"),
        leaveView(),
        ...openMenu("keten_dossier_menu_boards", "keten_preventie_menu"),
        { content: "Preventie", trigger: `${NEW_VIEW} .o_kanban_renderer .o_kanban_record` },
        ...screenshot("board_1_preventie"),
        ...openBoard("keten_dossier_menu_signalering"),
        ...screenshot("board_2_signalering"),
        ...openBoard("keten_dossier_menu_analyse"),
        ...screenshot("board_3_analyse"),
        ...openBoard("keten_dossier_menu_uitvoering"),
        ...screenshot("board_4_uitvoering"),
        ...openBoard("keten_dossier_menu_evaluatie"),
        ...screenshot("board_5_evaluatie"),
    ],
});
