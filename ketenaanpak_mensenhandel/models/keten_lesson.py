from odoo import fields, models


class KetenLesson(models.Model):
    """A lesson learned, secured (geborgd) by an owner."""

    _name = "keten.lesson"
    _description = "Geleerde les"
    _inherit = ["keten.validation.mixin"]
    _order = "id"

    evaluatie_id = fields.Many2one(
        "keten.evaluatie", required=True, ondelete="cascade", index=True
    )
    level = fields.Selection(related="evaluatie_id.level", store=True)
    category = fields.Selection(
        [
            ("systemen", "Systemen"),
            ("processen", "Processen"),
            ("rollen", "Rollen"),
            ("kennis", "Kennis"),
            ("beleid", "Beleid"),
        ],
        required=True,
        default="processen",
    )
    description = fields.Text(required=True)
    owner_organisation_id = fields.Many2one("keten.organisation", string="Owner")
    state = fields.Selection(
        [("open", "Open"), ("geborgd", "Geborgd")], default="open", required=True
    )
