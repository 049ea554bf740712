from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.x2many import linked_ids

CHANNELS = [
    ("telefoon", "Phone"),
    ("email", "E-mail"),
    ("formulier", "Web form"),
    ("via_partner", "Through a ketenpartner"),
    ("persoonlijk", "In person / at the desk"),
    ("brief", "Letter"),
    ("overig", "Other"),
]

CATEGORIES = [
    ("adviesvraag", "Request for advice"),
    ("signaal", "Signal"),
    ("melding", "Melding"),
]

SOURCE_TYPES = [
    ("slachtoffer", "The victim themselves"),
    ("omgeving", "Surroundings (family, friends, neighbours)"),
    ("professional", "Professional"),
    ("ketenpartner", "Ketenpartner"),
    ("werkgever", "Employer / colleague"),
    ("anoniem", "Anonymous"),
    ("overig", "Other"),
]

LOCATION_TYPES = [
    ("woning", "Home"),
    ("seksbranche", "Sex industry"),
    ("horeca", "Hospitality"),
    ("agrarisch", "Agriculture / horticulture"),
    ("bouw", "Construction"),
    ("logistiek", "Logistics / distribution"),
    ("schoonmaak", "Cleaning"),
    ("online", "Online"),
    ("openbare_ruimte", "Public space"),
    ("overig", "Other"),
    ("onbekend", "Unknown"),
]

FREQUENCIES = [
    ("eenmalig", "Once"),
    ("incidenteel", "Occasional"),
    ("structureel", "Structural"),
    ("onbekend", "Unknown"),
]

# The melder's own data: who reported, how to reach them.
MELDER_FIELDS = (
    "melder_name",
    "melder_organisation_name",
    "melder_role",
    "melder_phone",
    "melder_email",
)

FEEDBACK_STATES = [
    ("open", "To do"),
    ("gegeven", "Given"),
    ("niet_toegestaan", "Not allowed"),
]

FEEDBACK_EXCEPTIONS = [
    ("strafrechtelijk", "A criminal investigation forbids it"),
    ("veiligheid", "Safety forbids it"),
]

# Fields of a melding that its termijnen are computed from.
DEADLINE_TRIGGERS = {
    "date_received",
    "acuut_volgens_melder",
    "dossier_id",
    "handled_without_dossier",
    "date_handled",
    "melder_anonymous",
    "organisation_id",
    "active",
    "feedback_state",
    "feedback_date",
    "feedback_exception",
}

MELDING_STATES = [
    ("nieuw", "Received"),
    ("in_behandeling", "In progress"),
    ("afgerond", "Completed"),
]


