from odoo import models


class IrBinary(models.AbstractModel):
    """Serving the file of a document of the chain is an access-log event.

    Every way the web client fetches a file passes here: ``/web/content/<id>``
    and ``/web/image/<id>`` of the attachment (the attachment viewer, a
    preview), and ``/web/content/keten.document/<id>/datas`` (the download
    button, the PDF viewer). Access itself was checked before: the attachment
    follows the record rules of the document it hangs on.

    ``controllers/binary.py`` gives those routes a read/write cursor for a
    document's file, so that the row can be written.
    """

    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        stream = super()._record_to_stream(record, field_name)
        document_ids = []
        if record._name == "keten.document":
            document_ids = record.ids
        elif record._name == "ir.attachment":
            attachment = record.sudo()
            if attachment.res_model == "keten.document" and attachment.res_id:
                document_ids = [attachment.res_id]
        if document_ids:
            self.env["keten.document"].browse(document_ids)._log_file_served()
        return stream
