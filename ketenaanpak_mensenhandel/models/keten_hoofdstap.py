from odoo import fields, models

HOOFDSTAP_CODES = [
    ("preventie", "Prevention and awareness"),
    ("signalering", "Signalling, reporting and qualification"),
    ("analyse", "Analysis, case file and plan van aanpak"),
    ("uitvoering", "Execution and monitoring"),
    ("evaluatie", "Evaluation"),
]


class KetenHoofdstap(models.Model):
    """One of the five main steps (hoofdstappen) of the reference model."""

    _name = "keten.hoofdstap"
    _description = "Hoofdstap"
    _inherit = ["keten.validation.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(HOOFDSTAP_CODES, required=True, readonly=True)
    sequence = fields.Integer(default=10)
    owner_description = fields.Char(
        string="Responsible for execution",
        translate=True,
        help="Which partner owns the execution of this hoofdstap.",
    )
    guidance = fields.Html(
        translate=True,
        sanitize_attributes=False,
        help="What this hoofdstap is for, from the reference model.",
    )
    stage_ids = fields.One2many("keten.stage", "hoofdstap_id", string="Stages")
    rasci_ids = fields.One2many("keten.rasci", "hoofdstap_id", string="RASCI")
    color = fields.Integer()

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Every hoofdstap code exists only once."),
    ]

    def _guidance_values(self):
        """Values for the guidance templates: this hoofdstap and its RASCI lines."""
        rasci = self.rasci_ids.sudo().sorted(
            lambda r: ("RASCI".index(r.role), r.organisation_id.name or "")
        )
        return {
            "hoofdstap": self,
            "rasci": rasci,
            "rasci_labels": dict(
                rasci._fields["role"]._description_selection(self.env)
            ),
        }

    def _render_card(self, next_step=None):
        """The guidance of this hoofdstap with its RASCI, as HTML (help panel)."""
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "ketenaanpak_mensenhandel.keten_hoofdstap_guidance",
            self._guidance_values(),
        )