class KetenMelding(models.Model):
    """A signal or report (melding). Every entry point of the chain can register one."""

    _name = "keten.melding"
    _description = "Melding"
    _inherit = [
        "keten.mail.privacy.mixin",
        "mail.activity.mixin",
        "keten.access.logged.mixin",
        "keten.guidance.mixin",
        "keten.domain.guard.mixin",
        "keten.rectification.mixin",
        "keten.validation.mixin",
    ]
    _guidance_stage_xmlid = "ketenaanpak_mensenhandel.stage_melding_ontvangen"
    # The melder's data: corrections need a reason and are recorded (AVG art. 16).
    _rectification_fields = (
        "melder_anonymous",
        "melder_person_id",
        *MELDER_FIELDS,
    )
    _order = "date_received desc, id desc"
    _keten_mail_reference_field = "name"

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index=True,
    )
    date_received = fields.Datetime(
        string="Received",
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the signal or melding arrived.",
    )
    channel = fields.Selection(
        CHANNELS,
        required=True,
        default="telefoon",
        tracking=True,
        help="How the melding came in.",
    )
    category = fields.Selection(
        CATEGORIES,
        required=True,
        default="melding",
        tracking=True,
        help="Adviesvraag: a professional asks for advice. Signaal: a concern without "
        "a concrete report. Melding: a report about a (possible) situation of human "
        "trafficking.",
    )
    organisation_id = fields.Many2one(
        "keten.organisation",
        string="Receiving organisation",
        default=lambda self: self.env.user.keten_organisation_ids[:1],
        index=True,
        tracking=True,
        help="The organisation at which the signal arrived and that registers it.",
    )
    registered_by_id = fields.Many2one(
        "res.users",
        string="Registered by",
        default=lambda self: self.env.user,
        readonly=True,
    )
    source_type = fields.Selection(
        SOURCE_TYPES,
        string="Source",
        default="professional",
        help="Who the information comes from.",
    )
    source_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Source organisation",
        help="The partner the signal came from, if it came via a partner.",
    )
    source_organisation_kind = fields.Selection(
        related="source_organisation_id.kind",
        store=True,
        string="Source organisation kind",
    )
    # Melder (reporter)
    melder_anonymous = fields.Boolean(
        string="Anonymous melder",
        help="Allowed, but not encouraged: an anonymous melder cannot be heard or "
        "receive feedback.",
    )
    melder_person_id = fields.Many2one(
        "keten.person",
        string="Melder (person)",
        help="The melder as a person in the system, when the melder may be contacted "
        "again.",
    )
    melder_name = fields.Char(
        help="Name of the melder. Anonymous is allowed, but not encouraged."
    )
    melder_organisation_name = fields.Char(string="Melder's organisation")
    melder_role = fields.Char(
        string="Melder's role", help="E.g. wijkagent, docent, huisarts."
    )
    melder_phone = fields.Char(
        help="How the meldpunt can reach the melder for questions and feedback."
    )
    melder_email = fields.Char(
        help="How the meldpunt can reach the melder for questions and feedback."
    )
    # About whom
    is_situatieschets = fields.Boolean(
        string="Situatieschets",
        help="A description of the situation without naming victims or offenders "
        "(secondary partners may only hand in this).",
    )
    person_ids = fields.Many2many(
        "keten.person",
        "keten_melding_person_rel",
        "melding_id",
        "person_id",
        string="About",
        help="The person(s) the melding is about.",
    )
    suspect_ids = fields.Many2many(
        "keten.person",
        "keten_melding_suspect_rel",
        "melding_id",
        "person_id",
        string="Possible offenders",
    )
    content = fields.Text(required=True, help="Short content of the melding.")
    verschijningsvorm_ids = fields.Many2many(
        "keten.verschijningsvorm",
        "keten_melding_vorm_rel",
        "melding_id",
        "vorm_id",
        string="Verschijningsvormen",
        help="Forms of exploitation; choose Onbekend when it is not yet clear.",
    )
    location_address = fields.Char(
        string="Place of exploitation",
        help="Address of the location of exploitation, if known.",
    )
    location_type = fields.Selection(
        LOCATION_TYPES,
        default="onbekend",
        help="The kind of place where the exploitation takes place.",
    )
    gemeente_uitbuiting_id = fields.Many2one(
        "keten.gemeente",
        string="Gemeente van uitbuiting",
        help="Where the exploitation takes place. It can differ from the "
        "woongemeente: cases cross municipal borders.",
    )
    woongemeente_id = fields.Many2one(
        "keten.gemeente",
        help="Where the person it is about lives.",
    )
    period_description = fields.Char(
        string="Period", help="When and for how long the exploitation takes place."
    )
    frequency = fields.Selection(
        FREQUENCIES, default="onbekend", help="How often it happens."
    )
    nr_victims = fields.Integer(
        string="Number of victims", default=1, help="Number of (possible) victims."
    )
    nr_offenders = fields.Integer(
        string="Number of offenders", help="Number of (possible) offenders."
    )
    hulpverlening_betrokken = fields.Boolean(
        string="Hulpverlening betrokken",
        help="Is care (hulpverlening) already involved with the person?",
    )
    politie_gebeld = fields.Boolean(
        string="Politie gebeld", help="Has the police been called?"
    )
    zorgcoordinator_betrokken = fields.Boolean(
        string="Zorgcoördinator betrokken",
        help="Is a zorgcoördinator already involved? If so, first enrich the dossier "
        "with the information the zorgcoördinator has.",
    )
    acuut_volgens_melder = fields.Boolean(
        string="Acute according to melder",
        help="The melder considers the situation acute: 1e weging the same working day.",
    )
    # Follow-up
    dossier_id = fields.Many2one(
        "keten.dossier",
        index=True,
        tracking=True,
        copy=False,
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
    )
    handled_without_dossier = fields.Boolean(
        copy=False, groups="ketenaanpak_mensenhandel.group_ketenpartner"
    )
    handling_note = fields.Text(
        string="Handling", groups="ketenaanpak_mensenhandel.group_ketenpartner"
    )
    date_handled = fields.Date(
        string="Handled on",
        readonly=True,
        copy=False,
        help="When the melding was handled without a dossier; its bewaartermijn "
        "starts here.",
    )
    # Terugkoppeling to the melder
    feedback_state = fields.Selection(
        FEEDBACK_STATES,
        string="Terugkoppeling",
        default="open",
        required=True,
        tracking=True,
        copy=False,
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
        help="The melder is told about the follow-up within the termijn after the "
        "kwalificatie, unless a criminal investigation or safety forbids it.",
    )
    feedback_date = fields.Date(
        string="Terugkoppeling on",
        tracking=True,
        copy=False,
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
    )
    feedback_by_id = fields.Many2one(
        "res.users",
        string="Terugkoppeling by",
        readonly=True,
        copy=False,
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
    )
    feedback_note = fields.Text(
        string="What the melder was told",
        copy=False,
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
        help="Only what may be shared: that the signal is followed up, not what is "
        "in the dossier.",
    )
    feedback_exception = fields.Selection(
        FEEDBACK_EXCEPTIONS,
        string="Why no terugkoppeling",
        tracking=True,
        copy=False,
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
    )
    feedback_exception_note = fields.Text(
        string="Reason",
        copy=False,
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
        help="Who decided that the melder is not told, and why.",
    )
    deadline_ids = fields.One2many(
        "keten.deadline",
        "melding_id",
        string="Termijnen",
        readonly=True,
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
    )
    next_deadline_date = fields.Date(
        string="Next deadline",
        compute="_compute_next_deadline_date",
        store=True,
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
        help="The earliest deadline of the open termijnen of this melding (1e "
        "weging, terugkoppeling).",
    )
    is_anonymised = fields.Boolean(readonly=True, copy=False, index=True)
    anonymised_date = fields.Datetime(readonly=True, copy=False)
    state = fields.Selection(
        MELDING_STATES, compute="_compute_state", store=True, tracking=True, index=True
    )
    active = fields.Boolean(default=True)

    @api.depends("dossier_id", "dossier_id.is_closed", "handled_without_dossier")
    def _compute_state(self):
        for melding in self:
            if melding.handled_without_dossier or melding.dossier_id.is_closed:
                melding.state = "afgerond"
            elif melding.dossier_id:
                melding.state = "in_behandeling"
            else:
                melding.state = "nieuw"

    @api.depends("deadline_ids.state", "deadline_ids.date_deadline")
    def _compute_next_deadline_date(self):
        for melding in self:
            days = [d.date_deadline for d in melding.deadline_ids if d.state == "open"]
            melding.next_deadline_date = min(days) if days else False

    @api.constrains(
        "feedback_state",
        "feedback_date",
        "feedback_exception",
        "feedback_exception_note",
        "melder_anonymous",
    )
    def _check_feedback(self):
        if self._is_anonymising():
            return
        today = fields.Date.context_today(self)
        for melding in self.sudo():
            state = melding.feedback_state
            if state != "open" and melding.melder_anonymous:
                raise ValidationError(
                    self.env._(
                        "Melding %(ref)s has an anonymous melder: there is nobody to "
                        "give terugkoppeling to.",
                        ref=melding.name,
                    )
                )
            if state != "open" and not melding.feedback_date:
                raise ValidationError(
                    self.env._(
                        "Give the date of the terugkoppeling or of the decision."
                    )
                )
            if melding.feedback_date and melding.feedback_date > today:
                raise ValidationError(
                    self.env._("The terugkoppeling cannot be dated in the future.")
                )
            if (
                melding.feedback_date
                and melding.date_received
                and melding.feedback_date
                < fields.Datetime.context_timestamp(
                    melding, melding.date_received
                ).date()
            ):
                raise ValidationError(
                    self.env._(
                        "The terugkoppeling cannot be dated before the melding was "
                        "received."
                    )
                )
            if state == "niet_toegestaan" and not (
                melding.feedback_exception
                and (melding.feedback_exception_note or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "No terugkoppeling: record whether a criminal investigation or "
                        "safety forbids it, and the reason."
                    )
                )
            if state == "gegeven" and melding.feedback_exception:
                raise ValidationError(
                    self.env._(
                        "A terugkoppeling that was given has no reason for not giving "
                        "it: clear 'Why no terugkoppeling'."
                    )
                )

    @api.constrains("date_received")
    def _check_date_received(self):
        now = fields.Datetime.now()
        for melding in self:
            if melding.date_received and melding.date_received > now:
                raise ValidationError(
                    self.env._("A melding cannot be received in the future.")
                )

    @api.constrains("nr_victims", "nr_offenders")
    def _check_counts(self):
        for melding in self:
            if melding.nr_victims < 0 or melding.nr_offenders < 0:
                raise ValidationError(
                    self.env._(
                        "The number of victims and offenders cannot be negative."
                    )
                )

    @api.constrains(
        "melder_anonymous",
        "melder_person_id",
        "melder_name",
        "melder_email",
        "melder_phone",
        "melder_organisation_name",
    )
    def _check_melder(self):
        if self._is_anonymising():
            return  # after the bewaartermijn nobody knows who reported it
        for melding in self:
            if melding.melder_anonymous:
                if (
                    melding.melder_person_id
                    or melding.melder_name
                    or melding.melder_email
                    or melding.melder_phone
                ):
                    raise ValidationError(
                        self.env._(
                            "An anonymous melding has no name, phone or e-mail of the "
                            "melder."
                        )
                    )
            elif not (
                melding.melder_person_id
                or melding.melder_name
                or melding.melder_email
                or melding.melder_phone
                or melding.melder_organisation_name
            ):
                raise ValidationError(
                    self.env._(
                        "Record who reported this melding (name, organisation, phone or "
                        "e-mail), or mark the melder as anonymous."
                    )
                )
            self._ensure_valid_contact(melding.melder_email, melding.melder_phone)

    @api.constrains("is_situatieschets", "person_ids", "suspect_ids")
    def _check_situatieschets(self):
        for melding in self:
            if melding.is_situatieschets and (
                melding.person_ids or melding.suspect_ids
            ):
                raise ValidationError(
                    self.env._(
                        "A situatieschets names no victims or offenders: remove the persons."
                    )
                )

    @api.constrains("dossier_id", "handled_without_dossier")
    def _check_handling(self):
        for melding in self.sudo():
            if melding.dossier_id and melding.handled_without_dossier:
                raise ValidationError(
                    self.env._(
                        "Melding %(ref)s belongs to a dossier and cannot be handled "
                        "without one as well.",
                        ref=melding.name,
                    )
                )

    @api.onchange("melder_anonymous")
    def _onchange_melder_anonymous(self):
        if self.melder_anonymous:
            self.melder_person_id = False
            self.melder_name = False
            self.melder_email = False
            self.melder_phone = False

    @api.model
    def _ensure_link_access(self, vals_list):
        """The dossier and persons a melding links to must be accessible already;
        a restricted person gets no new melding (AVG art. 18)."""
        person_ids = set()
        for vals in vals_list:
            person_ids |= linked_ids(vals.get("person_ids"))
            person_ids |= linked_ids(vals.get("suspect_ids"))
            if vals.get("melder_person_id"):
                person_ids.add(vals["melder_person_id"])
        existing = self.sudo()
        existing = (
            existing.person_ids | existing.suspect_ids | existing.melder_person_id
        )
        Person = self.env["keten.person"]
        Person.browse(person_ids - set(existing.ids))._ensure_not_restricted()
        if self.env.su:
            return
        self.env["keten.dossier"]._ensure_link_access(
            {vals["dossier_id"] for vals in vals_list if vals.get("dossier_id")}
        )
        Person._ensure_link_access(person_ids)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # create() does not check field groups: a Melder may not set dossier_id.
            self.check_field_access_rights(
                "write", list({fname for vals in vals_list for fname in vals})
            )
        self._ensure_link_access(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("keten.melding") or "/"
                )
        meldingen = super().create(vals_list)
        meldingen._attach_to_open_dossier()
        self.env["keten.deadline"]._sync_for_records(meldingen)
        return meldingen

    def write(self, vals):
        self._ensure_link_access([vals])
        result = super().write(vals)
        if "person_ids" in vals or "suspect_ids" in vals:
            self._attach_to_open_dossier()
        if set(vals) & DEADLINE_TRIGGERS:
            self.env["keten.deadline"]._sync_for_records(self)
        return result

    def _deadline_subjects(self):
        """(termijn code, subjects) that a change of these meldingen bears on."""
        return [("eerste_weging", self), ("terugkoppeling", self)]

    def _attach_to_open_dossier(self):
        """A melding about a person who already has an open dossier joins that dossier.

        Runs as superuser: the registering user (often a melder) may not see the
        dossier and learns nothing about it.
        """
        for melding in self.sudo():
            if melding.dossier_id or melding.handled_without_dossier:
                continue
            persons = melding.person_ids | melding.suspect_ids
            if not persons:
                continue
            link = (
                self.env["keten.dossier.person"]
                .sudo()
                .search(
                    [
                        ("person_id", "in", persons.ids),
                        ("dossier_id.is_closed", "=", False),
                    ],
                    order="dossier_id desc",
                    limit=1,
                )
            )
            if link:
                link.dossier_id._add_melding(melding)

    def _rectification_person(self):
        return self.melder_person_id

    def _rectification_ref(self):
        self.ensure_one()
        return self.name

    def _ensure_dossier_rights(self):
        """The dossier behind a melding is for Ketenpartners, not for a Melder."""
        if not self.env.su and not self.env.user.has_group(
            "ketenaanpak_mensenhandel.group_ketenpartner"
        ):
            raise AccessError(
                self.env._("Only chain partners work on the dossier of a melding.")
            )

    def _anonymise(self, reason):
        """Anonymise these meldingen only (retention of meldingen handled without a
        dossier, AVG); see keten.dossier._anonymise for a whole dossier."""
        return dict(
            self.env["keten.retention"]._anonymise(meldingen=self, reason=reason)
        )

    def action_create_dossier(self):
        """Create the cliëntdossier for this melding, or add it to the open one."""
        self.ensure_one()
        self._ensure_dossier_rights()
        if self.dossier_id:
            raise UserError(self.env._("This melding already belongs to a dossier."))
        self._attach_to_open_dossier()
        if not self.dossier_id:
            dossier = self.env["keten.dossier"].create(self._prepare_dossier_values())
            dossier._add_melding(self)
        return self.action_open_dossier()

    def _prepare_dossier_values(self):
        self.ensure_one()
        meldpunt = self.env["keten.organisation"].search(
            [("is_meldpunt", "=", True)], limit=1
        )
        return {
            "verschijningsvorm_ids": [(6, 0, self.verschijningsvorm_ids.ids)],
            "woongemeente_id": self.woongemeente_id.id
            or self.person_ids[:1].woongemeente_id.id,
            "gemeente_uitbuiting_id": self.gemeente_uitbuiting_id.id,
            "meldpunt_organisation_id": meldpunt.id,
            "registering_organisation_id": self.organisation_id.id,
            "urgency": "2" if self.acuut_volgens_melder else "0",
            "summary": self.content and self.content[:500],
        }

    def action_open_dossier(self):
        self.ensure_one()
        self._ensure_dossier_rights()
        return {
            "type": "ir.actions.act_window",
            "res_model": "keten.dossier",
            "res_id": self.dossier_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def _ensure_feedback_possible(self):
        self._ensure_dossier_rights()
        for melding in self:
            if melding.melder_anonymous:
                raise UserError(
                    self.env._(
                        "Melding %(ref)s has an anonymous melder: there is nobody to "
                        "give terugkoppeling to.",
                        ref=melding.name,
                    )
                )

    def action_feedback_given(self):
        """Terugkoppeling given to the melder (today unless a date is filled in)."""
        self._ensure_feedback_possible()
        today = fields.Date.context_today(self)
        for melding in self:
            melding.write(
                {
                    "feedback_state": "gegeven",
                    "feedback_date": melding.feedback_date or today,
                    "feedback_by_id": self.env.user.id,
                    "feedback_exception": False,
                }
            )
        return True

    def action_feedback_not_allowed(self):
        """No terugkoppeling: a criminal investigation or safety forbids it; the
        reason is recorded instead."""
        self._ensure_feedback_possible()
        today = fields.Date.context_today(self)
        for melding in self:
            if (
                not melding.feedback_exception
                or not (melding.feedback_exception_note or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "Fill in why no terugkoppeling is given (criminal investigation "
                        "or safety) and the reason first."
                    )
                )
            melding.write(
                {
                    "feedback_state": "niet_toegestaan",
                    "feedback_date": melding.feedback_date or today,
                    "feedback_by_id": self.env.user.id,
                }
            )
        return True

    def action_feedback_reset(self):
        """Back to 'to do', e.g. once the criminal investigation allows it."""
        self._ensure_dossier_rights()
        self.write(
            {
                "feedback_state": "open",
                "feedback_date": False,
                "feedback_by_id": False,
            }
        )
        return True

    def action_handle_without_dossier(self):
        """Close an adviesvraag or signal that needs no dossier; the note is required."""
        self._ensure_dossier_rights()
        for melding in self:
            if melding.dossier_id:
                raise UserError(
                    self.env._(
                        "Melding %(ref)s belongs to a dossier.", ref=melding.name
                    )
                )
            if not melding.handling_note:
                raise UserError(
                    self.env._(
                        "Record in 'Handling' how melding %(ref)s was handled before "
                        "closing it without a dossier.",
                        ref=melding.name,
                    )
                )
        self.write(
            {
                "handled_without_dossier": True,
                "date_handled": fields.Date.context_today(self),
            }
        )
        for melding in self:
            melding.message_post(
                body=Markup("<p>%s</p>") % self.env._("Handled without a dossier.")
            )
        return True
