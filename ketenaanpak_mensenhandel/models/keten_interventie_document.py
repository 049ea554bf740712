from odoo import fields, models


class KetenInterventie(models.Model):
    """Documents of an interventie; those of a strafrechtelijke interventie are
    for Justitie only."""

    _name = "keten.interventie"
    _inherit = ["keten.interventie", "keten.document.owner.mixin"]
    _document_owner_field = "interventie_id"

    document_ids = fields.One2many(
        "keten.document", "interventie_id", string="Documents"
    )
