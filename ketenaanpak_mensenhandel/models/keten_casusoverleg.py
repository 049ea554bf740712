from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

OVERLEG_STATES = [
    ("gepland", "Planned"),
    ("gehouden", "Held"),
    ("vastgesteld", "Verslag adopted"),
    ("geannuleerd", "Cancelled"),
]


class KetenCasusoverleg(models.Model):
    """A meeting of the casustafel: the ketenregieteam plus the partners the cases need."""

    _name = "keten.casusoverleg"
    _description = "Casusoverleg"
    _inherit = [
        "keten.mail.privacy.mixin",
        "mail.activity.mixin",
        "keten.guidance.mixin",
        "keten.domain.guard.mixin",
        "keten.basis.check.mixin",
        "keten.validation.mixin",
    ]
    _guidance_stage_xmlid = "ketenaanpak_mensenhandel.stage_casusoverleg"
    _order = "date_start desc, id desc"
    _keten_mail_reference_field = "name"
    _state_transitions = {
        "gepland": ("gehouden", "geannuleerd"),
        "gehouden": ("vastgesteld", "geannuleerd"),
        "geannuleerd": ("gepland",),
    }
    # What an adopted verslag fixes.
    _locked_fields = (
        "overleg_type",
        "date_start",
        "duration",
        "location",
        "invited_organisation_ids",
        "attendee_ids",
        "item_ids",
        "minutes",
    )

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    overleg_type = fields.Selection(
        [("regulier", "Regular"), ("spoed", "Urgent (spoed)")],
        string="Type",
        required=True,
        default="regulier",
        tracking=True,
        help="Regulier: the periodic casustafel. Spoed: an urgent overleg for an "
        "acute case, usually held digitally.",
    )
    is_digital = fields.Boolean(
        string="Digital", help="A spoed-overleg is usually held digitally."
    )
    date_start = fields.Datetime(
        string="Start",
        required=True,
        tracking=True,
        help="When the casusoverleg starts.",
    )
    duration = fields.Float(default=2.0, help="Duration in hours.")
    date_end = fields.Datetime(string="End", compute="_compute_date_end", store=True)
    location = fields.Char()
    procesregie_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Procesregie",
        default=lambda self: self.env["keten.organisation"].search(
            [("is_procesregie", "=", True)], limit=1
        ),
        help="The Zorg- en Veiligheidshuis holds process direction.",
    )
    chair_user_id = fields.Many2one(
        "res.users",
        string="Procesregisseur",
        default=lambda self: self.env.user,
        help="The procesregisseur who chairs the casusoverleg.",
    )
    invited_organisation_ids = fields.Many2many(
        "keten.organisation",
        "keten_overleg_invited_org_rel",
        "overleg_id",
        "organisation_id",
        string="Invited (ketenregieteam)",
        default=lambda self: self.env["keten.organisation"].search(
            [("membership", "=", "ketenregieteam")]
        ),
        help="Invited to the whole overleg; involved in every dossier on its agenda.",
    )
    all_invited_organisation_ids = fields.Many2many(
        "keten.organisation",
        compute="_compute_all_invited",
        string="All invited",
        help="The ketenregieteam plus the partners invited per agenda item.",
    )
    access_organisation_ids = fields.Many2many(
        "keten.organisation",
        "keten_overleg_access_org_rel",
        "overleg_id",
        "organisation_id",
        compute="_compute_access_organisation_ids",
        store=True,
        string="Visible to",
        help="Invited to the overleg, invited for one of its agenda items, or "
        "holding procesregie. The record rules use this stored field: a rule "
        "path through item_ids would be evaluated as superuser and fill the "
        "agenda of the user's form with items they may not read.",
    )
    attendee_ids = fields.One2many(
        "keten.casusoverleg.attendee", "overleg_id", string="Attendance"
    )
    item_ids = fields.One2many("keten.casusoverleg.item", "overleg_id", string="Agenda")
    item_count = fields.Integer(compute="_compute_item_count")
    minutes = fields.Html(
        string="General minutes",
        help="Only general matters; decisions about a case go into its agenda item.",
    )
    state = fields.Selection(
        OVERLEG_STATES,
        default="gepland",
        required=True,
        tracking=True,
        index=True,
        help="Gepland, gehouden (attendance recorded), verslag vastgesteld (besluiten "
        "recorded for every discussed dossier).",
    )
    approved_by_id = fields.Many2one(
        "res.users", string="Verslag vastgesteld by", readonly=True
    )
    date_approved = fields.Datetime(string="Verslag vastgesteld on", readonly=True)
    color = fields.Integer(compute="_compute_color")

    @api.depends("date_start", "duration")
    def _compute_date_end(self):
        for overleg in self:
            overleg.date_end = (
                overleg.date_start + timedelta(hours=overleg.duration or 0)
                if overleg.date_start
                else False
            )

    @api.depends("invited_organisation_ids", "item_ids.invited_organisation_ids")
    def _compute_all_invited(self):
        for overleg in self:
            overleg.all_invited_organisation_ids = (
                overleg.invited_organisation_ids
                | overleg.item_ids.invited_organisation_ids
            )

    @api.depends(
        "invited_organisation_ids",
        "item_ids.invited_organisation_ids",
        "procesregie_organisation_id",
    )
    def _compute_access_organisation_ids(self):
        for overleg in self:
            overleg.access_organisation_ids = (
                overleg.invited_organisation_ids
                | overleg.item_ids.invited_organisation_ids
                | overleg.procesregie_organisation_id
            )

    def _compute_item_count(self):
        for overleg in self:
            overleg.item_count = len(overleg.item_ids)

    @api.depends("overleg_type")
    def _compute_color(self):
        for overleg in self:
            overleg.color = 1 if overleg.overleg_type == "spoed" else 4

    @api.constrains("duration")
    def _check_duration(self):
        for overleg in self:
            if overleg.duration <= 0 or overleg.duration > 24:
                raise ValidationError(
                    self.env._(
                        "The duration of a casusoverleg is between 0 and 24 hours."
                    )
                )

    @api.constrains("state", "attendee_ids", "item_ids")
    def _check_held(self):
        for overleg in self:
            if (
                overleg.state in ("gehouden", "vastgesteld")
                and not overleg.attendee_ids
            ):
                raise ValidationError(
                    self.env._(
                        "Casusoverleg %(ref)s was held: record the attendance.",
                        ref=overleg.name,
                    )
                )
            if overleg.state == "vastgesteld":
                overleg._ensure_decisions_recorded()

    def _ensure_on_agenda(self, dossier):
        """Refuse a decision recorded in this overleg about a dossier not on its agenda."""
        for overleg in self.sudo():
            if dossier.sudo() not in overleg.item_ids.dossier_id:
                raise ValidationError(
                    self.env._(
                        "Dossier %(dossier)s is not on the agenda of casusoverleg "
                        "%(ref)s.",
                        dossier=dossier.sudo().name,
                        ref=overleg.name,
                    )
                )

    def _ensure_decisions_recorded(self):
        missing = self.item_ids.filtered(
            lambda i: i.state == "besproken" and not i.decisions
        )
        if missing:
            raise ValidationError(
                self.env._(
                    "Record the besluiten for every discussed dossier first: %(refs)s.",
                    refs=", ".join(missing.mapped("dossier_id.name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("keten.casusoverleg") or "/"
                )
        env = self.env
        self = self._with_override_reason(vals_list)
        overleggen = super(
            KetenCasusoverleg, self.with_context(keten_overleg_basis_checked=True)
        ).create(vals_list)
        for overleg in overleggen.with_env(self.env):
            overleg._ensure_invited_basis(overleg.sudo().invited_organisation_ids)
        return overleggen.with_env(env)

    def write(self, vals):
        self._ensure_not_adopted(vals)
        self = self._with_override_reason([vals])
        before = {o.id: o.sudo().invited_organisation_ids for o in self}
        result = super().write(vals)
        if "invited_organisation_ids" in vals:
            for overleg in self:
                overleg._ensure_invited_basis(
                    overleg.sudo().invited_organisation_ids - before[overleg.id]
                )
        if {
            "state",
            "date_start",
            "chair_user_id",
            "procesregie_organisation_id",
        } & set(vals):
            self.env["keten.deadline"]._sync_for_records(self)
        return result

    def _deadline_subjects(self):
        """(termijn code, subjects) that a change of these overleggen bears on:
        those of their agenda items."""
        return self.item_ids._deadline_subjects()

    def _ensure_invited_basis(self, organisations):
        """Invited to the whole overleg: involved in every dossier on its agenda."""
        self.ensure_one()
        self._ensure_basis_or_override(
            organisations, self.sudo().item_ids.dossier_id, "casusoverleg", self.name
        )

    @api.onchange("invited_organisation_ids")
    def _onchange_invited_basis(self):
        warning = self._basis_warning(
            self.invited_organisation_ids, self.item_ids.sudo().dossier_id
        )
        return {"warning": warning} if warning else None

    def _ensure_not_adopted(self, vals=None):
        """An adopted verslag is final: its overleg, agenda and attendance stay as
        they are (only anonymisation after the bewaartermijn touches them)."""
        if self._is_anonymising():
            return
        if vals is not None and not set(vals) & set(self._locked_fields):
            return
        adopted = self.filtered(lambda o: o.state == "vastgesteld")
        if adopted:
            raise UserError(
                self.env._(
                    "The verslag of casusoverleg %(ref)s is adopted: the overleg, its "
                    "agenda and attendance are no longer changed.",
                    ref=", ".join(adopted.mapped("name")),
                )
            )

    def action_hold(self):
        now = fields.Datetime.now()
        for overleg in self:
            if overleg.state != "gepland":
                raise UserError(self.env._("Only a planned casusoverleg can be held."))
            if overleg.date_start > now:
                raise UserError(
                    self.env._(
                        "Casusoverleg %(ref)s starts in the future; it is marked as "
                        "held once it has started.",
                        ref=overleg.name,
                    )
                )
            if not overleg.attendee_ids:
                raise UserError(
                    self.env._(
                        "Record the attendance before marking the overleg as held."
                    )
                )
        self.write({"state": "gehouden"})
        for overleg in self:
            overleg.item_ids.filtered(lambda i: i.state == "te_bespreken").write(
                {"state": "besproken"}
            )
        return True

    def action_approve(self):
        for overleg in self:
            if overleg.state != "gehouden":
                raise UserError(
                    self.env._(
                        "The verslag is adopted only after the overleg was held."
                    )
                )
            overleg._ensure_decisions_recorded()
        self.write(
            {
                "state": "vastgesteld",
                "approved_by_id": self.env.user.id,
                "date_approved": fields.Datetime.now(),
            }
        )
        return True

    def action_cancel(self):
        if self.filtered(lambda o: o.state == "vastgesteld"):
            raise UserError(
                self.env._("An overleg with an adopted verslag is not cancelled.")
            )
        self.write({"state": "geannuleerd"})
        return True

    def action_reset(self):
        self.filtered(lambda o: o.state == "geannuleerd").write({"state": "gepland"})
        return True

    def action_fill_attendance(self):
        """One attendance line per invited organisation that has none yet."""
        for overleg in self:
            present = overleg.attendee_ids.organisation_id
            missing = overleg.all_invited_organisation_ids - present
            self.env["keten.casusoverleg.attendee"].create(
                [
                    {
                        "overleg_id": overleg.id,
                        "organisation_id": organisation.id,
                        "user_id": organisation.contact_user_id.id,
                    }
                    for organisation in missing
                ]
            )
        return True

    def action_print_per_invitee(self):
        """The agenda (or, with context ``keten_document='verslag'``, the verslag)
        with one copy per invited organisation, each showing only what that
        organisation's representative may see."""
        if not self.env.user.has_group("ketenaanpak_mensenhandel.group_ketenregie"):
            raise UserError(
                self.env._("Only the ketenregie prints the copies for every invitee.")
            )
        document = self.env.context.get("keten_document")
        report = self.env.ref(
            "ketenaanpak_mensenhandel.keten_casusoverleg_report_verslag"
            if document == "verslag"
            else "ketenaanpak_mensenhandel.keten_casusoverleg_report_agenda"
        )
        return report.report_action(self, data={"per_invitee": True})

    def _invitee_readers(self):
        """(user, organisation) per invited organisation (overleg, agenda items,
        procesregie) that has a user to read for: the representative on the
        attendance, the vaste vertegenwoordiger, the plaatsvervanger, or else the
        first of its users who is a Ketenpartner. Organisations without such a
        user get no copy."""
        self.ensure_one()
        overleg = self.sudo()
        organisations = (
            overleg.all_invited_organisation_ids | overleg.procesregie_organisation_id
        ).sorted()
        readers = []
        for organisation in organisations:
            attendee = overleg.attendee_ids.filtered(
                lambda a, org=organisation: a.organisation_id == org
            ).user_id
            candidates = (
                attendee
                | organisation.contact_user_id
                | organisation.deputy_user_id
                | organisation.user_ids.sorted("id")
            )
            user = candidates.filtered(
                lambda u, org=organisation: (
                    org in u.keten_organisation_ids
                    and u.has_group("ketenaanpak_mensenhandel.group_ketenpartner")
                )
            )[:1]
            if user:
                readers.append((user, organisation))
        return readers
