from odoo import fields, models


class KetenStrafrecht(models.Model):
    """Documents of a criminal track: Justitie of an involved organisation only."""

    _name = "keten.strafrecht"
    _inherit = ["keten.strafrecht", "keten.document.owner.mixin"]
    _document_owner_field = "strafrecht_id"

    document_ids = fields.One2many(
        "keten.document", "strafrecht_id", string="Documents"
    )
