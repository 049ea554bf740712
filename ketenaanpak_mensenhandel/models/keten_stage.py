from odoo import api, fields, models

CARD_FIELDS = (
    "card_description",
    "card_information",
    "card_result",
    "card_output",
    "card_instruments",
    "card_knowledge",
    "card_partners",
)


def text_blocks(text):
    """Split a card text into ``("p", line)`` and ``("ul", [items])`` blocks."""
    blocks = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith(("- ", "• ")):
            item = line[2:].strip()
            if blocks and blocks[-1][0] == "ul":
                blocks[-1][1].append(item)
            else:
                blocks.append(("ul", [item]))
        else:
            blocks.append(("p", line))
    return blocks


class KetenStage(models.Model):
    """A column on a hoofdstap board. Stages are data: a coordinator adjusts them."""

    _name = "keten.stage"
    _description = "Dossier stage"
    _inherit = ["keten.validation.mixin"]
    _order = "hoofdstap_sequence, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    hoofdstap_id = fields.Many2one(
        "keten.hoofdstap", required=True, ondelete="restrict", index=True
    )
    hoofdstap_code = fields.Selection(related="hoofdstap_id.code", store=True)
    hoofdstap_sequence = fields.Integer(
        related="hoofdstap_id.sequence", store=True, string="Hoofdstap sequence"
    )
    fold = fields.Boolean(string="Folded in kanban")
    closing_type = fields.Selection(
        [
            ("afgeschaald", "Scaled down / handed over"),
            ("afgesloten", "Closed"),
        ],
        help="A stage with a closing type closes the dossier. 'Afgeschaald' is the "
        "end of a dossier qualified as geen mensenhandel; 'Afgesloten' the end of "
        "the regular route after nazorg.",
    )
    is_closed = fields.Boolean(compute="_compute_is_closed", store=True)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True, help="Short explanation of the stage.")
    # The activity card of the reference model (Bijlage VI), shown on the dossier.
    # Plain text; lines starting with "- " are shown as a bullet list.
    card_description = fields.Text(
        string="Description of the activity",
        translate=True,
        help="What is this activity? Lines starting with '- ' become bullets.",
    )
    card_information = fields.Text(
        string="Information needed",
        translate=True,
        help="Which information is needed beforehand to carry out the activity.",
    )
    card_result = fields.Text(
        string="Result", translate=True, help="What the activity results in."
    )
    card_output = fields.Text(
        string="Output",
        translate=True,
        help="Which information is passed on to the next activity.",
    )
    card_instruments = fields.Text(
        string="Instruments",
        translate=True,
        help="Which instruments support the activity.",
    )
    card_knowledge = fields.Text(
        string="Knowledge needed",
        translate=True,
        help="Which knowledge the activity needs.",
    )
    card_partners = fields.Text(
        string="Partners involved",
        translate=True,
        help="Which partners take part in the activity.",
    )

    @api.depends("closing_type")
    def _compute_is_closed(self):
        for stage in self:
            stage.is_closed = bool(stage.closing_type)

    def _card_sections(self):
        """The filled card fields as ``(label, blocks)`` pairs for the template.

        A card text is plain text: lines starting with ``-`` become a bullet list,
        other lines paragraphs, so the card reads well without stored HTML.
        """
        self.ensure_one()
        sections = []
        for name in CARD_FIELDS:
            text = self[name]
            if not text:
                continue
            label = self._fields[name].get_description(self.env)["string"]
            sections.append((label, text_blocks(text)))
        return sections

    def _render_card(self, next_step=None):
        """The reference model's activity card for this stage, as HTML."""
        self.ensure_one()
        values = self.hoofdstap_id._guidance_values()
        values.update(stage=self, sections=self._card_sections(), next_step=next_step)
        return self.env["ir.qweb"]._render(
            "ketenaanpak_mensenhandel.keten_stage_card", values
        )
