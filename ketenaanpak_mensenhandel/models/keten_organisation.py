from odoo import api, fields, models
from odoo.exceptions import ValidationError

ORGANISATION_KINDS = [
    ("gemeente", "Municipality"),
    ("zorg", "Care"),
    ("veiligheid", "Safety"),
    ("justitie", "Justice"),
    ("overig", "Other"),
]

MEMBERSHIPS = [
    ("ketenregieteam", "Ketenregieteam"),
    ("flexibele_schil", "Flexibele schil"),
    ("secundair", "Secondary partner (situatieschets only)"),
]


class KetenOrganisation(models.Model):
    """A partner organisation of the chain. People act for it in a role."""

    _name = "keten.organisation"
    _description = "Ketenpartner (organisation)"
    _inherit = ["mail.thread", "keten.validation.mixin"]
    _order = "membership_sequence, name"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(string="Short name", help="Short name, e.g. ZVH, OM, VT.")
    kind = fields.Selection(
        ORGANISATION_KINDS, required=True, default="zorg", tracking=True
    )
    membership = fields.Selection(
        MEMBERSHIPS, required=True, default="flexibele_schil", tracking=True
    )
    membership_sequence = fields.Integer(
        compute="_compute_membership_sequence", store=True
    )
    gemeente_id = fields.Many2one(
        "keten.gemeente",
        string="Municipality",
        help="For an organisation of kind gemeente: the municipality it is.",
    )
    is_meldpunt = fields.Boolean(
        string="Meldpunt",
        tracking=True,
        help="Runs the central meldpunt (Veilig Thuis); involved in every dossier "
        "it receives.",
    )
    is_procesregie = fields.Boolean(
        string="Procesregie",
        tracking=True,
        help="Holds process direction of the casusoverleg (Zorg- en Veiligheidshuis).",
    )
    is_justice = fields.Boolean(
        string="Justice partner",
        tracking=True,
        help="OM, politie or Arbeidsinspectie: its users may get the Justitie group.",
    )
    is_procesbegeleider = fields.Boolean(
        string="Provides procesbegeleiders",
        help="Has neutral procesbegeleiders for evaluations (e.g. RIEC).",
    )
    user_ids = fields.Many2many(
        "res.users",
        "keten_organisation_res_users_rel",
        "organisation_id",
        "user_id",
        string="Users",
        help="The Odoo users who act for this organisation.",
    )
    contact_user_id = fields.Many2one("res.users", string="Vaste vertegenwoordiger")
    deputy_user_id = fields.Many2one("res.users", string="Plaatsvervanger")
    email = fields.Char(string="Functional e-mail")
    phone = fields.Char(string="Functional phone")
    rasci_ids = fields.One2many("keten.rasci", "organisation_id", string="RASCI roles")
    verschijningsvorm_ids = fields.Many2many(
        "keten.verschijningsvorm",
        "keten_vorm_expert_org_rel",
        "organisation_id",
        "vorm_id",
        string="Expertise",
        help="Forms of exploitation for which this partner is invited.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    note = fields.Text()
    legal_basis_ids = fields.One2many(
        "keten.legal.basis",
        "organisation_id",
        string="Legal bases",
        help="On which basis this organisation may receive personal data of the "
        "chain: a convenant, a statutory task, consent, with the dates it is valid.",
    )
    legal_basis_state = fields.Selection(
        [
            ("valid", "Valid basis"),
            ("consent", "Consent per person"),
            ("expired", "Basis expired"),
            ("future", "Basis not yet valid"),
            ("missing", "No basis recorded"),
        ],
        string="Legal basis",
        compute="_compute_legal_basis_state",
        help="Today. Involving an organisation without a valid basis in a dossier "
        "asks for a reason, which is recorded.",
    )

    _sql_constraints = [
        ("name_uniq", "unique(name)", "An organisation with this name already exists."),
    ]

    @api.depends("membership")
    def _compute_membership_sequence(self):
        order = {key: index for index, (key, _label) in enumerate(MEMBERSHIPS)}
        for organisation in self:
            organisation.membership_sequence = order.get(organisation.membership, 99)

    @api.depends("legal_basis_ids.date_from", "legal_basis_ids.date_to")
    @api.depends_context("date")
    def _compute_legal_basis_state(self):
        today = fields.Date.context_today(self)
        for organisation in self:
            organisation.legal_basis_state = organisation._basis_state_on(today)

    def _valid_bases(self, day):
        self.ensure_one()
        return self.sudo().legal_basis_ids.filtered(
            lambda basis: basis._state_on(day) == "valid"
        )

    def _basis_state_on(self, day):
        self.ensure_one()
        bases = self.sudo().legal_basis_ids
        valid = self._valid_bases(day)
        if valid:
            if all(basis.basis_type == "toestemming" for basis in valid):
                return "consent"
            return "valid"
        if not bases:
            return "missing"
        if any(basis._state_on(day) == "expired" for basis in bases):
            return "expired"
        return "future"

    def _basis_problems(self, dossiers, day=None):
        """{(organisation, dossier): what is wrong} for sharing ``dossiers`` with
        these organisations on ``day`` (today): no basis valid then, or a basis
        of consent that a victim of the dossier has not given (or withdrew)."""
        day = day or fields.Date.context_today(self)
        _ = self.env._
        problems = {}
        dossiers = dossiers.sudo()
        for organisation in self.sudo():
            state = organisation._basis_state_on(day)
            if state in ("missing", "expired", "future"):
                bases = organisation.legal_basis_ids
                if state == "missing":
                    problem = _("no legal basis for sharing is recorded")
                elif state == "expired":
                    last = max(bases.filtered("date_to"), key=lambda b: b.date_to)
                    problem = _(
                        "its basis %(basis)s expired on %(date)s",
                        basis=last.name,
                        date=last.date_to.strftime("%d-%m-%Y"),
                    )
                else:
                    first = min(bases, key=lambda b: b.date_from)
                    problem = _(
                        "its basis %(basis)s is valid only from %(date)s",
                        basis=first.name,
                        date=first.date_from.strftime("%d-%m-%Y"),
                    )
                for dossier in dossiers:
                    problems[(organisation, dossier)] = problem
                continue
            if state != "consent":
                continue
            for dossier in dossiers:
                victims = dossier.person_link_ids.filtered(
                    lambda link: link.role == "slachtoffer"
                ).person_id
                missing = victims - victims._consenting_to(organisation, day)
                if missing:
                    problems[(organisation, dossier)] = _(
                        "its basis is consent, and no valid consent of %(refs)s is "
                        "recorded",
                        refs=", ".join(f"P-{person.id}" for person in missing),
                    )
        return problems

    @api.constrains("membership", "is_meldpunt", "is_procesregie", "is_justice")
    def _check_secondary(self):
        for organisation in self:
            if organisation.membership == "secundair" and (
                organisation.is_meldpunt
                or organisation.is_procesregie
                or organisation.is_justice
            ):
                raise ValidationError(
                    self.env._(
                        "%(organisation)s is a secondary partner: it cannot be the "
                        "meldpunt, hold procesregie or be a justice partner.",
                        organisation=organisation.name,
                    )
                )

    @api.constrains("contact_user_id", "deputy_user_id", "user_ids")
    def _check_representatives(self):
        for organisation in self:
            for user in organisation.contact_user_id | organisation.deputy_user_id:
                if user not in organisation.user_ids:
                    raise ValidationError(
                        self.env._(
                            "%(user)s represents %(organisation)s but does not act for "
                            "it: add the user to its users first.",
                            user=user.name,
                            organisation=organisation.name,
                        )
                    )
            if (
                organisation.contact_user_id
                and organisation.contact_user_id == organisation.deputy_user_id
            ):
                raise ValidationError(
                    self.env._(
                        "The plaatsvervanger of %(organisation)s is somebody else than "
                        "the vaste vertegenwoordiger.",
                        organisation=organisation.name,
                    )
                )

    @api.constrains("email", "phone")
    def _check_contact(self):
        for organisation in self:
            self._ensure_valid_contact(organisation.email, organisation.phone)

    @api.model_create_multi
    def create(self, vals_list):
        Users = self.env["res.users"]
        members = any(vals.get("user_ids") for vals in vals_list)
        before = Users._keten_access_snapshot() if members else None
        organisations = super().create(vals_list)
        if members:
            self.env.registry.clear_cache()
            Users._keten_access_changed(before)
        return organisations

    def write(self, vals):
        # a change of members is a change of those users' access: logged
        Users = self.env["res.users"]
        before = Users._keten_access_snapshot() if "user_ids" in vals else None
        result = super().write(vals)
        if "user_ids" in vals or "active" in vals:
            # Record rules are cached per user; membership decides what they see.
            self.env.registry.clear_cache()
        if before is not None:
            Users._keten_access_changed(before)
        return result

    def unlink(self):
        Users = self.env["res.users"]
        before = Users._keten_access_snapshot() if self.user_ids else None
        result = super().unlink()
        self.env.registry.clear_cache()
        if before is not None:
            Users._keten_access_changed(before)
        return result
