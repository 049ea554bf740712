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
            ("systemen", "Systems"),
            ("processen", "Processes"),
            ("rollen", "Roles"),
            ("kennis", "Knowledge"),
            ("beleid", "Policy"),
        ],
        required=True,
        default="processen",
    )
    description = fields.Text(required=True)
    owner_organisation_id = fields.Many2one("keten.organisation", string="Owner")
    state = fields.Selection(
        [("open", "Open"), ("geborgd", "Secured")], default="open", required=True
    )
