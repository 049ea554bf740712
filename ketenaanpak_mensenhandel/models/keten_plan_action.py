from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .keten_rasci import RASCI_ROLES


class KetenPlanAction(models.Model):
    """An action of a plan van aanpak, handed out to a partner organisation."""

    _name = "keten.plan.action"
    _description = "Plan van aanpak action"
    _inherit = [
        "keten.mail.privacy.mixin",
        "mail.activity.mixin",
        "keten.basis.check.mixin",
        "keten.validation.mixin",
    ]
    _order = "date_deadline, id"

    name = fields.Char(string="Action", required=True)
    description = fields.Text()
    plan_id = fields.Many2one(
        "keten.plan", required=True, ondelete="cascade", index=True
    )
    dossier_id = fields.Many2one(
        related="plan_id.dossier_id", store=True, index=True, string="Dossier"
    )
    organisation_id = fields.Many2one(
        "keten.organisation",
        string="Responsible organisation",
        required=True,
        index=True,
    )
    user_id = fields.Many2one("res.users", string="Responsible person")
    rasci_role = fields.Selection(RASCI_ROLES, string="RASCI", default="R")
    date_deadline = fields.Date(string="Due date")
    state = fields.Selection(
        [
            ("open", "Open"),
            ("bezig", "Under way"),
            ("gereed", "Done"),
            ("vervallen", "Lapsed"),
        ],
        default="open",
        required=True,
        tracking=True,
    )
    result = fields.Text()

    @api.constrains("user_id", "organisation_id")
    def _check_user_organisation(self):
        for action in self:
            self._ensure_acts_for(action.user_id, action.organisation_id)

    @api.constrains("date_deadline", "plan_id")
    def _check_deadline(self):
        for action in self:
            opened = action.plan_id.sudo().dossier_id.date_opened
            if action.date_deadline and opened and action.date_deadline < opened:
                raise ValidationError(
                    self.env._(
                        "The due date of action %(action)s lies before the dossier was "
                        "opened.",
                        action=action.name,
                    )
                )

    def _ensure_plan_concept(self, plans):
        if self._is_anonymising():
            return
        if plans.filtered(lambda p: p.state != "concept"):
            raise UserError(
                self.env._(
                    "Actions are added to or removed from a plan van aanpak while it is "
                    "a concept; for an adopted plan use Revise, or set the action to "
                    "Vervallen."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._ensure_plan_concept(
            self.env["keten.plan"].browse(
                [vals["plan_id"] for vals in vals_list if vals.get("plan_id")]
            )
        )
        env = self.env
        self = self._with_override_reason(vals_list)
        actions = super().create(vals_list)
        actions._ensure_action_basis()
        return actions.with_env(env)

    def write(self, vals):
        if "plan_id" in vals:
            self._ensure_plan_concept(
                self.plan_id | self.env["keten.plan"].browse(vals["plan_id"])
            )
        self = self._with_override_reason([vals])
        before = {a.id: (a.organisation_id, a.dossier_id) for a in self.sudo()}
        result = super().write(vals)
        if "organisation_id" in vals or "plan_id" in vals:
            self.filtered(
                lambda a: before[a.id] != (a.organisation_id, a.dossier_id)
            )._ensure_action_basis()
        return result

    def _ensure_action_basis(self):
        for action in self:
            action._ensure_basis_or_override(
                action.organisation_id,
                action.sudo().dossier_id,
                "plan_action",
                action.plan_id.sudo().name,
            )

    @api.onchange("organisation_id")
    def _onchange_organisation_basis(self):
        warning = self._basis_warning(
            self.organisation_id, self.plan_id.sudo().dossier_id
        )
        return {"warning": warning} if warning else None

    def unlink(self):
        self._ensure_plan_concept(self.plan_id)
        return super().unlink()

    def _on_plan_adopted(self):
        """Hook: called when the plan is adopted (deadlines schedule activities here)."""
        return True
