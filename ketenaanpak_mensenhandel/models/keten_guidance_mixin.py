from odoo import api, fields, models


class KetenGuidanceMixin(models.AbstractModel):
    """The reference model's working method on a form, as a collapsible help panel.

    A model names the stage whose activity card applies (``_guidance_stage_xmlid``,
    an XML id) or, for work that is not a dossier stage, the hoofdstap whose
    guidance applies (``_guidance_hoofdstap_xmlid``). Override
    :meth:`_guidance_stage` when the card depends on the record.
    """

    _name = "keten.guidance.mixin"
    _description = "Working method of the reference model"

    _guidance_stage_xmlid = None
    _guidance_hoofdstap_xmlid = None
    _guidance_depends = ()

    guidance_card = fields.Html(
        string="Werkwijze",
        compute="_compute_guidance_card",
        help="The activity card of the reference model (Bijlage VI) for this work.",
    )

    @api.depends(lambda self: self._guidance_depends)
    def _compute_guidance_card(self):
        rendered = {}
        for record in self:
            source = record._guidance_stage() or record._guidance_hoofdstap()
            if source not in rendered:
                rendered[source] = source._render_card() if source else False
            record.guidance_card = rendered[source]

    def _guidance_stage(self):
        if not self._guidance_stage_xmlid:
            return self.env["keten.stage"]
        return (
            self.env.ref(self._guidance_stage_xmlid, raise_if_not_found=False)
            or self.env["keten.stage"]
        )

    def _guidance_hoofdstap(self):
        if not self._guidance_hoofdstap_xmlid:
            return self.env["keten.hoofdstap"]
        return (
            self.env.ref(self._guidance_hoofdstap_xmlid, raise_if_not_found=False)
            or self.env["keten.hoofdstap"]
        )
