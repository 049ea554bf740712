from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

# AVG art. 6(1) grounds as the chain meets them; a convenant is how most
# partners of a Zorg- en Veiligheidshuis record theirs (seed 004 §2.2: each
# partner determines the basis for its "own" organisation).
BASIS_TYPES = [
    ("convenant", "Covenant (convenant)"),
    ("wettelijke_taak", "Statutory task (art. 6(1)(e))"),
    ("wettelijke_plicht", "Legal obligation (art. 6(1)(c))"),
    ("toestemming", "Consent of the person (art. 6(1)(a))"),
    ("vitaal_belang", "Vital interest (art. 6(1)(d))"),
]


class KetenLegalBasis(models.Model):
    """The basis on which an organisation may receive the chain's personal data.

    Every partner needs one (AVG art. 6; seed 004 §2.2 "Gegevensdeling"):
    usually a convenant, for some a statutory task. Involving an organisation
    without a basis valid today in a dossier warns and asks for a reason,
    which is recorded (``keten.basis.override``). Where the basis is consent,
    each victim of the dossier must have given it (``keten.consent``).
    """

    _name = "keten.legal.basis"
    _description = "Legal basis for sharing (grondslag)"
    _inherit = ["mail.thread", "keten.validation.mixin"]
    _order = "organisation_id, date_from desc, id desc"

    organisation_id = fields.Many2one(
        "keten.organisation",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
    )
    basis_type = fields.Selection(
        BASIS_TYPES,
        string="Basis",
        required=True,
        default="convenant",
        tracking=True,
    )
    name = fields.Char(
        string="Document / reference",
        required=True,
        tracking=True,
        help="The covenant, or the article of law, e.g. 'Privacyconvenant Zorg- en "
        "Veiligheidshuis 2024' or 'art. 4.1.1 Wmo 2015'.",
    )
    date_from = fields.Date(string="Valid from", required=True, tracking=True)
    date_to = fields.Date(
        string="Valid until", tracking=True, help="Empty: until further notice."
    )
    document = fields.Binary(attachment=True, help="The signed covenant.")
    document_name = fields.Char()
    scope = fields.Text(
        help="What may be shared on this basis, and for which purposes (e.g. only "
        "the care track, not criminal-investigation information)."
    )
    state = fields.Selection(
        [("future", "Not yet valid"), ("valid", "Valid"), ("expired", "Expired")],
        compute="_compute_state",
        search="_search_state",
    )
    active = fields.Boolean(default=True)

    @api.depends("date_from", "date_to")
    @api.depends_context("date")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for basis in self:
            basis.state = basis._state_on(today)

    def _state_on(self, day):
        self.ensure_one()
        if self.date_from and self.date_from > day:
            return "future"
        if self.date_to and self.date_to < day:
            return "expired"
        return "valid"

    def _search_state(self, operator, value):
        today = fields.Date.context_today(self)
        valid = [
            ("date_from", "<=", today),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", today),
        ]
        domains = {
            "valid": valid,
            "future": [("date_from", ">", today)],
            "expired": [("date_to", "<", today)],
        }
        values = value if isinstance(value, (list, tuple, set)) else [value]
        if operator not in ("=", "in", "!=", "not in"):
            raise ValidationError(self.env._("Unsupported search on validity."))
        domain = expression.OR(
            [domains.get(v, expression.FALSE_DOMAIN) for v in values]
        )
        if operator in ("!=", "not in"):
            domain = ["!", *expression.normalize_domain(domain)]
        return domain

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for basis in self:
            if basis.date_to and basis.date_from and basis.date_to < basis.date_from:
                raise ValidationError(
                    self.env._(
                        "The basis %(name)s ends before it starts.", name=basis.name
                    )
                )

    @api.depends("name", "basis_type")
    def _compute_display_name(self):
        labels = dict(self._fields["basis_type"]._description_selection(self.env))
        for basis in self:
            basis.display_name = (
                f"{labels.get(basis.basis_type, '')}: {basis.name or ''}".strip(": ")
            )

    @api.model
    def get_dashboard_notice(self):
        """The notice of the overview board while an organisation involved in an
        open dossier has no legal basis valid today (after an upgrade from a
        version before 18.0.1.4.0 none has one: see migrations/README.md).
        For the Ketenregie and the privacy officer; False when all is in order."""
        user = self.env.user
        if not (
            user.has_group("ketenaanpak_mensenhandel.group_ketenregie")
            or user.has_group("ketenaanpak_mensenhandel.group_privacy")
        ):
            return False
        notice = self._keten_missing_basis_notice()
        if not notice["organisations"]:
            return False
        _ = self.env._
        return {
            "title": _("Legal bases missing"),
            "message": _(
                "%(count)s organisation(s) involved in open dossiers have no valid "
                "legal basis for receiving the chain's personal data: %(names)s. "
                "The privacy officer records the basis of each (covenant, statutory "
                "task, consent) under Privacy › Legal bases.",
                count=len(notice["organisations"]),
                names=", ".join(notice["organisations"]),
            ),
            "button": _("Legal bases"),
            "action": "ketenaanpak_mensenhandel.keten_legal_basis_action",
        }

    @api.model
    def _keten_missing_basis_notice(self):
        """{"organisations": names}: the organisations involved in an open dossier
        without a legal basis valid today (consent counts: it is checked per
        victim when the dossier is shared)."""
        Dossier = self.env["keten.dossier"]
        Dossier.flush_model(["involved_organisation_ids", "is_closed", "active"])
        self.env.cr.execute(
            """
            SELECT DISTINCT r.organisation_id
              FROM keten_dossier_involved_org_rel r
              JOIN keten_dossier d ON d.id = r.dossier_id
             WHERE d.active AND NOT d.is_closed
            """
        )
        organisations = (
            self.env["keten.organisation"]
            .sudo()
            .browse([row[0] for row in self.env.cr.fetchall()])
        )
        today = fields.Date.context_today(self)
        missing = organisations.filtered(
            lambda org: org._basis_state_on(today) in ("missing", "expired", "future")
        )
        return {"organisations": sorted(missing.mapped("name"))}
