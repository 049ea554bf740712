from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    keten_holiday_code = fields.Char(
        string="Public holiday",
        readonly=True,
        index="btree_not_null",
        help="Set on the Dutch public holidays the chain's calendar generates.",
    )
    keten_holiday_year = fields.Integer(readonly=True)
