from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

REGIE = "ketenaanpak_mensenhandel.group_ketenregie"


class KetenPersonMergeWizard(models.TransientModel):
    """Merge confirmed duplicate persons into one; every link is kept."""

    _name = "keten.person.merge.wizard"
    _description = "Merge duplicate persons"
    _inherit = ["keten.validation.mixin"]

    person_ids = fields.Many2many("keten.person", string="Persons", required=True)
    target_person_id = fields.Many2one(
        "keten.person",
        string="Keep",
        required=True,
        domain="[('id', 'in', person_ids)]",
        help="The person record that is kept; the others are archived as merged "
        "into it, after all their links moved.",
    )
    reason = fields.Text(
        required=True,
        help="Why these records are the same person (for the history).",
    )
    summary = fields.Html(compute="_compute_summary", sanitize=False)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        active_ids = self.env.context.get("active_ids")
        if (
            self.env.context.get("active_model") == "keten.person"
            and active_ids
            and "person_ids" in fields_list
            and not values.get("person_ids")
        ):
            values["person_ids"] = [(6, 0, active_ids)]
            values.setdefault("target_person_id", min(active_ids))
        return values

    @api.depends("person_ids", "target_person_id")
    def _compute_summary(self):
        for wizard in self:
            duplicates = wizard.person_ids - wizard.target_person_id
            if not duplicates or not wizard.target_person_id:
                wizard.summary = False
                continue
            counts = {}
            for (model_name, _field), records in (
                duplicates._origin.sudo()._records_pointing_here().items()
            ):
                label = self.env["ir.model"]._get(model_name).display_name
                counts[label] = counts.get(label, 0) + len(records)
            items = Markup("").join(
                Markup("<li>%s: %s</li>") % (label, count)
                for label, count in sorted(counts.items())
            )
            wizard.summary = Markup("<p>%s</p><ul>%s</ul>") % (
                escape(
                    self.env._(
                        "%(count)s record(s) will be merged into %(name)s and archived. "
                        "Links that move:",
                        count=len(duplicates),
                        name=wizard.target_person_id.display_name,
                    )
                ),
                items or Markup("<li>-</li>"),
            )

    @api.model
    def _action_open(self, persons, target):
        if not self.env.user.has_group(REGIE):
            raise AccessError(self.env._("Only the ketenregie may merge persons."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge persons"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_person_ids": [(6, 0, persons.ids)],
                "default_target_person_id": target.id,
            },
        }

    def action_merge(self):
        self.ensure_one()
        if not self.env.user.has_group(REGIE):
            raise AccessError(self.env._("Only the ketenregie may merge persons."))
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for the merge."))
        target = self.target_person_id
        if target not in self.person_ids:
            raise UserError(
                self.env._("The person to keep must be one of the persons.")
            )
        self.person_ids.check_access("write")
        (self.person_ids - target)._merge_into(target, self.reason.strip())
        return {
            "type": "ir.actions.act_window",
            "res_model": "keten.person",
            "res_id": target.id,
            "view_mode": "form",
            "target": "current",
        }
