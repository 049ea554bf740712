import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useDropzone } from "@web/core/dropzone/dropzone_hook";
import { checkFileSize } from "@web/core/utils/files";
import { getDataURLFromFile } from "@web/core/utils/urls";
import { BinaryField, binaryField } from "@web/views/fields/binary/binary_field";

import { useRef } from "@odoo/owl";

/**
 * The file of a document of the chain: Odoo's binary field, and a file can be
 * dropped on it. The server decides whether the file is accepted (size, type).
 */
export class KetenDocumentFileField extends BinaryField {
    static template = "ketenaanpak_mensenhandel.KetenDocumentFileField";

    setup() {
        super.setup();
        this.dropRef = useRef("dropzone");
        useDropzone(
            this.dropRef,
            (ev) => this.onDrop(ev),
            "o_keten_document_dropzone",
            () => !this.props.readonly
        );
    }

    async onDrop(ev) {
        const files = [...(ev.dataTransfer?.files || [])];
        if (!files.length) {
            return;
        }
        if (files.length > 1) {
            this.notification.add(_t("A document holds one file: drop one file at a time."), {
                type: "warning",
            });
            return;
        }
        const [file] = files;
        if (!checkFileSize(file.size, this.notification)) {
            return;
        }
        const dataUrl = await getDataURLFromFile(file);
        await this.update({ data: dataUrl.split(",")[1], name: file.name });
    }
}

export const ketenDocumentFileField = {
    ...binaryField,
    component: KetenDocumentFileField,
};

registry.category("fields").add("keten_document_file", ketenDocumentFileField);
