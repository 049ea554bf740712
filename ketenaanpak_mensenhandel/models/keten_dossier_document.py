from odoo import fields, models


class KetenDossier(models.Model):
    """The documents of a dossier (``keten.document``); each has its own
    need-to-know, so the list shows a user only the documents they may read."""

    _name = "keten.dossier"
    _inherit = ["keten.dossier", "keten.document.owner.mixin"]
    _document_owner_field = "dossier_id"

    document_ids = fields.One2many("keten.document", "dossier_id", string="Documents")
