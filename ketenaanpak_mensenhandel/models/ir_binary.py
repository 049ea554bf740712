from odoo import models


class IrBinary(models.AbstractModel):
    """Serving the file of a document of the chain is an access-log event.

    Every way the web client fetches a file passes here: ``/web/content/<id>``
    and ``/web/image/<id>`` of the attachment (the attachment viewer, a
    preview), and ``/web/content/keten.document/<id>/datas`` (the download
    button, the PDF viewer). Access itself was checked before: the attachment
    follows the record rules of the document it hangs on.
    """

    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        stream = super()._record_to_stream(record, field_name)
        documents = self.env["keten.document"]
        if record._name == "keten.document":
            documents = documents.browse(record.ids)
        elif record._name == "ir.attachment":
            attachment = record.sudo()
            if attachment.res_model == "keten.document" and attachment.res_id:
                documents = documents.browse(attachment.res_id)
        if documents:
            documents._log_file_served()
        return stream
