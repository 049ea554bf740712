from odoo import fields, models


class KetenVerschijningsvorm(models.Model):
    """Form of exploitation. 'Onbekend' is a form too, so a case can be registered early."""

    _name = "keten.verschijningsvorm"
    _description = "Verschijningsvorm"
    _inherit = ["keten.validation.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    expert_organisation_ids = fields.Many2many(
        "keten.organisation",
        "keten_vorm_expert_org_rel",
        "vorm_id",
        "organisation_id",
        string="Partners to invite",
        help="Partners of the flexibele schil invited to the casusoverleg when a case "
        "has this form of exploitation.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "This code is already used."),
    ]
