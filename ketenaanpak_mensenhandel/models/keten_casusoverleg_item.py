from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KetenCasusoverlegItem(models.Model):
    """One dossier on the agenda of a casusoverleg, with its deadline and besluiten."""

    _name = "keten.casusoverleg.item"
    _description = "Casusoverleg agenda item"
    _inherit = [
        "keten.mail.privacy.mixin",
        "keten.basis.check.mixin",
        "keten.validation.mixin",
    ]
    _order = "overleg_date desc, sequence, id"
    _rec_name = "dossier_id"

    overleg_id = fields.Many2one(
        "keten.casusoverleg", required=True, ondelete="cascade", index=True
    )
    overleg_date = fields.Datetime(related="overleg_id.date_start", store=True)
    overleg_state = fields.Selection(
        related="overleg_id.state", store=True, string="Overleg state"
    )
    dossier_id = fields.Many2one(
        "keten.dossier", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    deadline = fields.Date(
        string="Discuss by", help="Deadline by which the case must be discussed."
    )
    invited_organisation_ids = fields.Many2many(
        "keten.organisation",
        "keten_overleg_item_invited_org_rel",
        "item_id",
        "organisation_id",
        string="Invited for this case",
        compute="_compute_invited_organisation_ids",
        store=True,
        readonly=False,
        help="Partners of the flexibele schil invited for this case, by its forms of "
        "exploitation. They become involved in the dossier.",
    )
    question = fields.Text(
        string="Question to the table",
        help="What the table is asked to decide or advise on. Shown on the agenda.",
    )
    decisions = fields.Text(
        string="Besluiten",
        help="The besluiten of the table about this dossier: who does what, by when.",
    )
    state = fields.Selection(
        [
            ("te_bespreken", "To discuss"),
            ("besproken", "Discussed"),
            ("uitgesteld", "Postponed"),
        ],
        default="te_bespreken",
        required=True,
        tracking=True,
        help="Te bespreken, besproken or uitgesteld (postponed to a next overleg).",
    )

    _sql_constraints = [
        (
            "overleg_dossier_uniq",
            "unique(overleg_id, dossier_id)",
            "This dossier is already on the agenda of this overleg.",
        ),
    ]

    @api.depends("dossier_id.verschijningsvorm_ids")
    def _compute_invited_organisation_ids(self):
        for item in self:
            if item.invited_organisation_ids or not item.dossier_id:
                continue
            experts = (
                item.dossier_id.sudo().verschijningsvorm_ids.expert_organisation_ids
            )
            item.invited_organisation_ids = experts.filtered(
                lambda o: o.membership == "flexibele_schil"
            )

    @api.constrains("deadline", "overleg_id")
    def _check_deadline(self):
        for item in self:
            if (
                item.deadline
                and item.dossier_id.date_opened
                and (item.deadline < item.dossier_id.date_opened)
            ):
                raise ValidationError(
                    self.env._(
                        "The deadline for discussion lies before the dossier was opened."
                    )
                )

    @api.constrains("overleg_id", "dossier_id")
    def _check_agenda(self):
        for item in self:
            overleg = item.overleg_id.sudo()
            if overleg.state == "geannuleerd":
                raise ValidationError(
                    self.env._(
                        "Casusoverleg %(ref)s is cancelled: put the dossier on the "
                        "agenda of another overleg.",
                        ref=overleg.name,
                    )
                )
            if item.dossier_id.sudo().is_closed:
                raise ValidationError(
                    self.env._(
                        "Dossier %(ref)s is closed and does not go on the agenda.",
                        ref=item.dossier_id.sudo().name,
                    )
                )

    @api.constrains("state", "overleg_id")
    def _check_state(self):
        for item in self:
            if item.state == "besproken" and item.overleg_id.state not in (
                "gehouden",
                "vastgesteld",
            ):
                raise ValidationError(
                    self.env._(
                        "Dossier %(ref)s is discussed only once the overleg was held.",
                        ref=item.dossier_id.sudo().name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        overleggen = self.env["keten.casusoverleg"].browse(
            [vals["overleg_id"] for vals in vals_list if vals.get("overleg_id")]
        )
        overleggen._ensure_not_adopted()
        missing = [vals for vals in vals_list if not vals.get("deadline")]
        if missing:
            # "Discuss by": the termijn for bespreking, unless the regie sets one.
            deadline = self._default_deadline()
            for vals in missing:
                vals["deadline"] = deadline
        env = self.env
        self = self._with_override_reason(vals_list)
        items = super().create(vals_list)
        for item in items:
            item._ensure_item_basis(
                item.sudo().invited_organisation_ids
                | (
                    item.sudo().overleg_id.invited_organisation_ids
                    if not self.env.context.get("keten_overleg_basis_checked")
                    else item.env["keten.organisation"]
                )
            )
        self.env["keten.deadline"]._sync_for_records(items)
        return items.with_env(env)

    def write(self, vals):
        overleggen = self.overleg_id
        if vals.get("overleg_id"):
            overleggen |= overleggen.browse(vals["overleg_id"])
        overleggen._ensure_not_adopted()
        self = self._with_override_reason([vals])
        before = {
            item.id: (item.dossier_id, item.overleg_id, item.invited_organisation_ids)
            for item in self.sudo()
        }
        result = super().write(vals)
        if {"invited_organisation_ids", "dossier_id", "overleg_id"} & set(vals):
            for item in self:
                dossier, overleg, invited = before[item.id]
                current = item.sudo()
                if (current.dossier_id, current.overleg_id) != (dossier, overleg):
                    added = (
                        current.invited_organisation_ids
                        | current.overleg_id.invited_organisation_ids
                    )
                else:
                    added = current.invited_organisation_ids - invited
                item._ensure_item_basis(added)
        if {"state", "deadline", "overleg_id", "dossier_id"} & set(vals):
            self.env["keten.deadline"]._sync_for_records(self)
        return result

    def _deadline_subjects(self):
        """(termijn code, subjects) that a change of these agenda items bears on;
        an item moved to another overleg ends the termijn of the earlier one."""
        return [
            ("bespreking", self.dossier_id.agenda_item_ids | self),
            ("plan", self.dossier_id),
        ]

    def _ensure_item_basis(self, organisations):
        self.ensure_one()
        item = self.sudo()
        self._ensure_basis_or_override(
            organisations, item.dossier_id, "agenda_item", item.overleg_id.name
        )

    @api.onchange("invited_organisation_ids", "dossier_id")
    def _onchange_invited_basis(self):
        item = self.sudo()
        warning = self._basis_warning(
            item.invited_organisation_ids | item.overleg_id.invited_organisation_ids,
            item.dossier_id,
        )
        return {"warning": warning} if warning else None

    def unlink(self):
        self.overleg_id._ensure_not_adopted()
        dossiers = self.dossier_id
        Deadline = self.env["keten.deadline"].sudo()
        Deadline.search(
            [("item_id", "in", self.ids), ("state", "=", "open")]
        )._close_deadlines(
            "cancelled",
            self.env["keten.termijn"]._today(),
            "off_agenda",
        )
        result = super().unlink()
        self.env["keten.deadline"]._sync_for_records(
            dossiers, codes=("bespreking", "plan")
        )
        return result

    @api.model
    def _default_deadline(self):
        termijn = (
            self.env["keten.termijn"]
            .sudo()
            .search([("code", "=", "bespreking")], limit=1)
        )
        if not termijn:
            return False
        Termijn = self.env["keten.termijn"]
        return termijn._deadline_for(Termijn._working_calendar(), Termijn._today())
