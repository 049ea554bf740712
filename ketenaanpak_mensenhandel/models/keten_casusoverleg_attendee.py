from odoo import api, fields, models


class KetenCasusoverlegAttendee(models.Model):
    """Attendance of a partner at a casusoverleg."""

    _name = "keten.casusoverleg.attendee"
    _description = "Casusoverleg attendance"
    _inherit = ["keten.validation.mixin"]
    _order = "overleg_id, organisation_id"

    overleg_id = fields.Many2one(
        "keten.casusoverleg", required=True, ondelete="cascade", index=True
    )
    organisation_id = fields.Many2one("keten.organisation", required=True)
    user_id = fields.Many2one("res.users", string="Representative")
    attendance = fields.Selection(
        [
            ("aanwezig", "Present"),
            ("afgemeld", "Sent apologies"),
            ("afwezig", "Absent"),
        ],
        default="aanwezig",
        required=True,
    )

    _sql_constraints = [
        (
            "overleg_organisation_uniq",
            "unique(overleg_id, organisation_id)",
            "This organisation already has an attendance line.",
        ),
    ]

    @api.constrains("user_id", "organisation_id")
    def _check_user_organisation(self):
        for attendee in self:
            self._ensure_acts_for(attendee.user_id, attendee.organisation_id)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["keten.casusoverleg"].browse(
            [vals["overleg_id"] for vals in vals_list if vals.get("overleg_id")]
        )._ensure_not_adopted()
        return super().create(vals_list)

    def write(self, vals):
        self.overleg_id._ensure_not_adopted()
        return super().write(vals)

    def unlink(self):
        self.overleg_id._ensure_not_adopted()
        return super().unlink()
