import logging
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..models.res_config_settings import (
    DEFAULT_THRESHOLD,
    MIN_THRESHOLD,
    THRESHOLD_PARAM,
)

_logger = logging.getLogger(__name__)

MAX_PERIOD_YEARS = 10


def _default_date_from(wizard):
    return date(fields.Date.context_today(wizard).year, 1, 1)


class KetenRapportageWizard(models.TransientModel):
    """Choose the period and filters of the Rapportage Regionale Tafel."""

    _name = "keten.rapportage.wizard"
    _description = "Rapportage Regionale Tafel"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: _default_date_from(self)
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    gemeente_ids = fields.Many2many(
        "keten.gemeente",
        "keten_rapportage_wizard_gemeente_rel",
        "wizard_id",
        "gemeente_id",
        string="Municipalities",
        help="Only dossiers and meldingen about these municipalities (woongemeente "
        "or gemeente van uitbuiting). Empty: the whole region.",
    )
    verschijningsvorm_ids = fields.Many2many(
        "keten.verschijningsvorm",
        "keten_rapportage_wizard_vorm_rel",
        "wizard_id",
        "vorm_id",
        string="Verschijningsvormen",
        help="Only dossiers and meldingen with one of these forms of exploitation. "
        "Empty: every form.",
    )
    threshold = fields.Integer(
        compute="_compute_threshold",
        help="Counts from 1 up to this number minus one are shown as '<threshold'.",
    )

    def _compute_threshold(self):
        threshold = self._suppression_threshold()
        for wizard in self:
            wizard.threshold = threshold

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    self.env._("The period starts after it ends: swap the dates.")
                )
            if (wizard.date_to - wizard.date_from).days > 366 * MAX_PERIOD_YEARS:
                raise ValidationError(
                    self.env._(
                        "Choose a period of at most %(years)s years.",
                        years=MAX_PERIOD_YEARS,
                    )
                )

    @api.model
    def _suppression_threshold(self):
        """Counts below this threshold are suppressed (never below MIN_THRESHOLD)."""
        raw = self.env["ir.config_parameter"].sudo().get_param(THRESHOLD_PARAM)
        if not raw:
            return DEFAULT_THRESHOLD
        try:
            value = int(raw)
        except ValueError:
            _logger.warning(
                "Invalid %s %r: using %s", THRESHOLD_PARAM, raw, DEFAULT_THRESHOLD
            )
            return DEFAULT_THRESHOLD
        return max(value, MIN_THRESHOLD)

    def _rapportage_params(self):
        self.ensure_one()
        return self.env["keten.rapportage.figures"]._params(
            self.date_from,
            self.date_to,
            gemeente_ids=self.gemeente_ids.ids,
            vorm_ids=self.verschijningsvorm_ids.ids,
        )

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "ketenaanpak_mensenhandel.rapportage_regionale_tafel_xlsx"
        ).report_action(self)
