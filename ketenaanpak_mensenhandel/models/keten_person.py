from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.person_data import (
    AGE_GROUPS,
    age_group,
    age_on,
    bsn_is_valid,
    normalise_bsn,
    normalise_name,
)

# The personal data of a person that identifies or describes them: corrections
# need a reason (rectificatie), the inzage report and the processing register
# list them.
PERSONAL_FIELDS = (
    "first_name",
    "name_prefix",
    "last_name",
    "known_as",
    "birth_date",
    "gender",
    "nationality_id",
    "bsn",
    "street",
    "zip",
    "city",
    "woongemeente_id",
    "phone",
    "email",
)

GENDERS = [
    ("vrouw", "Female"),
    ("man", "Male"),
    ("x", "X / other"),
    ("onbekend", "Unknown"),
]

NATIONALITY_GROUPS = [
    ("nl", "NL"),
    ("eu", "EU"),
    ("non_eu", "Non-EU"),
    ("onbekend", "Unknown"),
]


class KetenPerson(models.Model):
    """A person in the chain: victim, suspect, reporter, network.

    Never a res.partner: every internal user of a municipality's Odoo can read
    contacts. Persons are visible only through dossiers and meldingen that the
    user may see (``access_organisation_ids``).
    """

    _name = "keten.person"
    _description = "Persoon"
    _inherit = [
        "keten.mail.privacy.mixin",
        "mail.activity.mixin",
        "keten.access.logged.mixin",
        "keten.domain.guard.mixin",
        "keten.rectification.mixin",
        "keten.validation.mixin",
    ]
    _order = "last_name, first_name, id"
    _rec_names_search = ["name", "known_as"]
    _identifying_fields = (
        "name",
        "first_name",
        "name_prefix",
        "last_name",
        "known_as",
        "normalized_name",
        "birth_date",
        "bsn",
        "street",
        "zip",
        "phone",
        "email",
    )

    # Removed by anonymisation; gender, nationality and woongemeente stay for the
    # statistics.
    _anonymised_fields = (
        "first_name",
        "name_prefix",
        "last_name",
        "known_as",
        "birth_date",
        "bsn",
        "street",
        "zip",
        "city",
        "phone",
        "email",
        "note",
    )

    # Changes of these need a reason (rectificatie, AVG art. 16) and are recorded.
    _rectification_fields = PERSONAL_FIELDS
    _rectification_empty = {"gender": "onbekend"}

    name = fields.Char(compute="_compute_name", store=True, index="trigram")
    first_name = fields.Char(tracking=True)
    name_prefix = fields.Char(string="Tussenvoegsel", tracking=True)
    last_name = fields.Char(tracking=True)
    known_as = fields.Char(
        string="Known as", help="Roepnaam, alias or nickname.", tracking=True
    )
    birth_date = fields.Date(tracking=True)
    age = fields.Integer(compute="_compute_age")
    age_group = fields.Selection(AGE_GROUPS, compute="_compute_age")
    gender = fields.Selection(GENDERS, default="onbekend", required=True, tracking=True)
    nationality_id = fields.Many2one("res.country", tracking=True)
    nationality_group = fields.Selection(
        NATIONALITY_GROUPS, compute="_compute_nationality_group", store=True
    )
    bsn = fields.Char(string="BSN", tracking=True, copy=False)
    street = fields.Char(tracking=True)
    zip = fields.Char(tracking=True)
    city = fields.Char(tracking=True)
    woongemeente_id = fields.Many2one("keten.gemeente", tracking=True)
    phone = fields.Char(tracking=True)
    email = fields.Char(tracking=True)
    note = fields.Text(string="Notes")
    dossier_link_ids = fields.One2many(
        "keten.dossier.person",
        "person_id",
        string="Dossier roles",
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
    )
    melding_ids = fields.Many2many(
        "keten.melding",
        "keten_melding_person_rel",
        "person_id",
        "melding_id",
        string="Meldingen about this person",
    )
    melder_melding_ids = fields.One2many(
        "keten.melding", "melder_person_id", string="Meldingen reported by this person"
    )
    suspect_melding_ids = fields.Many2many(
        "keten.melding",
        "keten_melding_suspect_rel",
        "person_id",
        "melding_id",
        string="Meldingen naming this person as possible offender",
    )
    dossier_count = fields.Integer(
        compute="_compute_dossier_count",
        compute_sudo=False,
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
    )
    melding_organisation_ids = fields.Many2many(
        "keten.organisation",
        "keten_person_melding_org_rel",
        "person_id",
        "organisation_id",
        compute="_compute_access_organisation_ids",
        store=True,
        string="Registered by",
        help="Organisations that registered a melding about, by or naming this "
        "person. A Melder sees a person through these only, never through a "
        "dossier.",
    )
    access_organisation_ids = fields.Many2many(
        "keten.organisation",
        "keten_person_access_org_rel",
        "person_id",
        "organisation_id",
        compute="_compute_access_organisation_ids",
        store=True,
        string="Visible to",
        help="Organisations involved in a dossier or melding about this person.",
    )
    normalized_name = fields.Char(
        compute="_compute_normalized_name", store=True, index="trigram"
    )
    birth_year = fields.Integer(compute="_compute_birth_year", store=True, index=True)
    is_anonymised = fields.Boolean(readonly=True, copy=False)
    anonymised_date = fields.Datetime(readonly=True, copy=False)
    active = fields.Boolean(default=True)
    # AVG art. 18: a restricted person is frozen, no change and no new link.
    is_restricted = fields.Boolean(
        string="Restricted (AVG art. 18)", readonly=True, copy=False, index=True
    )
    restriction_request_id = fields.Many2one(
        "keten.avg.request", string="Restricted by", readonly=True, copy=False
    )
    consent_ids = fields.One2many(
        "keten.consent",
        "person_id",
        string="Consents",
        groups="ketenaanpak_mensenhandel.group_ketenpartner,"
        "ketenaanpak_mensenhandel.group_privacy",
    )
    rectification_ids = fields.One2many(
        "keten.rectification",
        "person_id",
        string="Changes of personal data",
        groups="ketenaanpak_mensenhandel.group_privacy",
    )
    avg_request_ids = fields.One2many(
        "keten.avg.request",
        "person_id",
        string="AVG requests",
        groups="ketenaanpak_mensenhandel.group_privacy",
    )

    _sql_constraints = [
        (
            "bsn_uniq",
            "unique(bsn)",
            "Another person already has this BSN: use that person instead.",
        ),
    ]

    @api.depends("first_name", "name_prefix", "last_name", "is_anonymised")
    def _compute_name(self):
        for person in self:
            if person.is_anonymised:
                # in the region's language, not the language of who anonymised
                region = self.env["keten.retention"]._region_env()
                person.name = region._("Anonymised person %(ref)s", ref=person.id)
                continue
            parts = [person.first_name, person.name_prefix, person.last_name]
            person.name = " ".join(p.strip() for p in parts if p and p.strip()) or False

    @api.depends("first_name", "name_prefix", "last_name")
    def _compute_normalized_name(self):
        for person in self:
            person.normalized_name = (
                normalise_name(person.first_name, person.name_prefix, person.last_name)
                or False
            )

    @api.depends("birth_date")
    def _compute_birth_year(self):
        for person in self:
            person.birth_year = person.birth_date.year if person.birth_date else 0

    @api.depends("birth_date")
    def _compute_age(self):
        for person in self:
            age = age_on(person.birth_date)
            person.age = age or 0
            person.age_group = age_group(age)

    @api.depends("nationality_id")
    def _compute_nationality_group(self):
        eu = self.env.ref("base.europe", raise_if_not_found=False)
        netherlands = self.env.ref("base.nl", raise_if_not_found=False)
        for person in self:
            country = person.nationality_id
            if not country:
                person.nationality_group = "onbekend"
            elif country == netherlands:
                person.nationality_group = "nl"
            elif eu and country in eu.country_ids:
                person.nationality_group = "eu"
            else:
                person.nationality_group = "non_eu"

    @api.depends(
        "dossier_link_ids.dossier_id.involved_organisation_ids",
        "melding_ids.organisation_id",
        "melding_ids.dossier_id.involved_organisation_ids",
        "melder_melding_ids.organisation_id",
        "melder_melding_ids.dossier_id.involved_organisation_ids",
        "suspect_melding_ids.organisation_id",
        "suspect_melding_ids.dossier_id.involved_organisation_ids",
    )
    def _compute_access_organisation_ids(self):
        for person in self:
            meldingen = (
                person.melding_ids
                | person.melder_melding_ids
                | person.suspect_melding_ids
            )
            person.melding_organisation_ids = meldingen.organisation_id
            person.access_organisation_ids = (
                person.dossier_link_ids.dossier_id.involved_organisation_ids
                | meldingen.organisation_id
                | meldingen.dossier_id.involved_organisation_ids
            )

    def _compute_dossier_count(self):
        counts = {
            person.id: count
            for person, count in self.env["keten.dossier.person"]._read_group(
                [("person_id", "in", self.ids)],
                ["person_id"],
                ["dossier_id:count_distinct"],
            )
        }
        for person in self:
            person.dossier_count = counts.get(person.id, 0)

    @api.constrains("bsn")
    def _check_bsn(self):
        for person in self:
            if person.bsn and not bsn_is_valid(person.bsn):
                raise ValidationError(
                    self.env._(
                        "BSN %(bsn)s is not valid: it does not pass the 11-proef.",
                        bsn=person.bsn,
                    )
                )

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = fields.Date.context_today(self)
        for person in self:
            if person.birth_date and person.birth_date > today:
                raise ValidationError(
                    self.env._("A birth date cannot be in the future.")
                )
            if person.birth_date and person.birth_date.year < 1900:
                raise ValidationError(
                    self.env._("A birth date before 1900 is not plausible.")
                )

    @api.constrains("first_name", "last_name", "known_as", "is_anonymised")
    def _check_some_name(self):
        for person in self:
            if not person.is_anonymised and not (
                person.first_name or person.last_name or person.known_as
            ):
                raise ValidationError(
                    self.env._("Give at least a first name, a last name or an alias.")
                )

    @api.constrains("email", "phone")
    def _check_contact(self):
        for person in self:
            self._ensure_valid_contact(person.email, person.phone)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("bsn"):
                vals["bsn"] = normalise_bsn(vals["bsn"])
        persons = super().create(vals_list)
        # constraints run for the fields given; a person given no name at all too
        persons._check_some_name()
        return persons

    def write(self, vals):
        if vals.get("bsn"):
            vals["bsn"] = normalise_bsn(vals["bsn"])
        if "is_anonymised" in vals and not self._is_anonymising():
            raise UserError(
                self.env._(
                    "Persons are anonymised by the retention job or an AVG request, "
                    "not by hand."
                )
            )
        if not self._is_anonymising():
            self._ensure_restriction_allows(vals)
        if any(vals.get(name) for name in self._anonymised_fields) and any(
            self.mapped("is_anonymised")
        ):
            raise UserError(
                self.env._(
                    "An anonymised person is not given identifying data again: "
                    "register a new person instead."
                )
            )
        return super().write(vals)

    @api.model
    def _ensure_link_access(self, person_ids):
        """Refuse to link persons the user may not read to a melding or dossier.

        Call it before writing: the new link would make the person visible to
        the user's organisation.
        """
        if not self.env.su and person_ids:
            self.browse(list(person_ids)).check_access("read")

    def _ensure_not_restricted(self):
        """Refuse a new link to a restricted person (AVG art. 18)."""
        if self._is_anonymising():
            return
        restricted = self.sudo().filtered("is_restricted")
        if restricted:
            raise UserError(
                self.env._(
                    "%(refs)s is restricted (AVG art. 18): no new melding, dossier "
                    "role, intervention or consent can be linked until a Beheerder "
                    "lifts the restriction.",
                    refs=", ".join(f"P-{person.id}" for person in restricted),
                )
            )

    def _ensure_restriction_allows(self, vals):
        """A restricted person is frozen; only the AVG request lifts it."""
        if "is_restricted" in vals or "restriction_request_id" in vals:
            if not (self.env.su and self.env.context.get("keten_restriction")):
                raise UserError(
                    self.env._(
                        "A restriction is set and lifted through an AVG request "
                        "(four eyes), not by hand."
                    )
                )
            return
        data = [name for name in vals if not name.startswith(("message_", "activity_"))]
        restricted = self.sudo().filtered("is_restricted")
        if data and restricted:
            raise UserError(
                self.env._(
                    "%(refs)s is restricted (AVG art. 18) since request %(request)s: "
                    "the data cannot be changed until the restriction is lifted.",
                    refs=", ".join(f"P-{person.id}" for person in restricted),
                    request=restricted[:1].restriction_request_id.name or "-",
                )
            )

    def _consenting_to(self, organisation, day):
        """The persons among these with a consent given to ``organisation`` on or
        before ``day`` and not withdrawn by then."""
        consents = (
            self.env["keten.consent"]
            .sudo()
            .search(
                [
                    ("person_id", "in", self.ids),
                    ("organisation_id", "=", organisation.id),
                    ("date_given", "<=", day),
                    "|",
                    ("date_withdrawn", "=", False),
                    ("date_withdrawn", ">", day),
                ]
            )
        )
        return consents.person_id

    def _rectification_person(self):
        return self

    def _rectification_ref(self):
        self.ensure_one()
        return f"P-{self.id}"

    def action_new_avg_request(self):
        """Register a request of this person (privacy officer, Beheerder)."""
        self.ensure_one()
        self.env["keten.avg.request"].check_access("create")
        return {
            "type": "ir.actions.act_window",
            "res_model": "keten.avg.request",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_person_id": self.id,
                "default_person_found": "found",
            },
        }

    def action_open_access_log(self):
        """Who viewed this person (ketenregie, Beheerder, privacy officer)."""
        return self._access_log_action(
            [("person_res_id", "=", self.id)], self.env._("Who viewed")
        )

    def _anonymise(self, reason):
        """Anonymise these persons now (AVG erasure): identifying data, their chatter,
        files and who-viewed entries are removed; gender, nationality and
        woongemeente stay, as do the frozen figures of their dossier roles.
        Idempotent; runs as superuser; returns a summary of what was removed."""
        return dict(self.env["keten.retention"]._anonymise_persons(self, reason))

    def action_open_dossiers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ketenaanpak_mensenhandel.keten_dossier_action"
        )
        action["domain"] = [("person_link_ids.person_id", "=", self.id)]
        action["context"] = {}
        return action
