from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KetenDossierStageHistory(models.Model):
    """When a dossier entered and left each stage: the basis for throughput times."""

    _name = "keten.dossier.stage.history"
    _description = "Dossier stage history"
    _inherit = ["keten.validation.mixin"]
    _order = "dossier_id, date_start, id"

    dossier_id = fields.Many2one(
        "keten.dossier", required=True, ondelete="cascade", index=True
    )
    stage_id = fields.Many2one("keten.stage", required=True, ondelete="restrict")
    hoofdstap_id = fields.Many2one(
        "keten.hoofdstap", required=True, ondelete="restrict"
    )
    hoofdstap_code = fields.Selection(related="hoofdstap_id.code", store=True)
    date_start = fields.Datetime(required=True)
    date_end = fields.Datetime()
    user_id = fields.Many2one("res.users", string="Moved by")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for row in self:
            if row.date_end and row.date_end < row.date_start:
                raise ValidationError(
                    self.env._("A dossier cannot leave a stage before it entered it.")
                )

    @api.model
    def _record_stage(self, dossiers, when=None):
        """Close the open row of each dossier and open one for its current stage."""
        when = when or fields.Datetime.now()
        if not dossiers:
            return
        self.search(
            [("dossier_id", "in", dossiers.ids), ("date_end", "=", False)]
        ).write({"date_end": when})
        self.create(
            [
                {
                    "dossier_id": dossier.id,
                    "stage_id": dossier.stage_id.id,
                    "hoofdstap_id": dossier.stage_id.hoofdstap_id.id,
                    "date_start": when,
                    "user_id": self.env.uid,
                }
                for dossier in dossiers
                if dossier.stage_id
            ]
        )
