/** @odoo-module **/
/*
 * Documents (tests/test_tours.py creates the data):
 *  - keten_document_drop: the ketenregie adds a medical statement to a dossier
 *    by dropping a PDF on the file field of the document dialog, saves, and
 *    opens it again: the PDF is shown in the viewer (a read of the file, so a
 *    row of the access log).
 */
import { registry } from "@web/core/registry";

// the smallest PDF the viewer shows (one empty page; it rebuilds the xref)
const PDF =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n" +
    "trailer<</Root 1 0 R>>\n%%EOF\n";

function dataTransfer() {
    const transfer = new DataTransfer();
    transfer.items.add(new File([PDF], "verklaring-tour.pdf", { type: "application/pdf" }));
    return transfer;
}

registry.category("web_tour.tours").add("keten_document_drop", {
    steps: () => [
        // starts on the form of the dossier
        {
            content: "The documents of the dossier",
            trigger: ".o_notebook a.nav-link[name=documents]",
            run: "click",
        },
        {
            content: "Add a document",
            trigger: ".o_field_widget[name=document_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Its title",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Verklaring tour",
        },
        {
            content: "Its kind: a medical statement",
            trigger: ".modal .o_field_widget[name=document_type] select",
            run: 'select "medisch"',
        },
        {
            // The drop zone is an overlay over the field; the tour may only act
            // inside the dialog, so the drop is dispatched from here.
            content: "Drag a file over the file field and drop it",
            trigger: ".modal .o_keten_document_file",
            async run() {
                const transfer = dataTransfer();
                this.anchor.dispatchEvent(
                    new DragEvent("dragenter", { bubbles: true, dataTransfer: transfer })
                );
                let zone = null;
                for (let attempt = 0; attempt < 50 && !zone; attempt++) {
                    await new Promise((resolve) => setTimeout(resolve, 50));
                    zone = document.querySelector(".o-Dropzone.o_keten_document_dropzone");
                }
                if (!zone) {
                    throw new Error("no drop zone over the file field");
                }
                zone.dispatchEvent(
                    new DragEvent("drop", { bubbles: true, dataTransfer: transfer })
                );
            },
        },
        {
            content: "The file is in the field",
            trigger: ".modal .o_field_widget[name=datas] input[readonly]",
            run() {
                if (this.anchor.value !== "verklaring-tour.pdf") {
                    throw new Error(`file name ${this.anchor.value}`);
                }
            },
        },
        {
            content: "Save the document",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Save the dossier",
            trigger: "body:not(:has(.modal)) .o_form_button_save",
            run: "click",
        },
        {
            content: "The document is on the dossier",
            trigger: ".o_form_saved .o_field_widget[name=document_ids] .o_data_row:contains(Verklaring tour) td.o_data_cell",
            run: "click",
        },
        {
            content: "The PDF is shown",
            trigger: ".modal .o_field_pdf_viewer :iframe #viewer .page",
        },
        {
            content: "Close it",
            trigger: ".modal .btn-close",
            run: "click",
        },
        {
            content: "Closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
