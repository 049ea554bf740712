/** @odoo-module */
// The overview board (All dossiers) with the legal-basis notice above it:
// shown while an organisation involved in an open dossier has no valid legal
// basis (keten.legal.basis.get_dashboard_notice), e.g. right after an upgrade
// from a version before 18.0.1.4.0.

import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { kanbanView } from "@web/views/kanban/kanban_view";
import { KanbanRenderer } from "@web/views/kanban/kanban_renderer";

export class KetenLegalBasisNotice extends Component {
    static template = "ketenaanpak_mensenhandel.LegalBasisNotice";
    static props = {};

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ notice: false });
        onWillStart(async () => {
            this.state.notice = await this.orm.call(
                "keten.legal.basis",
                "get_dashboard_notice",
                []
            );
        });
    }

    openLegalBases() {
        this.action.doAction(this.state.notice.action);
    }
}

export class KetenOverviewKanbanRenderer extends KanbanRenderer {
    static template = "ketenaanpak_mensenhandel.OverviewKanbanRenderer";
    static components = { ...KanbanRenderer.components, KetenLegalBasisNotice };
}

registry.category("views").add("keten_dossier_overview_kanban", {
    ...kanbanView,
    Renderer: KetenOverviewKanbanRenderer,
});
