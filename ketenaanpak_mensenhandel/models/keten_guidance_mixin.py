from odoo import api, fields, models


class KetenGuidanceMixin(models.AbstractModel):
    """The reference model's working method on a form, as a collapsible help panel.

    A model names the stage whose activity card applies (``_keten_guidance_stage``,
    an XML id) or, for work that is not a dossier stage, the hoofdstap whose
    guidance applies (``_keten_guidance_hoofdstap``). Override
    :meth:`_guidance_stage` when the card depends on the record.
    """

    _name = "keten.guidance.mixin"
    _description = "Working method of the reference model"

    _keten_guidance_stage = None
    _keten_guidance_hoofdstap = None
    _keten_guidance_depends = ()

    guidance_card = fields.Html(
        string="Werkwijze",
        compute="_compute_guidance_card",
        help="The activity card of the reference model (Bijlage VI) for this work.",
    )

    @api.depends(lambda self: self._keten_guidance_depends)
    def _compute_guidance_card(self):
        rendered = {}
        for record in self:
            source = record._guidance_stage() or record._guidance_hoofdstap()
            if source not in rendered:
                rendered[source] = source._render_card() if source else False
            record.guidance_card = rendered[source]

    def _guidance_stage(self):
        if not self._keten_guidance_stage:
            return self.env["keten.stage"]
        return (
            self.env.ref(self._keten_guidance_stage, raise_if_not_found=False)
            or self.env["keten.stage"]
        )

    def _guidance_hoofdstap(self):
        if not self._keten_guidance_hoofdstap:
            return self.env["keten.hoofdstap"]
        return (
            self.env.ref(self._keten_guidance_hoofdstap, raise_if_not_found=False)
            or self.env["keten.hoofdstap"]
        )
