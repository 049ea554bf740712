from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.person_data import age_on

CONSENT_PURPOSES = [
    ("comensha", "Registration with CoMensha"),
    ("sharing", "Sharing with a partner"),
    ("other", "Other"),
]

CONSENT_GIVERS = [
    ("self", "The person themselves"),
    ("parent", "Parent (ouder met gezag)"),
    ("guardian", "Guardian (voogd)"),
    ("representative", "Legal representative (curator, mentor)"),
]

# UAVG art. 5: under 16 a person's consent is given by whoever has parental
# authority; from 16 the person gives it themselves.
CONSENT_AGE = 16

# Without a birth date the user states the age when the consent is recorded.
AGE_STATEMENTS = [
    ("16_plus", "16 or older"),
    ("under_16", "Younger than 16"),
]


class KetenConsent(models.Model):
    """Consent of a person where consent is the basis of a processing, e.g. the
    registration of a victim with CoMensha (written, signed by the victim from
    16, by a parent or guardian below). A withdrawn consent stops future
    sharing on it; it does not undo what was shared before (AVG art. 7(3))."""

    _name = "keten.consent"
    _description = "Consent"
    _inherit = ["keten.mail.privacy.mixin", "keten.validation.mixin"]
    _order = "date_given desc, id desc"

    person_id = fields.Many2one(
        "keten.person", required=True, ondelete="cascade", index=True
    )
    purpose = fields.Selection(
        CONSENT_PURPOSES, required=True, default="comensha", tracking=True
    )
    organisation_id = fields.Many2one(
        "keten.organisation",
        string="Recipient",
        tracking=True,
        help="The organisation the person consents to share with, e.g. CoMensha.",
    )
    purpose_note = fields.Char(
        string="What for", help="The purpose as stated on the consent form."
    )
    date_given = fields.Date(
        string="Given on",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    given_by = fields.Selection(
        CONSENT_GIVERS,
        string="Signed by",
        required=True,
        default="self",
        tracking=True,
        help="From 16 the person signs themselves; younger, a parent or guardian.",
    )
    given_by_name = fields.Char(
        string="Name of the signer", help="When somebody else signed for the person."
    )
    written = fields.Boolean(
        string="In writing",
        default=True,
        help="Registration with CoMensha needs written consent.",
    )
    document = fields.Binary(string="Signed form", attachment=True)
    document_name = fields.Char()
    date_withdrawn = fields.Date(string="Withdrawn on", tracking=True)
    withdrawal_note = fields.Char(string="Withdrawal")
    age_when_given = fields.Integer(
        string="Age when consenting", compute="_compute_age_when_given"
    )
    birth_date_known = fields.Boolean(
        string="Birth date known", compute="_compute_age_when_given"
    )
    age_statement = fields.Selection(
        AGE_STATEMENTS,
        string="Age when consenting (stated)",
        tracking=True,
        help="When the birth date of the person is unknown, state whether they "
        "were 16 or older when consenting: from 16 the person signs themselves, "
        "younger a parent or guardian (UAVG art. 5). Recorded with the consent.",
    )
    comensha_name_allowed = fields.Boolean(
        string="Name may be passed on",
        tracking=True,
        help="Registration with CoMensha: the person agrees that their name is "
        "passed on. Without it the registration goes without a name.",
    )
    state = fields.Selection(
        [("active", "Given"), ("withdrawn", "Withdrawn")],
        compute="_compute_state",
        store=True,
    )

    @api.depends("person_id.birth_date", "date_given")
    def _compute_age_when_given(self):
        for consent in self:
            age = age_on(consent.person_id.sudo().birth_date, consent.date_given)
            consent.age_when_given = age if age is not None else -1
            consent.birth_date_known = age is not None

    @api.depends("date_withdrawn")
    def _compute_state(self):
        for consent in self:
            consent.state = "withdrawn" if consent.date_withdrawn else "active"

    @api.constrains("date_given", "date_withdrawn")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for consent in self:
            if consent.date_given and consent.date_given > today:
                raise ValidationError(
                    self.env._("Consent cannot be given in the future.")
                )
            if consent.date_withdrawn and (
                consent.date_withdrawn < consent.date_given
                or consent.date_withdrawn > today
            ):
                raise ValidationError(
                    self.env._(
                        "Consent is withdrawn after it was given, and not in the "
                        "future."
                    )
                )

    @api.constrains(
        "given_by", "given_by_name", "date_given", "person_id", "age_statement"
    )
    def _check_signer(self):
        if self._is_anonymising():
            return
        for consent in self:
            age = consent.age_when_given
            ref = f"P-{consent.person_id.id}"
            if not consent.birth_date_known:
                consent._check_stated_age(ref)
            if consent.given_by == "self" and 0 <= age < CONSENT_AGE:
                raise ValidationError(
                    self.env._(
                        "%(ref)s was %(age)s when consenting: under 16 a parent or "
                        "guardian signs (UAVG art. 5).",
                        ref=ref,
                        age=age,
                    )
                )
            if consent.given_by in ("parent", "guardian") and age >= CONSENT_AGE:
                raise ValidationError(
                    self.env._(
                        "%(ref)s was %(age)s when consenting: from 16 the person "
                        "signs themselves (or a legal representative under "
                        "curatele or mentorschap).",
                        ref=ref,
                        age=age,
                    )
                )
            if consent.given_by != "self" and not consent.given_by_name:
                raise ValidationError(
                    self.env._("Record the name of who signed for the person.")
                )

    def _check_stated_age(self, ref):
        """Without a birth date the stated age decides who signs."""
        self.ensure_one()
        if self.given_by == "self" and not self.age_statement:
            raise ValidationError(
                self.env._(
                    "The birth date of %(ref)s is unknown: state whether the person "
                    "was 16 or older when consenting (Age when consenting). From 16 "
                    "the person signs themselves, younger a parent or guardian "
                    "(UAVG art. 5).",
                    ref=ref,
                )
            )
        if self.given_by == "self" and self.age_statement == "under_16":
            raise ValidationError(
                self.env._(
                    "%(ref)s was younger than 16 when consenting: a parent or "
                    "guardian signs (UAVG art. 5).",
                    ref=ref,
                )
            )
        if self.given_by in ("parent", "guardian") and self.age_statement == (
            "16_plus"
        ):
            raise ValidationError(
                self.env._(
                    "%(ref)s was 16 or older when consenting: the person signs "
                    "themselves (or a legal representative under curatele or "
                    "mentorschap).",
                    ref=ref,
                )
            )

    @api.constrains("purpose", "written", "organisation_id")
    def _check_purpose(self):
        for consent in self:
            if consent.purpose == "comensha" and not consent.written:
                raise ValidationError(
                    self.env._("Registration with CoMensha needs written consent.")
                )
            if consent.purpose in ("comensha", "sharing") and not (
                consent.organisation_id
            ):
                raise ValidationError(
                    self.env._("Record the organisation the person consents to.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        persons = self.env["keten.person"].browse(
            [vals["person_id"] for vals in vals_list if vals.get("person_id")]
        )
        persons._ensure_not_restricted()
        consents = super().create(vals_list)
        consents._sync_registrations()
        return consents

    def write(self, vals):
        if "person_id" in vals and not self.env.su:
            raise UserError(
                self.env._("A consent belongs to one person: record a new one.")
            )
        result = super().write(vals)
        if {"date_withdrawn", "purpose", "organisation_id", "date_given"} & set(vals):
            self._sync_registrations()
        return result

    def _sync_registrations(self):
        """The CoMensha registrations of these persons follow their consent."""
        comensha = self.filtered(lambda c: c.purpose == "comensha")
        if comensha and not self._is_anonymising():
            self.env["keten.comensha.registration"]._sync_for_persons(
                comensha.person_id
            )

    def action_withdraw(self):
        self.filtered(lambda c: not c.date_withdrawn).write(
            {"date_withdrawn": fields.Date.context_today(self)}
        )
        return True
