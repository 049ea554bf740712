from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ir_attachment import DEFAULT_MAX_ATTACHMENT_MB, PARAM_MAX_ATTACHMENT_MB
from .keten_signalering import DEFAULT_STALE_DAYS, PARAM_STALE_DAYS
from .keten_termijn import PARAM_CALENDAR
from .keten_validation_mixin import PARAM_PREFIX, TEXT_LIMITS
from .res_users import (
    DEFAULT_PASSWORD_MIN_LENGTH,
    DEFAULT_SESSION_TIMEOUT,
    PARAM_MFA_REQUIRED,
    PARAM_PASSWORD_MIN_LENGTH,
    PARAM_SESSION_TIMEOUT,
)

PARAM = PARAM_PREFIX

# Field: (lowest, highest) accepted value.
SETTING_RANGES = {
    "keten_retention_years": (1, 30),
    "keten_max_char_length": (100, 10000),
    "keten_max_text_length": (1000, 1000000),
    "keten_max_html_length": (1000, 5000000),
    "keten_max_attachment_mb": (1, 1024),
    "keten_stale_days": (1, 365),
    "keten_session_timeout": (1, 480),
    "keten_password_min_length": (8, 128),
}


DEFAULT_RETENTION_YEARS = 5
# Small-cell suppression of the Rapportage Regionale Tafel (tools/suppression.py).
THRESHOLD_PARAM = PARAM_PREFIX + "rapportage_threshold"
DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 3


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    keten_rapportage_threshold = fields.Integer(
        string="Suppression threshold",
        config_parameter=THRESHOLD_PARAM,
        default=DEFAULT_THRESHOLD,
        help="In the Rapportage Regionale Tafel, counts from 1 up to this number "
        "minus one are shown as '<threshold', and further cells are hidden so that "
        "they cannot be recomputed from the totals.",
    )

    keten_retention_years = fields.Integer(
        string="Bewaartermijn (years after closing)",
        config_parameter=PARAM + "retention_years",
        default=DEFAULT_RETENTION_YEARS,
        help="A closed dossier, and a melding handled without a dossier, is "
        "anonymised this many years after it was closed. Statistics are kept.",
    )

    # Security (BIO): see docs/security.md
    keten_mfa_required = fields.Boolean(
        string="Second factor for keten users",
        help="Users of the Ketenaanpak groups log in with a password and an "
        "authenticator code, or with a passkey, and use API keys for XML-RPC and "
        "JSON-RPC. Switch off only in a test or demo environment.",
    )
    keten_session_timeout = fields.Integer(
        string="Log out after inactivity (minutes)",
        config_parameter=PARAM_SESSION_TIMEOUT,
        default=DEFAULT_SESSION_TIMEOUT,
        help="A session of a keten user ends after this many minutes without a "
        "request.",
    )
    keten_password_min_length = fields.Integer(
        string="Minimum password length",
        config_parameter=PARAM_PASSWORD_MIN_LENGTH,
        default=DEFAULT_PASSWORD_MIN_LENGTH,
        help="For the users of the Ketenaanpak groups; Odoo's own minimum "
        "(General Settings) applies to everybody.",
    )

    # Termijnen
    keten_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working calendar",
        config_parameter=PARAM_CALENDAR,
        help="Termijnen count working days in this calendar: its working weekdays "
        "and its days off (the Dutch public holidays are added every year). The "
        "throughput times of the Rapportage Regionale Tafel use it too.",
    )
    keten_stale_days = fields.Integer(
        string="Stuck after (days without stage change)",
        config_parameter=PARAM_STALE_DAYS,
        default=DEFAULT_STALE_DAYS,
        help="An open dossier without a stage change for longer than this number "
        "of days goes on the signaleringslijst.",
    )

    # Meldpunt e-mail
    keten_intake_alias_name = fields.Char(
        string="Meldpunt e-mail alias",
        help="Local part of the meldpunt address: e-mail sent to it becomes a melding.",
    )
    keten_intake_alias_domain_id = fields.Many2one(
        "mail.alias.domain", string="Meldpunt alias domain"
    )
    keten_intake_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Receiving organisation",
        config_parameter=PARAM + "intake_organisation_id",
        help="The organisation whose queue receives e-mail and web-form meldingen. "
        "Empty: the first organisation marked as meldpunt.",
    )
    keten_intake_email_receipt = fields.Boolean(
        string="Send a receipt to the sender",
        help="The sender gets the reference number of the melding, and nothing else.",
    )
    # Web intake form
    keten_intake_form_enabled = fields.Boolean(
        string="Web intake form",
        config_parameter=PARAM + "intake_form_enabled",
        help="Professionals without an account may report through the form on "
        "/meldpunt/formulier.",
    )
    keten_max_text_length = fields.Integer(
        string="Maximum length of a description",
        config_parameter=PARAM + TEXT_LIMITS["text"][0],
        default=TEXT_LIMITS["text"][1],
    )
    # Limits on input, every model of the addon
    keten_max_char_length = fields.Integer(
        string="Maximum length of a short text",
        config_parameter=PARAM + TEXT_LIMITS["char"][0],
        default=TEXT_LIMITS["char"][1],
    )
    keten_max_html_length = fields.Integer(
        string="Maximum length of formatted text",
        config_parameter=PARAM + TEXT_LIMITS["html"][0],
        default=TEXT_LIMITS["html"][1],
    )
    keten_max_attachment_mb = fields.Integer(
        string="Maximum size of a file (MB)",
        config_parameter=PARAM_MAX_ATTACHMENT_MB,
        default=DEFAULT_MAX_ATTACHMENT_MB,
    )
    keten_intake_max_attachments = fields.Integer(
        string="Maximum number of attachments",
        config_parameter=PARAM + "intake_max_attachments",
        default=5,
    )
    keten_intake_max_attachment_mb = fields.Integer(
        string="Maximum size per attachment (MB)",
        config_parameter=PARAM + "intake_max_attachment_mb",
        default=10,
    )
    keten_intake_rate_limit = fields.Integer(
        string="Reports per address",
        config_parameter=PARAM + "intake_rate_limit",
        default=10,
    )
    keten_intake_rate_window = fields.Integer(
        string="Per number of minutes",
        config_parameter=PARAM + "intake_rate_window",
        default=60,
    )
    keten_intake_response_days = fields.Integer(
        string="Response within (working days)",
        config_parameter=PARAM + "intake_response_days",
        default=3,
        help="Shown to the melder on the receipt page.",
    )
    # Duplicate persons
    keten_duplicate_candidate_threshold = fields.Float(
        string="Candidate threshold (trigram similarity)",
        config_parameter=PARAM + "duplicate_candidate_threshold",
        default=0.3,
        digits=(3, 2),
    )
    keten_duplicate_match_threshold = fields.Float(
        string="Name score with the same birth date or year",
        config_parameter=PARAM + "duplicate_match_threshold",
        default=0.8,
        digits=(3, 2),
    )
    keten_duplicate_match_threshold_no_birth = fields.Float(
        string="Name score without a birth date",
        config_parameter=PARAM + "duplicate_match_threshold_no_birth",
        default=0.9,
        digits=(3, 2),
    )

    @api.constrains("keten_rapportage_threshold")
    def _check_keten_rapportage_threshold(self):
        for settings in self:
            if settings.keten_rapportage_threshold < MIN_THRESHOLD:
                raise ValidationError(
                    self.env._(
                        "The suppression threshold is at least %(minimum)s: a report "
                        "for the Regionale Tafel never shows a single case.",
                        minimum=MIN_THRESHOLD,
                    )
                )

    @api.constrains(*SETTING_RANGES)
    def _check_keten_ranges(self):
        for settings in self:
            for name, (low, high) in SETTING_RANGES.items():
                if not low <= settings[name] <= high:
                    raise ValidationError(
                        self.env._(
                            "%(setting)s must be between %(low)s and %(high)s.",
                            setting=self._fields[name]._description_string(self.env),
                            low=low,
                            high=high,
                        )
                    )

    @api.model
    def _keten_meldpunt_alias(self):
        return self.env.ref(
            "ketenaanpak_mensenhandel.mail_alias_meldpunt", raise_if_not_found=False
        )

    @api.model
    def get_values(self):
        values = super().get_values()
        alias = self._keten_meldpunt_alias()
        receipt = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(PARAM + "intake_email_receipt", "True")
        )
        values.update(
            keten_intake_alias_name=alias.alias_name if alias else False,
            keten_intake_alias_domain_id=alias.alias_domain_id.id if alias else False,
            keten_intake_email_receipt=str(receipt).lower() in ("true", "1"),
            keten_mfa_required=self.env["res.users"]._keten_mfa_enforced(),
        )
        return values

    def set_values(self):
        result = super().set_values()
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param(
            PARAM + "intake_email_receipt",
            "True" if self.keten_intake_email_receipt else "False",
        )
        # stored as text: an absent parameter means on
        ICP.set_param(
            PARAM_MFA_REQUIRED, "True" if self.keten_mfa_required else "False"
        )
        alias = self._keten_meldpunt_alias()
        if not alias and self.keten_intake_alias_name:
            alias = (
                self.env["mail.alias"]
                .sudo()
                .create(
                    {
                        "alias_name": self.keten_intake_alias_name,
                        "alias_domain_id": self.keten_intake_alias_domain_id.id,
                        "alias_model_id": self.env["ir.model"]._get_id("keten.melding"),
                        "alias_contact": "everyone",
                        "alias_defaults": "{'channel': 'email'}",
                    }
                )
            )
            self.env["ir.model.data"].sudo().create(
                {
                    "name": "mail_alias_meldpunt",
                    "module": "ketenaanpak_mensenhandel",
                    "model": "mail.alias",
                    "noupdate": True,
                    "res_id": alias.id,
                }
            )
        elif alias and (
            alias.alias_name != self.keten_intake_alias_name
            or alias.alias_domain_id != self.keten_intake_alias_domain_id
        ):
            alias.sudo().write(
                {
                    "alias_name": self.keten_intake_alias_name,
                    "alias_domain_id": self.keten_intake_alias_domain_id.id,
                }
            )
        return result
