from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.keten_person_duplicate import DUPLICATE_REASONS


class KetenPersonDuplicateWizard(models.TransientModel):
    """Review the possibly known persons on a melding or dossier."""

    _name = "keten.person.duplicate.wizard"
    _description = "Possibly known persons"
    _inherit = ["keten.validation.mixin"]

    res_model = fields.Char(required=True, readonly=True)
    res_id = fields.Integer(required=True, readonly=True)
    line_ids = fields.One2many(
        "keten.person.duplicate.wizard.line", "wizard_id", readonly=True
    )
    hidden = fields.Boolean(readonly=True)
    hidden_message = fields.Char(compute="_compute_hidden_message")
    can_merge = fields.Boolean(compute="_compute_can_merge")

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            wizard._record()  # opens only on a record the user may read
        return wizards

    def _compute_hidden_message(self):
        message = self.env["keten.person"]._possibly_known_message()
        for wizard in self:
            wizard.hidden_message = message if wizard.hidden else False

    def _compute_can_merge(self):
        allowed = self.env.user.has_group("ketenaanpak_mensenhandel.group_ketenregie")
        for wizard in self:
            wizard.can_merge = allowed

    def _record(self):
        self.ensure_one()
        if self.res_model not in ("keten.melding", "keten.dossier"):
            raise UserError(self.env._("Nothing to review here."))
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(self.env._("The record to review no longer exists."))
        record.check_access("read")
        return record

    def _fill_lines(self):
        self.ensure_one()
        proposals = self._record()._review_proposals()
        lines = []
        for person_id, item in proposals.items():
            for proposal in item["visible"]:
                lines.append(
                    {
                        "wizard_id": self.id,
                        "person_id": person_id,
                        "candidate_id": proposal["person"].id,
                        "reason": proposal["reason"],
                        "birth_year": proposal["birth_year"] or 0,
                        "dossier_names": ", ".join(proposal["dossiers"]) or False,
                    }
                )
        self.line_ids = [(5, 0, 0)] + [(0, 0, values) for values in lines]
        self.hidden = any(item["hidden"] for item in proposals.values())


class KetenPersonDuplicateWizardLine(models.TransientModel):
    _name = "keten.person.duplicate.wizard.line"
    _description = "Possibly known person"
    _inherit = ["keten.validation.mixin"]
    _order = "person_id, id"

    wizard_id = fields.Many2one(
        "keten.person.duplicate.wizard", required=True, ondelete="cascade"
    )
    person_id = fields.Many2one(
        "keten.person", string="Entered person", required=True, readonly=True
    )
    candidate_id = fields.Many2one(
        "keten.person", string="Known person", required=True, readonly=True
    )
    reason = fields.Selection(DUPLICATE_REASONS, readonly=True)
    birth_year = fields.Integer(readonly=True)
    dossier_names = fields.Char(string="Dossiers", readonly=True)

    def action_use_existing(self):
        """Put the known person on the record instead of the entered one.

        When nothing else refers to the entered person any more, it is archived
        as merged into the known person, with its missing data copied over.
        """
        self.ensure_one()
        record = self.wizard_id._record()
        record.check_access("write")
        source, target = self.person_id, self.candidate_id
        target.check_access("read")
        source.sudo()._ensure_mergeable(target.sudo())
        record._replace_person(source, target)
        record.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Entered person P-%(entered)s replaced by the known person P-%(target)s.",
                entered=source.id,
                target=target.id,
            ),
            subtype_xmlid="mail.mt_note",
        )
        if not source.sudo()._records_pointing_here():
            source.sudo()._merge_into(
                target.sudo(),
                self.env._(
                    "replaced by the known person on %(record)s",
                    record=record.display_name,
                ),
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_merge(self):
        self.ensure_one()
        return self.env["keten.person.merge.wizard"]._action_open(
            self.person_id | self.candidate_id, self.candidate_id
        )
