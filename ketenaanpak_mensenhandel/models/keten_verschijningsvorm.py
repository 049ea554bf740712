from odoo import api, fields, models

NEUTRAL_COLOR = 8


class KetenVerschijningsvorm(models.Model):
    """Form of exploitation. 'Onbekend' is a form too, so a case can be registered early."""

    _name = "keten.verschijningsvorm"
    _description = "Verschijningsvorm"
    _inherit = ["keten.validation.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    # Odoo 18's kanban cards leave out tags of colour 0: every form has a colour.
    color = fields.Integer(default=NEUTRAL_COLOR)
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

    @api.model
    def _ensure_tag_color(self):
        """Give forms without a colour (0) one, so their tags show on the boards.
        Run on install and update (data/keten_verschijningsvorm_colors.xml)."""
        self.with_context(active_test=False).search([("color", "=", 0)]).write(
            {"color": NEUTRAL_COLOR}
        )
