from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KetenPreventie(models.Model):
    """An activity of hoofdstap 1 (preventie en bewustwording): the chain's work, not a case."""

    _name = "keten.preventie"
    _description = "Preventie-activiteit"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "keten.guidance.mixin",
        "keten.validation.mixin",
    ]
    _guidance_hoofdstap_xmlid = "ketenaanpak_mensenhandel.hoofdstap_preventie"
    _order = "date_start desc, id desc"
    _state_transitions = {
        "gepland": ("uitgevoerd", "geannuleerd"),
        "uitgevoerd": ("geevalueerd",),
        "geannuleerd": ("gepland",),
    }

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [
            ("voorlichting", "(Public) information"),
            ("training", "Training"),
            ("gastles", "Guest lesson"),
            ("campagne", "Awareness campaign"),
            ("cijfers", "Insight in figures"),
            ("repressief", "Repressive prevention"),
            ("overig", "Other"),
        ],
        required=True,
        default="voorlichting",
        tracking=True,
        help="The kind of activity of hoofdstap Preventie en bewustwording.",
    )
    audience = fields.Selection(
        [
            ("professionals", "Professionals"),
            ("omstanders", "Bystanders"),
            ("jongeren", "Young people"),
            ("ondernemers", "Entrepreneurs"),
            ("breed", "General public"),
        ],
        required=True,
        default="professionals",
        help="Who the activity is for: professionals, bystanders (omstanders), young "
        "people, entrepreneurs or the broad public.",
    )
    organisation_ids = fields.Many2many(
        "keten.organisation",
        "keten_preventie_org_rel",
        "preventie_id",
        "organisation_id",
        string="Organisations",
    )
    gemeente_ids = fields.Many2many(
        "keten.gemeente",
        "keten_preventie_gemeente_rel",
        "preventie_id",
        "gemeente_id",
        string="Municipalities",
    )
    verschijningsvorm_ids = fields.Many2many(
        "keten.verschijningsvorm",
        "keten_preventie_vorm_rel",
        "preventie_id",
        "vorm_id",
        string="Verschijningsvormen",
    )
    user_id = fields.Many2one(
        "res.users", string="Owner", default=lambda self: self.env.user
    )
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(string="End")
    reach = fields.Integer(help="Number of people reached.")
    description = fields.Text()
    result = fields.Text()
    state = fields.Selection(
        [
            ("gepland", "Planned"),
            ("uitgevoerd", "Carried out"),
            ("geevalueerd", "Evaluated"),
            ("geannuleerd", "Cancelled"),
        ],
        default="gepland",
        required=True,
        tracking=True,
        group_expand=True,
    )
    color = fields.Integer()

    @api.constrains("date_start", "date_end", "reach", "state")
    def _check_values(self):
        for activity in self:
            if (
                activity.date_end
                and activity.date_start
                and activity.date_end < activity.date_start
            ):
                raise ValidationError(
                    self.env._("An activity cannot end before it starts.")
                )
            if activity.reach < 0:
                raise ValidationError(self.env._("The reach cannot be negative."))
            if activity.state in (
                "uitgevoerd",
                "geevalueerd",
            ) and activity.date_start > fields.Date.context_today(self):
                raise ValidationError(
                    self.env._(
                        "An activity that starts in the future has not been carried "
                        "out yet."
                    )
                )
