from odoo import api, fields, models
from odoo.exceptions import UserError


class KetenBewijsmiddel(models.Model):
    """A piece of evidence behind a weging (a doorlaatverbod needs at least two)."""

    _name = "keten.bewijsmiddel"
    _description = "Bewijsmiddel"
    _inherit = ["keten.validation.mixin"]
    _order = "id"

    weging_id = fields.Many2one(
        "keten.weging", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(
        [
            ("digitaal", "Digital evidence"),
            ("getuigenverklaring", "Witness statement"),
            ("verklaring_slachtoffer", "Statement of the victim"),
            ("documenten", "Documents"),
            ("observatie", "Observation"),
            ("overig", "Other"),
        ],
        required=True,
        default="getuigenverklaring",
    )
    description = fields.Char(required=True)

    def _ensure_weging_open(self, wegingen):
        if self._is_anonymising():
            return
        if wegingen.filtered(lambda w: w.state == "vastgesteld"):
            raise UserError(
                self.env._(
                    "The bewijsmiddelen of a confirmed weging are not changed "
                    "afterwards; record a new weging instead."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._ensure_weging_open(
            self.env["keten.weging"].browse(
                [vals["weging_id"] for vals in vals_list if vals.get("weging_id")]
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        wegingen = self.weging_id
        if vals.get("weging_id"):
            wegingen |= self.env["keten.weging"].browse(vals["weging_id"])
        self._ensure_weging_open(wegingen)
        return super().write(vals)

    def unlink(self):
        wegingen = self.weging_id
        self._ensure_weging_open(wegingen)
        result = super().unlink()
        # a doorlaatverbod keeps its two bewijsmiddelen
        wegingen.exists()._check_doorlaatverbod()
        return result
