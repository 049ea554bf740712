from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

URGENCIES = [
    ("0", "Normal"),
    ("1", "High"),
    ("2", "Acute"),
]

CLOSING_REASONS = [
    ("afgerond", "Completed: goals reached"),
    ("afgeschaald", "Scaled down: no human trafficking"),
    ("overgedragen", "Handed over to another partner"),
    ("buiten_regio", "Moved / outside the region"),
    ("geen_contact", "No contact any more"),
    ("overig", "Other"),
]

NAZORG_STATES = [
    ("open", "Not decided yet"),
    ("geregeld", "Nazorg arranged"),
    ("niet_nodig", "No nazorg needed"),
]

KWALIFICATIES = [
    ("wel", "Human trafficking"),
    ("geen", "No human trafficking"),
]

QUADRANTS = [
    ("mh_zorg", "Human trafficking, care needed"),
    ("mh_geen_zorg", "Human trafficking, no care needed"),
    ("geen_mh_zorg", "No human trafficking, care needed"),
    ("geen_mh_geen_zorg", "No human trafficking, no care needed"),
]


class KetenDossier(models.Model):
    """The cliëntdossier (casus): one case along the whole chain.

    Its workflow (stage guards, next step) is in ``keten_dossier_process.py``,
    its termijnen in ``keten_dossier_termijn.py``.
    """

    _name = "keten.dossier"
    _description = "Dossier"
    _inherit = [
        "keten.mail.privacy.mixin",
        "mail.activity.mixin",
        "keten.access.logged.mixin",
        "keten.domain.guard.mixin",
        "keten.basis.check.mixin",
        "keten.validation.mixin",
    ]
    _order = "urgency desc, date_opened desc, id desc"
    # Roles a user gives an organisation in the dossier: its legal basis is checked.
    _basis_role_fields = (
        "regie_organisation_id",
        "zorgcoordinator_organisation_id",
    )
    _track_duration_field = "stage_id"
    _keten_mail_reference_field = "name"

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index=True,
    )
    active = fields.Boolean(default=True)
    summary = fields.Text(
        help="Short description of the case. Put details in meldingen and wegingen."
    )
    date_opened = fields.Date(
        string="Opened on",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="When the dossier was opened.",
    )
    date_closed = fields.Date(string="Closed on", readonly=True, copy=False)
    stage_id = fields.Many2one(
        "keten.stage",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        ondelete="restrict",
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_stage_ids",
        domain="[('hoofdstap_code', '!=', 'preventie')]",
        help="The step of the reference model the dossier is in. Moving on is refused "
        "while the data that step requires is missing.",
    )
    hoofdstap_id = fields.Many2one(
        related="stage_id.hoofdstap_id",
        store=True,
        index=True,
        group_expand="_read_group_hoofdstap_ids",
    )
    # indexed: every board filters on it (benchmark P1, docs/benchmarks.md)
    hoofdstap_code = fields.Selection(
        related="stage_id.hoofdstap_code", store=True, index=True
    )
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, index=True)
    date_last_stage_update = fields.Datetime(
        string="Last stage change",
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
    )
    closing_reason = fields.Selection(
        CLOSING_REASONS, tracking=True, copy=False, help="Why the dossier was closed."
    )
    closing_note = fields.Text(copy=False)
    urgency = fields.Selection(
        URGENCIES,
        default="0",
        required=True,
        tracking=True,
        help="Normaal, Hoog or Acuut. Acuut: the 1e weging the same working day; "
        "consider a spoed-overleg.",
    )
    color = fields.Integer()
    # Persons and meldingen
    person_link_ids = fields.One2many(
        "keten.dossier.person", "dossier_id", string="Persons"
    )
    victim_count = fields.Integer(compute="_compute_victim_count", store=True)
    melding_ids = fields.One2many("keten.melding", "dossier_id", string="Meldingen")
    melding_count = fields.Integer(compute="_compute_counts", compute_sudo=False)
    verschijningsvorm_ids = fields.Many2many(
        "keten.verschijningsvorm",
        "keten_dossier_vorm_rel",
        "dossier_id",
        "vorm_id",
        string="Verschijningsvormen",
        tracking=True,
        help="Forms of exploitation; a dossier can have several. They decide which "
        "partners of the flexibele schil are invited to the casusoverleg.",
    )
    woongemeente_id = fields.Many2one(
        "keten.gemeente",
        tracking=True,
        help="Where the victim lives.",
    )
    gemeente_uitbuiting_id = fields.Many2one(
        "keten.gemeente",
        string="Gemeente van uitbuiting",
        tracking=True,
        help="Where the exploitation takes place. A case often crosses municipal "
        "borders: record both.",
    )
    # Organisations and roles
    meldpunt_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Meldpunt",
        default=lambda self: self._default_meldpunt(),
        tracking=True,
        help="The meldpunt of the region (Veilig Thuis); involved in every dossier it "
        "receives.",
    )
    registering_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Registering organisation",
        default=lambda self: self.env.user.keten_organisation_ids[:1],
        tracking=True,
        help="The organisation that registered the first melding.",
    )
    regie_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Regievoerende organisatie",
        tracking=True,
        index=True,
        help="The organisation that directs the case (procesregie, usually the Zorg- "
        "en Veiligheidshuis).",
    )
    regie_user_id = fields.Many2one(
        "res.users",
        string="Regievoerder",
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
        help="The person who directs the case and watches its progress.",
    )
    zorgcoordinator_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Zorgcoördinatie (organisation)",
        tracking=True,
        help="Care coordination: Moviera for victims of 23 and older, MEE Samen or "
        "Veilig Thuis for minors and young adults under 23.",
    )
    zorgcoordinator_user_id = fields.Many2one(
        "res.users",
        string="Zorgcoördinator",
        tracking=True,
        domain="[('share', '=', False)]",
        help="The care coordinator of the victim.",
    )
    manual_organisation_ids = fields.Many2many(
        "keten.organisation",
        "keten_dossier_manual_org_rel",
        "dossier_id",
        "organisation_id",
        string="Organisations added by hand",
        readonly=True,
        help="Added with the 'Involve organisation' button; the reason is in the chatter.",
    )
    involved_organisation_ids = fields.Many2many(
        "keten.organisation",
        "keten_dossier_involved_org_rel",
        "dossier_id",
        "organisation_id",
        compute="_compute_involved_organisation_ids",
        store=True,
        string="Involved organisations",
        help="Every organisation with a reason to see this dossier: registering "
        "organisation, meldpunt, regie, zorgcoördinatie, invited to a casusoverleg "
        "for it, an action or intervention on it, or added by hand.",
    )
    # Process records
    weging_ids = fields.One2many("keten.weging", "dossier_id", string="Wegingen")
    kwalificatie = fields.Selection(
        KWALIFICATIES,
        compute="_compute_weging_outcome",
        store=True,
        tracking=True,
        help="From the latest confirmed weging: wel or geen mensenhandel.",
    )
    quadrant = fields.Selection(
        QUADRANTS,
        string="2e weging outcome",
        compute="_compute_weging_outcome",
        store=True,
        help="From the latest confirmed 2e weging: wel or geen mensenhandel, wel or "
        "geen zorg.",
    )
    traject_zorg = fields.Boolean(
        string="Zorgtraject",
        compute="_compute_weging_outcome",
        store=True,
        help="Trajectbesluit: only a care track, led by the zorgcoördinator.",
    )
    traject_zorg_strafrecht = fields.Boolean(
        string="Zorg- en strafrechtelijk traject",
        compute="_compute_weging_outcome",
        store=True,
        help="Trajectbesluit: a care and a criminal track; process direction at the "
        "Zorg- en Veiligheidshuis.",
    )
    traject_ondermijning = fields.Boolean(
        string="Ondermijning (RIEC)",
        compute="_compute_weging_outcome",
        store=True,
        help="Trajectbesluit: organised crime (ondermijning), to the RIEC "
        "informatieplein.",
    )
    agenda_item_ids = fields.One2many(
        "keten.casusoverleg.item", "dossier_id", string="Casusoverleg items"
    )
    overleg_count = fields.Integer(compute="_compute_counts", compute_sudo=False)
    plan_ids = fields.One2many("keten.plan", "dossier_id", string="Plannen van aanpak")
    stage_history_ids = fields.One2many(
        "keten.dossier.stage.history", "dossier_id", string="Stage history"
    )
    plan_id = fields.Many2one(
        "keten.plan",
        string="Current plan van aanpak",
        compute="_compute_plan_id",
        store=True,
    )
    plan_count = fields.Integer(compute="_compute_counts", compute_sudo=False)
    action_ids = fields.One2many("keten.plan.action", "dossier_id", string="Actions")
    interventie_ids = fields.One2many(
        "keten.interventie", "dossier_id", string="Interventies"
    )
    interventie_count = fields.Integer(compute="_compute_counts", compute_sudo=False)
    evaluatie_ids = fields.One2many(
        "keten.evaluatie", "dossier_id", string="Evaluaties"
    )
    evaluatie_count = fields.Integer(compute="_compute_counts", compute_sudo=False)
    nazorg_status = fields.Selection(
        NAZORG_STATES,
        string="Nazorg",
        default="open",
        required=True,
        tracking=True,
        help="Decide on nazorg (arranged or not needed) before the dossier can be "
        "closed.",
    )
    nazorg_note = fields.Text(
        help="Safe place, lawyer and help arranged; who keeps contact to prevent "
        "relapse."
    )
    # Criminal track: the content lives in keten.strafrecht (Justitie only);
    # everybody involved sees that it exists and whom to align with about care.
    strafrecht_ids = fields.One2many(
        "keten.strafrecht",
        "dossier_id",
        string="Strafrechtelijk traject",
        groups="ketenaanpak_mensenhandel.group_justitie",
    )
    has_criminal_track = fields.Boolean(
        string="Criminal track", compute="_compute_criminal_track", store=True
    )
    criminal_contact_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Align about care with",
        compute="_compute_criminal_track",
        store=True,
    )
    criminal_contact_user_id = fields.Many2one(
        "res.users",
        string="Contact for alignment",
        compute="_compute_criminal_track",
        store=True,
    )
    is_anonymised = fields.Boolean(readonly=True, copy=False, index=True)
    anonymised_date = fields.Datetime(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Defaults
    # ------------------------------------------------------------------
    @api.model
    def _default_stage_id(self):
        return self.env["keten.stage"].search(
            [("hoofdstap_code", "=", "signalering"), ("closing_type", "=", False)],
            limit=1,
        )

    @api.model
    def _default_meldpunt(self):
        return self.env["keten.organisation"].search(
            [("is_meldpunt", "=", True)], limit=1
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("person_link_ids.role")
    def _compute_victim_count(self):
        for dossier in self:
            dossier.victim_count = len(
                dossier.person_link_ids.filtered(
                    lambda link: link.role == "slachtoffer"
                )
            )

    def _compute_counts(self):
        def count(model, field):
            return dict(
                self.env[model]._read_group(
                    [(field, "in", self.ids)], [field], ["__count"]
                )
            )

        meldingen = count("keten.melding", "dossier_id")
        items = count("keten.casusoverleg.item", "dossier_id")
        plans = count("keten.plan", "dossier_id")
        interventies = count("keten.interventie", "dossier_id")
        evaluaties = count("keten.evaluatie", "dossier_id")
        for dossier in self:
            dossier.melding_count = meldingen.get(dossier, 0)
            dossier.overleg_count = items.get(dossier, 0)
            dossier.plan_count = plans.get(dossier, 0)
            dossier.interventie_count = interventies.get(dossier, 0)
            dossier.evaluatie_count = evaluaties.get(dossier, 0)

    @api.depends(
        "registering_organisation_id",
        "meldpunt_organisation_id",
        "regie_organisation_id",
        "zorgcoordinator_organisation_id",
        "manual_organisation_ids",
        "melding_ids.organisation_id",
        "agenda_item_ids.invited_organisation_ids",
        "agenda_item_ids.overleg_id.invited_organisation_ids",
        "action_ids.organisation_id",
        "interventie_ids.organisation_id",
    )
    def _compute_involved_organisation_ids(self):
        for dossier in self:
            dossier.involved_organisation_ids = (
                dossier.registering_organisation_id
                | dossier.meldpunt_organisation_id
                | dossier.regie_organisation_id
                | dossier.zorgcoordinator_organisation_id
                | dossier.manual_organisation_ids
                | dossier.melding_ids.organisation_id
                | dossier.agenda_item_ids.invited_organisation_ids
                | dossier.agenda_item_ids.overleg_id.invited_organisation_ids
                | dossier.action_ids.organisation_id
                | dossier.interventie_ids.organisation_id
            )

    @api.depends(
        "weging_ids.state",
        "weging_ids.kwalificatie",
        "weging_ids.zorg",
        "weging_ids.traject_zorg",
        "weging_ids.traject_zorg_strafrecht",
        "weging_ids.traject_ondermijning",
    )
    def _compute_weging_outcome(self):
        for dossier in self:
            done = dossier.weging_ids.filtered(lambda w: w.state == "vastgesteld")
            latest = done.sorted(lambda w: (w.date, w.id))[-1:] if done else done
            dossier.kwalificatie = latest.kwalificatie or False
            second = done.filtered(lambda w: w.weging_type == "tweede")
            second = second.sorted(lambda w: (w.date, w.id))[-1:] if second else second
            dossier.quadrant = second.quadrant or False
            dossier.traject_zorg = second.traject_zorg
            dossier.traject_zorg_strafrecht = second.traject_zorg_strafrecht
            dossier.traject_ondermijning = second.traject_ondermijning

    @api.depends("plan_ids.state")
    def _compute_plan_id(self):
        for dossier in self:
            adopted = dossier.plan_ids.filtered(lambda p: p.state == "vastgesteld")
            concept = dossier.plan_ids.filtered(lambda p: p.state == "concept")
            dossier.plan_id = (adopted or concept).sorted("id")[-1:]

    @api.depends(
        "strafrecht_ids.state",
        "strafrecht_ids.care_contact_organisation_id",
        "strafrecht_ids.care_contact_user_id",
        "interventie_ids.is_justice",
        "traject_zorg_strafrecht",
    )
    def _compute_criminal_track(self):
        for dossier in self:
            tracks = dossier.strafrecht_ids.filtered(lambda s: s.state != "afgesloten")
            justice_interventions = dossier.interventie_ids.filtered("is_justice")
            dossier.has_criminal_track = bool(
                tracks or justice_interventions or dossier.traject_zorg_strafrecht
            )
            track = tracks.sorted("id")[-1:]
            dossier.criminal_contact_organisation_id = (
                track.care_contact_organisation_id
            )
            dossier.criminal_contact_user_id = track.care_contact_user_id

    # ------------------------------------------------------------------
    # group_expand
    # ------------------------------------------------------------------
    @api.model
    def _read_group_stage_ids(self, stages, domain):
        code = self.env.context.get("keten_hoofdstap_code")
        stage_domain = [("hoofdstap_code", "!=", "preventie")]
        if code:
            stage_domain = [("hoofdstap_code", "=", code)]
        return stages.search(stage_domain)

    @api.model
    def _read_group_hoofdstap_ids(self, hoofdstappen, domain):
        return hoofdstappen.search([("code", "!=", "preventie")])

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date_opened")
    def _check_date_opened(self):
        today = fields.Date.context_today(self)
        for dossier in self:
            if dossier.date_opened and dossier.date_opened > today:
                raise ValidationError(
                    self.env._("A dossier cannot be opened in the future.")
                )

    @api.constrains("date_opened", "date_closed")
    def _check_date_closed(self):
        for dossier in self:
            if (
                dossier.date_closed
                and dossier.date_opened
                and dossier.date_closed < dossier.date_opened
            ):
                raise ValidationError(
                    self.env._(
                        "Dossier %(ref)s cannot be opened after it was closed.",
                        ref=dossier.name,
                    )
                )

    @api.constrains(
        "regie_user_id",
        "regie_organisation_id",
        "zorgcoordinator_user_id",
        "zorgcoordinator_organisation_id",
    )
    def _check_regie_user(self):
        for dossier in self:
            for user, organisation, role in (
                (
                    dossier.regie_user_id,
                    dossier.regie_organisation_id,
                    self.env._("the regievoerende organisatie"),
                ),
                (
                    dossier.zorgcoordinator_user_id,
                    dossier.zorgcoordinator_organisation_id,
                    self.env._("the organisation for zorgcoördinatie"),
                ),
            ):
                self._ensure_acts_for(user, organisation, role)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("manual_organisation_ids") for vals in vals_list
        ):
            raise UserError(
                self.env._(
                    "Involve an organisation with the 'Involve organisation' button, "
                    "which records the reason."
                )
            )
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("keten.dossier") or "/"
                )
        env = self.env
        self = self._with_override_reason(vals_list)
        roles = [
            [name for name in self._basis_role_fields if vals.get(name)]
            for vals in vals_list
        ]
        dossiers = super().create(vals_list)
        for dossier, names in zip(dossiers, roles, strict=True):
            # regie and zorgcoördinatie chosen when the dossier is made; the
            # registering organisation and the meldpunt hold the melding already
            organisations = self.env["keten.organisation"].union(
                *(dossier.sudo()[name] for name in names)
            ) - (
                dossier.sudo().registering_organisation_id
                | dossier.sudo().meldpunt_organisation_id
            )
            if organisations:
                dossier._ensure_basis_or_override(
                    organisations, dossier, "role", dossier.name
                )
        dossiers = dossiers.with_env(env)
        self.env["keten.dossier.stage.history"].sudo()._record_stage(dossiers)
        for dossier in dossiers:
            first = self._default_stage_id()
            if (
                dossier.stage_id != first
                and dossier.stage_id.hoofdstap_code != "signalering"
            ):
                dossier.sudo()._ensure_stage_transition(
                    dossier.stage_id, from_stage=first
                )
        return dossiers

    def write(self, vals):
        if not self.env.su:
            if "stage_id" in vals:
                # The stage guards run as superuser: check access first, so that
                # their messages tell nothing about a dossier the user may not see.
                self.check_access("write")
            if "manual_organisation_ids" in vals:
                raise UserError(
                    self.env._(
                        "Involve an organisation with the 'Involve organisation' "
                        "button, which records the reason."
                    )
                )
        self = self._with_override_reason([vals])
        roles = [name for name in self._basis_role_fields if vals.get(name)]
        involved = {d.id: d.sudo().involved_organisation_ids for d in self}
        if "stage_id" in vals:
            new_stage = self.env["keten.stage"].browse(vals["stage_id"])
            for dossier in self:
                # Guards check that data exists, whoever may read it.
                dossier.sudo()._ensure_stage_transition(new_stage.sudo())
            vals = dict(vals, date_last_stage_update=fields.Datetime.now())
            if new_stage.is_closed:
                vals.setdefault("date_closed", fields.Date.context_today(self))
            else:
                vals.update(date_closed=False)
        result = super().write(vals)
        for dossier in self if roles else ():
            organisations = self.env["keten.organisation"].union(
                *(dossier.sudo()[name] for name in roles)
            )
            dossier._ensure_basis_or_override(
                organisations - involved[dossier.id], dossier, "role", dossier.name
            )
        if "stage_id" in vals:
            self.env["keten.dossier.stage.history"].sudo()._record_stage(
                self, when=vals["date_last_stage_update"]
            )
            for dossier in self.filtered(
                lambda d: d.is_closed and not d.closing_reason
            ):
                dossier.closing_reason = (
                    "afgeschaald"
                    if dossier.stage_id.closing_type == "afgeschaald"
                    else "afgerond"
                )
        return result

    def unlink(self):
        if self.filtered(lambda d: d.melding_ids or d.weging_ids or d.plan_ids):
            raise UserError(
                self.env._(
                    "A dossier with meldingen, wegingen or a plan is not deleted: close it "
                    "instead. Retention anonymises it after the bewaartermijn."
                )
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _add_melding(self, melding):
        """Attach ``melding`` to this dossier with its persons and forms of exploitation."""
        self.ensure_one()
        dossier = self.sudo()
        melding = melding.sudo()
        melding.dossier_id = dossier
        existing = {(link.person_id.id, link.role) for link in dossier.person_link_ids}
        new_links = []
        for person in melding.person_ids:
            if (person.id, "slachtoffer") not in existing:
                new_links.append({"dossier_id": dossier.id, "person_id": person.id})
        for person in melding.suspect_ids:
            if (person.id, "verdachte") not in existing:
                new_links.append(
                    {
                        "dossier_id": dossier.id,
                        "person_id": person.id,
                        "role": "verdachte",
                    }
                )
        if new_links:
            self.env["keten.dossier.person"].sudo().create(new_links)
        vormen = melding.verschijningsvorm_ids - dossier.verschijningsvorm_ids
        if vormen:
            dossier.verschijningsvorm_ids = [(4, vorm.id) for vorm in vormen]
        dossier.message_post(
            body=Markup("<p>%s</p>")
            % self.env._("Melding %(ref)s added to this dossier.", ref=melding.name),
            subtype_xmlid="mail.mt_note",
        )

    def _anonymise(self, reason):
        """Anonymise these dossiers and everything recorded on them (retention, AVG).

        Keeps the figures; persons are anonymised too unless another dossier or
        melding about them is still within its bewaartermijn. Idempotent; runs as
        superuser; returns a summary of what was removed.
        """
        return dict(
            self.env["keten.retention"]._anonymise(dossiers=self, reason=reason)
        )

    @api.model
    def _cron_anonymise_expired(self, batch_size=None):
        """Daily: anonymise what is past the bewaartermijn, one batch per call."""
        retention = self.env["keten.retention"]
        if batch_size:
            return dict(retention._cron_run(batch_size))
        return dict(retention._cron_run())

    def action_involve_organisation(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "keten.involve.organisation.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_dossier_id": self.id},
        }

    @api.model
    def _ensure_link_access(self, dossier_ids):
        """Refuse to link a record to dossiers the user may not change.

        Call it before writing: afterwards the new link (a melding of the user's
        organisation, an intervention it owns) would itself make the user's
        organisation involved, and the record rules would let it pass.
        """
        if not self.env.su and dossier_ids:
            self.browse(list(dossier_ids)).check_access("write")

    def _involve_organisation(self, organisation, reason):
        """Add ``organisation`` by hand; the reason goes to the chatter."""
        self.ensure_one()
        self.check_access("write")
        if not reason or not reason.strip():
            raise UserError(
                self.env._("Give the reason for involving %s.", organisation.name)
            )
        self.env["keten.basis.override"]._check_or_record_override(
            organisation, self, "manual", self.name
        )
        self.sudo().manual_organisation_ids = [(4, organisation.id)]
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "%(organisation)s involved by hand. Reason: %(reason)s",
                organisation=organisation.name,
                reason=reason.strip(),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _open_related(self, model, title):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("dossier_id", "=", self.id)],
            "context": {"default_dossier_id": self.id},
        }

    def action_open_meldingen(self):
        return self._open_related("keten.melding", self.env._("Meldingen"))

    def action_open_overleg_items(self):
        return self._open_related(
            "keten.casusoverleg.item", self.env._("Casusoverleggen")
        )

    def action_open_plans(self):
        return self._open_related("keten.plan", self.env._("Plannen van aanpak"))

    def action_open_interventies(self):
        return self._open_related("keten.interventie", self.env._("Interventies"))

    def action_open_evaluaties(self):
        return self._open_related("keten.evaluatie", self.env._("Evaluaties"))

    def action_open_access_log(self):
        """Who viewed this dossier (ketenregie, Beheerder, privacy officer)."""
        return self._access_log_action(
            [("dossier_res_id", "=", self.id)],
            self.env._("Who viewed %(ref)s", ref=self.name),
        )

    def action_new_weging(self):
        self.ensure_one()
        weging_type = "tweede" if self._latest_weging("eerste") else "eerste"
        return {
            "type": "ir.actions.act_window",
            "res_model": "keten.weging",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_dossier_id": self.id,
                "default_weging_type": weging_type,
            },
        }
