from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class KetenPlan(models.Model):
    """Plan van aanpak, adopted (vastgesteld) by the ketenregieteam."""

    _name = "keten.plan"
    _description = "Plan van aanpak"
    _inherit = [
        "keten.mail.privacy.mixin",
        "mail.activity.mixin",
        "keten.guidance.mixin",
        "keten.basis.check.mixin",
        "keten.validation.mixin",
    ]
    _guidance_stage_xmlid = "ketenaanpak_mensenhandel.stage_plan_van_aanpak"
    _order = "id desc"
    _state_transitions = {
        "concept": ("vastgesteld",),
        "vastgesteld": ("herzien",),
    }
    # The content the ketenregieteam adopted; a change means a revision.
    _locked_fields = (
        "dossier_id",
        "goal",
        "results",
        "role_division",
        "network",
        "suspects_note",
        "next_steps",
        "monitoring_agreements",
        "regie_agreements",
        "overleg_id",
    )

    name = fields.Char(compute="_compute_name", store=True)
    dossier_id = fields.Many2one(
        "keten.dossier", required=True, ondelete="cascade", index=True
    )
    goal = fields.Text(
        string="Doel",
        tracking=True,
        help="What the plan must achieve for the victim (and towards the offender).",
    )
    results = fields.Text(
        string="Beoogde resultaten", help="The concrete results the plan aims for."
    )
    role_division = fields.Text(
        string="Rolverdeling",
        help="Who does what: the division of roles among the partners.",
    )
    network = fields.Text(
        string="Netwerk en betrokken partners",
        help="NAW data, network and the partners involved, as far as needed for the "
        "plan.",
    )
    suspects_note = fields.Text(
        string="Gegevens verdachte/betrokkenen",
        help="What is known about suspects and others involved, as far as it may be "
        "shared.",
    )
    next_steps = fields.Text(
        string="Voorstel vervolgstappen",
        help="Proposal for next steps on content, process and division of roles.",
    )
    monitoring_agreements = fields.Text(
        string="Monitoringsafspraken",
        help="How and when the ketenregieteam monitors the progress.",
    )
    regie_agreements = fields.Text(
        string="Afspraken over regie", help="Who holds regie and how it is handed over."
    )
    action_ids = fields.One2many("keten.plan.action", "plan_id", string="Actions")
    state = fields.Selection(
        [
            ("concept", "Draft"),
            ("vastgesteld", "Adopted"),
            ("herzien", "Replaced"),
        ],
        default="concept",
        required=True,
        tracking=True,
        index=True,
        help="Concept, vastgesteld by the ketenregieteam, or replaced by a revised "
        "plan.",
    )
    overleg_id = fields.Many2one("keten.casusoverleg", string="Adopted in overleg")
    adopted_by_id = fields.Many2one("res.users", string="Vastgesteld by", readonly=True)
    date_adopted = fields.Date(string="Vastgesteld on", readonly=True)

    @api.depends("dossier_id.name")
    def _compute_name(self):
        for plan in self:
            plan.name = self.env._(
                "Plan van aanpak %(ref)s", ref=plan.dossier_id.name or ""
            )

    @api.constrains("state", "goal", "action_ids")
    def _check_adopted(self):
        if self._is_anonymising():
            return
        for plan in self.filtered(lambda p: p.state != "concept"):
            if not plan.goal or not plan.action_ids:
                raise ValidationError(
                    self.env._(
                        "An adopted plan van aanpak has a goal (doel) and at least one "
                        "action."
                    )
                )

    @api.constrains("dossier_id", "overleg_id")
    def _check_dossier(self):
        for plan in self:
            plan.overleg_id._ensure_on_agenda(plan.dossier_id)

    @api.model_create_multi
    def create(self, vals_list):
        # the reason carries over to the actions created with the plan
        env = self.env
        self = self._with_override_reason(vals_list)
        plans = super().create(vals_list)
        closed = plans.sudo().dossier_id.filtered("is_closed")
        if closed:
            raise UserError(
                self.env._(
                    "Dossier %(ref)s is closed: it gets no new plan van aanpak.",
                    ref=", ".join(closed.mapped("name")),
                )
            )
        self.env["keten.deadline"]._sync_for_records(
            plans.filtered(lambda p: p.state != "concept")
        )
        return plans.with_env(env)

    def write(self, vals):
        self = self._with_override_reason([vals])
        if (
            set(vals) & set(self._locked_fields)
            and self.filtered(lambda p: p.state != "concept")
            and not self._is_anonymising()
        ):
            raise UserError(
                self.env._(
                    "An adopted plan van aanpak is not changed afterwards: use Revise "
                    "to start a new concept."
                )
            )
        result = super().write(vals)
        if {"state", "date_adopted", "dossier_id"} & set(vals):
            self.env["keten.deadline"]._sync_for_records(self)
        return result

    def _deadline_subjects(self):
        """(termijn code, subjects) that a change of these plans bears on."""
        return [("plan", self.dossier_id)]

    def action_adopt(self):
        """Vaststellen: the plan becomes the dossier's plan; the actions go out."""
        for plan in self:
            if plan.state != "concept":
                raise UserError(self.env._("Only a concept plan can be adopted."))
            if not plan.goal:
                raise UserError(self.env._("A plan van aanpak needs a goal (doel)."))
            if not plan.action_ids:
                raise UserError(
                    self.env._(
                        "A plan van aanpak needs at least one action with an owner."
                    )
                )
            previous = plan.dossier_id.plan_ids.filtered(
                lambda p, plan=plan: p.state == "vastgesteld" and p != plan
            )
            previous.write({"state": "herzien"})
            plan.write(
                {
                    "state": "vastgesteld",
                    "adopted_by_id": self.env.user.id,
                    "date_adopted": fields.Date.context_today(self),
                }
            )
            plan.action_ids._on_plan_adopted()
            plan.dossier_id.message_post(
                body=Markup("<p>%s</p>") % self.env._("Plan van aanpak vastgesteld."),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_revise(self):
        """Start a new concept from this plan, e.g. after a review."""
        self.ensure_one()
        new = self.copy({"state": "concept", "overleg_id": False})
        for action in self.action_ids.filtered(lambda a: a.state in ("open", "bezig")):
            action.copy({"plan_id": new.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "keten.plan",
            "res_id": new.id,
            "view_mode": "form",
        }
