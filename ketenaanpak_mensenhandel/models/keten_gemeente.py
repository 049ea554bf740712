import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KetenGemeente(models.Model):
    """A municipality: woongemeente of a person, gemeente van uitbuiting of a case."""

    _name = "keten.gemeente"
    _description = "Gemeente"
    _inherit = ["keten.validation.mixin"]
    _order = "name"

    name = fields.Char(required=True)
    cbs_code = fields.Char(
        string="CBS code", help="Gemeentecode of the CBS, e.g. GM0200."
    )
    region = fields.Char(help="Region (e.g. Noord- en Oost-Gelderland).")
    in_region = fields.Boolean(
        string="In own region",
        default=True,
        help="Off for municipalities outside the region (a victim can live in one "
        "municipality and be exploited in another).",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("cbs_code_uniq", "unique(cbs_code)", "This CBS code is already used."),
    ]

    @api.constrains("cbs_code")
    def _check_cbs_code(self):
        for gemeente in self:
            if gemeente.cbs_code and not re.fullmatch(r"GM\d{4}", gemeente.cbs_code):
                raise ValidationError(
                    self.env._(
                        "%(code)s is not a CBS gemeentecode: GM followed by four "
                        "digits, e.g. GM0200.",
                        code=gemeente.cbs_code,
                    )
                )
