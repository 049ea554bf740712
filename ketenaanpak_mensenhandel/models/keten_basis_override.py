from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

OVERRIDE_SOURCES = [
    ("manual", "Involved by hand"),
    ("casusoverleg", "Invited to a casusoverleg"),
    ("agenda_item", "Invited for an agenda item"),
    ("plan_action", "Action of a plan van aanpak"),
    ("interventie", "Interventie"),
    ("role", "Regie or zorgcoördinatie of the dossier"),
]

REASON_KEY = "keten_basis_override_reason"


class KetenBasisOverride(models.Model):
    """An organisation involved in a dossier without a valid legal basis.

    Written by the system when a user involves such an organisation and gives
    the reason for it (a warning asks for one first): who, when, which
    organisation, what was wrong with its basis and why it was shared anyway.
    The privacy officer reads these (AVG art. 5(2), accountability).
    """

    _name = "keten.basis.override"
    _description = "Sharing without a valid legal basis"
    _inherit = ["keten.validation.mixin"]
    _order = "id desc"

    dossier_id = fields.Many2one(
        "keten.dossier", required=True, ondelete="cascade", index=True, readonly=True
    )
    organisation_id = fields.Many2one(
        "keten.organisation", required=True, ondelete="cascade", readonly=True
    )
    source = fields.Selection(OVERRIDE_SOURCES, required=True, readonly=True)
    source_ref = fields.Char(
        string="Where", readonly=True, help="The overleg, plan or record concerned."
    )
    problem = fields.Char(string="Problem with the basis", readonly=True)
    reason = fields.Text(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Overridden by", required=True, readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.check_access("create")  # nobody has the right: AccessError
        return super().create(vals_list)

    def write(self, vals):
        if not self._is_anonymising():
            raise UserError(self.env._("A recorded override cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise UserError(self.env._("A recorded override cannot be deleted."))
        return super().unlink()

    @api.model
    def _check_or_record_override(
        self, organisations, dossiers, source, source_ref=None
    ):
        """Refuse to involve ``organisations`` in ``dossiers`` without a valid
        basis unless the user gave a reason (context ``keten_basis_override_reason``);
        with a reason, record the override and note it in the dossier.

        System work (superuser) is not a user's choice and is not checked.
        """
        if self.env.su or not organisations or not dossiers:
            return self.browse()
        # an upheld objection (AVG art. 21) to sharing is not overridden
        self.env["keten.avg.request"]._ensure_no_upheld_objection(
            organisations, dossiers
        )
        problems = organisations._basis_problems(dossiers)
        if problems:
            # one save can involve the same organisation twice (an overleg and
            # its new agenda item): recorded once per transaction
            recorded = self.sudo().search(
                [
                    ("dossier_id", "in", dossiers.ids),
                    ("organisation_id", "in", organisations.ids),
                    ("create_date", ">=", self.env.cr.now()),
                ]
            )
            for override in recorded:
                problems.pop((override.organisation_id, override.dossier_id), None)
        if not problems:
            return self.browse()
        reason = (self.env.context.get(REASON_KEY) or "").strip()
        if not reason:
            lines = "\n".join(
                f"- {organisation.name} ({dossier.name}): {problem}"
                for (organisation, dossier), problem in problems.items()
            )
            raise UserError(
                self.env._(
                    "Personal data may only be shared with an organisation on a valid "
                    "legal basis:\n%(lines)s\n\nRecord the basis under Configuration › "
                    "Organisations, or give the reason to share anyway in 'Reason to "
                    "share without a valid basis' and save again: the reason is "
                    "recorded with your name.",
                    lines=lines,
                )
            )
        self._ensure_text_sizes([{"reason": reason}])
        user = self.env.user
        overrides = self.sudo().create(
            [
                {
                    "dossier_id": dossier.id,
                    "organisation_id": organisation.id,
                    "source": source,
                    "source_ref": source_ref,
                    "problem": problem,
                    "reason": reason,
                    "user_id": user.id,
                }
                for (organisation, dossier), problem in problems.items()
            ]
        )
        for override in overrides:
            override.dossier_id.sudo().message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "%(organisation)s involved without a valid legal basis "
                    "(%(problem)s) by %(user)s. Reason: %(reason)s",
                    organisation=override.organisation_id.name,
                    problem=override.problem,
                    user=user.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return overrides


class KetenBasisCheckMixin(models.AbstractModel):
    """A record through which a user involves organisations in dossiers.

    Gives it the field ``basis_override_reason``: not stored, it carries the
    reason of one save into the check (and into the records created with it,
    e.g. the actions of a plan or the items of an overleg).
    """

    _name = "keten.basis.check.mixin"
    _description = "Involves organisations: legal basis checked"

    basis_override_reason = fields.Char(
        string="Reason to share without a valid basis",
        compute="_compute_basis_override_reason",
        inverse="_inverse_basis_override_reason",
        help="Only needed when an organisation without a valid legal basis is "
        "involved: why it must see the dossier anyway. Recorded with your name.",
    )

    def _compute_basis_override_reason(self):
        self.basis_override_reason = False

    def _inverse_basis_override_reason(self):
        """The reason is used while saving (see write), not stored."""

    @api.model
    def _with_override_reason(self, vals_list):
        reasons = [vals.pop("basis_override_reason", None) for vals in vals_list]
        reason = next((r for r in reasons if r and r.strip()), None)
        return self.with_context(**{REASON_KEY: reason}) if reason else self

    def _ensure_basis_or_override(
        self, organisations, dossiers, source, source_ref=None
    ):
        return self.env["keten.basis.override"]._check_or_record_override(
            organisations, dossiers, source, source_ref
        )

    @api.model
    def _basis_warning(self, organisations, dossiers):
        """The onchange warning for organisations without a valid basis."""
        if not organisations or not dossiers:
            return None
        problems = organisations._basis_problems(dossiers)
        if not problems:
            return None
        return {
            "title": self.env._("No valid legal basis"),
            "message": self.env._(
                "%(lines)s. Give the reason to share anyway in 'Reason to share "
                "without a valid basis'; it is recorded.",
                lines="; ".join(
                    f"{organisation.name}: {problem}"
                    for (organisation, _dossier), problem in problems.items()
                ),
            ),
        }
