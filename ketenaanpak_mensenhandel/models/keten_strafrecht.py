from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KetenStrafrecht(models.Model):
    """Criminal-investigation information of a dossier. Justitie only.

    The OM decides what is shared (need-to-know). Other chain partners see on the
    dossier only that a criminal track exists and whom to align with about care
    for the victim (``care_contact_*``), never this content.
    """

    _name = "keten.strafrecht"
    _description = "Strafrechtelijk traject"
    _inherit = [
        "keten.mail.privacy.mixin",
        "mail.activity.mixin",
        "keten.validation.mixin",
    ]
    _order = "id desc"

    name = fields.Char(compute="_compute_name", store=True)
    dossier_id = fields.Many2one(
        "keten.dossier", required=True, ondelete="cascade", index=True
    )
    organisation_id = fields.Many2one(
        "keten.organisation",
        string="Lead organisation",
        domain="[('is_justice', '=', True)]",
        required=True,
        tracking=True,
    )
    officier_user_id = fields.Many2one("res.users", string="Officier van justitie")
    state = fields.Selection(
        [
            ("pre_weging", "Pre-weging"),
            ("onderzoek", "Investigation"),
            ("vervolging", "Prosecution"),
            ("afgesloten", "Closed"),
        ],
        default="pre_weging",
        required=True,
        tracking=True,
    )
    date_start = fields.Date(default=fields.Date.context_today)
    proces_verbaal = fields.Text(
        string="Proces-verbaal", help="Aangifte, proces-verbaal verdenking."
    )
    verdenking = fields.Text()
    opsporingsstrategie = fields.Text()
    dwangmiddelen = fields.Text(string="Dwangmiddelen / opsporingsmiddelen")
    om_besluit = fields.Selection(
        [
            ("vervolgen", "Prosecute"),
            ("seponeren", "Dismiss (sepot)"),
            ("strafbeschikking", "Penalty order (strafbeschikking)"),
            ("nader_onderzoek", "Further investigation"),
        ],
        string="OM-besluit",
        tracking=True,
    )
    om_besluit_note = fields.Text(string="OM-besluit toelichting")
    care_contact_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Align about care with",
        help="Shown to all involved partners: whom to align with about care for the victim.",
    )
    care_contact_user_id = fields.Many2one("res.users", string="Contact for alignment")

    @api.depends("dossier_id.name")
    def _compute_name(self):
        for track in self:
            track.name = self.env._(
                "Strafrechtelijk traject %(ref)s", ref=track.dossier_id.name
            )

    @api.constrains(
        "organisation_id", "care_contact_organisation_id", "care_contact_user_id"
    )
    def _check_organisations(self):
        for track in self:
            if track.organisation_id and not track.organisation_id.is_justice:
                raise ValidationError(
                    self.env._(
                        "%(organisation)s is not a justice partner and cannot lead a "
                        "strafrechtelijk traject.",
                        organisation=track.organisation_id.name,
                    )
                )
            user = track.care_contact_user_id
            organisation = track.care_contact_organisation_id
            self._ensure_acts_for(user, organisation)

    @api.constrains("state", "om_besluit", "date_start")
    def _check_state(self):
        today = fields.Date.context_today(self)
        for track in self:
            if track.date_start and track.date_start > today:
                raise ValidationError(
                    self.env._("A strafrechtelijk traject cannot start in the future.")
                )
            if track.state == "vervolging" and track.om_besluit == "seponeren":
                raise ValidationError(
                    self.env._(
                        "A case the OM dismissed (seponeren) is not in vervolging."
                    )
                )
