from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

INTERVENTION_TYPES = [
    ("zorg", "Care / support"),
    ("opvang", "Shelter / safe place"),
    ("strafrechtelijk", "Criminal law"),
    ("bestuursrechtelijk", "Administrative law"),
    ("fiscaal", "Tax"),
    ("nazorg", "Nazorg"),
    ("b8", "B8 / bedenktijd"),
    ("overdracht", "Handover"),
    ("veiligheid", "Safety measure"),
    ("juridisch", "Legal aid"),
    ("overig", "Other"),
]

# Fields of an intervention that its review termijn is computed from.
DEADLINE_TRIGGERS = {
    "state",
    "date_start",
    "date_review",
    "date_last_review",
    "intervention_type",
    "user_id",
    "organisation_id",
}

INTERVENTION_STATES = [
    ("gepland", "Planned"),
    ("lopend", "Running"),
    ("afgerond", "Completed"),
    ("gestopt", "Stopped"),
]


class KetenInterventie(models.Model):
    """An intervention on a case: which, by whom, when, and how it went.

    Interventions of type strafrechtelijk are Justitie-only (record rules).
    """

    _name = "keten.interventie"
    _description = "Interventie"
    _inherit = [
        "keten.mail.privacy.mixin",
        "mail.activity.mixin",
        "keten.guidance.mixin",
        "keten.basis.check.mixin",
        "keten.validation.mixin",
    ]
    _guidance_stage_xmlid = "ketenaanpak_mensenhandel.stage_monitoring"
    _order = "date_start desc, id desc"
    _state_transitions = {
        "gepland": ("lopend", "gestopt"),
        "lopend": ("afgerond", "gestopt"),
    }

    name = fields.Char(required=True)
    dossier_id = fields.Many2one(
        "keten.dossier", required=True, ondelete="cascade", index=True
    )
    intervention_type = fields.Selection(
        INTERVENTION_TYPES,
        string="Type",
        required=True,
        default="zorg",
        tracking=True,
        help="The kind of intervention. Strafrechtelijk interventions are visible to "
        "Justitie only.",
    )
    is_justice = fields.Boolean(
        compute="_compute_is_justice", store=True, index=True, string="Justice only"
    )
    organisation_id = fields.Many2one(
        "keten.organisation",
        required=True,
        index=True,
        tracking=True,
        help="The organisation that carries out the intervention; it becomes involved "
        "in the dossier.",
    )
    user_id = fields.Many2one("res.users", string="Owner", tracking=True)
    plan_action_id = fields.Many2one(
        "keten.plan.action",
        string="Plan action",
        domain="[('dossier_id', '=', dossier_id)]",
    )
    person_id = fields.Many2one(
        "keten.person",
        string="For person",
        domain="[('dossier_link_ids.dossier_id', '=', dossier_id)]",
    )
    date_start = fields.Date(string="Start", default=fields.Date.context_today)
    date_end = fields.Date(string="End")
    date_review = fields.Date(
        string="Next review",
        help="When the progress of the intervention is reviewed. Set by the review "
        "termijn when the intervention starts; change it to plan the review.",
    )
    date_last_review = fields.Date(
        string="Last review", readonly=True, copy=False, tracking=True
    )
    state = fields.Selection(
        INTERVENTION_STATES,
        default="gepland",
        required=True,
        tracking=True,
        index=True,
        help="Gepland, lopend, afgerond or gestopt.",
    )
    result = fields.Selection(
        [
            ("geslaagd", "Successful"),
            ("deels", "Partly successful"),
            ("niet_geslaagd", "Not successful"),
        ],
        tracking=True,
        help="How the intervention went.",
    )
    result_note = fields.Text(string="What went well, what is still needed")

    @api.depends("intervention_type")
    def _compute_is_justice(self):
        for interventie in self:
            interventie.is_justice = interventie.intervention_type == "strafrechtelijk"

    @api.constrains("date_start", "date_end", "date_review")
    def _check_dates(self):
        for interventie in self:
            if (
                interventie.date_start
                and interventie.date_end
                and interventie.date_end < interventie.date_start
            ):
                raise ValidationError(
                    self.env._("An intervention cannot end before it starts.")
                )
            if (
                interventie.date_start
                and interventie.date_review
                and interventie.date_review < interventie.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The review of an intervention cannot be before its start."
                    )
                )

    @api.constrains("state", "result", "date_end")
    def _check_result(self):
        today = fields.Date.context_today(self)
        for interventie in self:
            if interventie.state in ("afgerond", "gestopt"):
                if not interventie.date_end:
                    raise ValidationError(
                        self.env._(
                            "Give the end date of a finished or stopped intervention."
                        )
                    )
                if interventie.date_end > today:
                    raise ValidationError(
                        self.env._(
                            "A finished or stopped intervention cannot end in the future."
                        )
                    )
            if interventie.result and interventie.state == "gepland":
                raise ValidationError(
                    self.env._(
                        "Intervention %(name)s has not started yet: it has no result.",
                        name=interventie.name,
                    )
                )

    @api.constrains("dossier_id", "person_id", "plan_action_id")
    def _check_dossier_links(self):
        for interventie in self:
            dossier = interventie.dossier_id.sudo()
            if (
                interventie.person_id
                and interventie.person_id not in dossier.person_link_ids.person_id
            ):
                raise ValidationError(
                    self.env._(
                        "The intervention is for a person who is not in dossier "
                        "%(ref)s.",
                        ref=dossier.name,
                    )
                )
            if (
                interventie.plan_action_id
                and interventie.plan_action_id.sudo().dossier_id != dossier
            ):
                raise ValidationError(
                    self.env._(
                        "Action %(action)s belongs to another dossier than %(ref)s.",
                        action=interventie.plan_action_id.sudo().name,
                        ref=dossier.name,
                    )
                )

    @api.constrains("user_id", "organisation_id")
    def _check_user_organisation(self):
        for interventie in self:
            self._ensure_acts_for(interventie.user_id, interventie.organisation_id)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["keten.dossier"]._ensure_link_access(
            {vals["dossier_id"] for vals in vals_list if vals.get("dossier_id")}
        )
        self.env["keten.person"].browse(
            [vals["person_id"] for vals in vals_list if vals.get("person_id")]
        )._ensure_not_restricted()
        env = self.env
        self = self._with_override_reason(vals_list)
        interventies = super().create(vals_list)
        for interventie in interventies:
            interventie._ensure_basis_or_override(
                interventie.organisation_id,
                interventie.dossier_id,
                "interventie",
                interventie.name,
            )
        interventies._plan_review()
        return interventies.with_env(env)

    def write(self, vals):
        if vals.get("dossier_id"):
            self.env["keten.dossier"]._ensure_link_access({vals["dossier_id"]})
        if vals.get("person_id"):
            self.env["keten.person"].browse(vals["person_id"])._ensure_not_restricted()
        self = self._with_override_reason([vals])
        before = {i.id: (i.organisation_id, i.dossier_id) for i in self.sudo()}
        result = super().write(vals)
        if "organisation_id" in vals or "dossier_id" in vals:
            for interventie in self:
                if before[interventie.id] != (
                    interventie.organisation_id,
                    interventie.dossier_id,
                ):
                    interventie._ensure_basis_or_override(
                        interventie.organisation_id,
                        interventie.dossier_id,
                        "interventie",
                        interventie.name,
                    )
        if "intervention_type" in vals:
            # Rules are checked before a write only: a partner must not turn an
            # intervention into a strafrechtelijke one (Justitie only).
            self.check_access("write")
        if set(vals) & DEADLINE_TRIGGERS:
            self._plan_review()
        return result

    def _deadline_subjects(self):
        """(termijn code, subjects) that a change of these interventies bears on."""
        return [("interventie_review", self)]

    def _plan_review(self):
        """A running intervention gets its next review from the review termijn
        (unless one is planned), and its termijn follows the review date."""
        unplanned = self.filtered(
            lambda i: i.state == "lopend" and not i.date_review and not i.is_justice
        )
        if unplanned:
            Termijn = self.env["keten.termijn"]
            termijn = Termijn.sudo().search([("code", "=", "interventie_review")])
            if termijn:
                calendar = Termijn._working_calendar()
                today = Termijn._today(calendar.tz)
                for interventie in unplanned.with_context(keten_no_deadlines=True):
                    start = (
                        interventie.date_last_review or interventie.date_start or today
                    )
                    interventie.date_review = termijn._deadline_for(calendar, start)
        self.env["keten.deadline"]._sync_for_records(self)

    def _record_termijn_event(self, deadline, day, feedback=False):
        """Marking the review activity done is the review."""
        self.ensure_one()
        if deadline.termijn_code == "interventie_review":
            self._record_review(day, deadline)

    def _record_review(self, day, deadline=None):
        self.ensure_one()
        if self.state != "lopend":
            raise UserError(
                self.env._(
                    "Intervention %(name)s is not running: it has no review.",
                    name=self.name,
                )
            )
        Deadline = self.env["keten.deadline"].sudo()
        deadline = deadline or Deadline.search(
            [
                ("interventie_id", "=", self.id),
                ("termijn_code", "=", "interventie_review"),
                ("state", "=", "open"),
            ]
        )
        deadline._close_deadlines("done", day, "review")
        # the next review: a new termijn from today
        self.write({"date_last_review": day, "date_review": False})

    def action_review_done(self):
        """The progress of the intervention was reviewed today."""
        today = self.env["keten.termijn"]._today()
        for interventie in self:
            interventie.check_access("write")
            interventie._record_review(today)
        return True

    @api.onchange("organisation_id", "dossier_id")
    def _onchange_organisation_basis(self):
        warning = self._basis_warning(self.organisation_id, self.dossier_id)
        return {"warning": warning} if warning else None

    def action_start(self):
        self.filtered(lambda i: i.state == "gepland").write({"state": "lopend"})
        return True

    def action_finish(self):
        for interventie in self:
            vals = {"state": "afgerond"}
            if not interventie.date_end:
                vals["date_end"] = fields.Date.context_today(self)
            interventie.write(vals)
        return True

    def action_stop(self):
        for interventie in self:
            vals = {"state": "gestopt"}
            if not interventie.date_end:
                vals["date_end"] = fields.Date.context_today(self)
            interventie.write(vals)
        return True
