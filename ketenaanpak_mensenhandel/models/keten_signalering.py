"""Signaleringslijst: dossiers and meldingen that could disappear between steps."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .keten_validation_mixin import PARAM_PREFIX

PARAM_STALE_DAYS = PARAM_PREFIX + "stale_days"
DEFAULT_STALE_DAYS = 30

REASONS = [
    ("no_activity", "No open activity"),
    ("no_responsible", "No regievoerder"),
    ("stale", "No stage change for too long"),
    ("melding_no_dossier", "Melding without dossier past its 1e-weging deadline"),
]

# One SELECT per reason: (reason, dossier_id, melding_id) of what is on the list
# today. Open dossiers only (not closed, not archived, not anonymised).
_OPEN_DOSSIER = """
    NOT d.is_closed AND d.active AND d.is_anonymised IS NOT TRUE
"""
_CURRENT = f"""
    SELECT 'no_activity' AS reason, d.id AS dossier_id, NULL::int AS melding_id
      FROM keten_dossier d
     WHERE {_OPEN_DOSSIER}
       AND NOT EXISTS (
            SELECT 1 FROM mail_activity a
             WHERE a.res_model = 'keten.dossier' AND a.res_id = d.id AND a.active)
       AND NOT EXISTS (
            SELECT 1 FROM keten_deadline k
              JOIN mail_activity a ON a.id = k.activity_id AND a.active
             WHERE k.dossier_id = d.id AND k.state = 'open')
    UNION ALL
    SELECT 'no_responsible', d.id, NULL
      FROM keten_dossier d
     WHERE {_OPEN_DOSSIER} AND d.regie_user_id IS NULL
    UNION ALL
    SELECT 'stale', d.id, NULL
      FROM keten_dossier d
     WHERE {_OPEN_DOSSIER} AND d.date_last_stage_update < %(stale_before)s
    UNION ALL
    SELECT DISTINCT 'melding_no_dossier', NULL::int, m.id
      FROM keten_melding m
      JOIN keten_deadline k
        ON k.melding_id = m.id AND k.state = 'open'
       AND k.termijn_code = 'eerste_weging' AND k.date_deadline < %(today)s
     WHERE m.dossier_id IS NULL AND m.handled_without_dossier IS NOT TRUE
       AND m.is_anonymised IS NOT TRUE AND m.active
"""


class KetenSignalering(models.Model):
    """An entry of the signaleringslijst, filled by the daily termijnbewaking:
    an open dossier without open activity, without regievoerder or without a
    stage change for longer than the setting, or a melding without dossier past
    its 1e-weging deadline. An entry leaves the list once its cause is gone."""

    _name = "keten.signalering"
    _description = "Signaleringslijst entry"
    _inherit = ["keten.system.record.mixin", "keten.validation.mixin"]
    _order = "date_first, id"

    reason = fields.Selection(REASONS, required=True, readonly=True, index=True)
    dossier_id = fields.Many2one(
        "keten.dossier", readonly=True, ondelete="cascade", index="btree_not_null"
    )
    melding_id = fields.Many2one(
        "keten.melding", readonly=True, ondelete="cascade", index="btree_not_null"
    )
    date_first = fields.Date(string="On the list since", readonly=True, required=True)
    days_on_list = fields.Integer(compute="_compute_days_on_list")
    reference = fields.Char(compute="_compute_reference")
    stage_id = fields.Many2one(related="dossier_id.stage_id")
    regie_user_id = fields.Many2one(related="dossier_id.regie_user_id")
    regie_organisation_id = fields.Many2one(related="dossier_id.regie_organisation_id")
    date_last_stage_update = fields.Datetime(
        related="dossier_id.date_last_stage_update"
    )
    next_deadline_date = fields.Date(related="dossier_id.next_deadline_date")
    organisation_id = fields.Many2one(
        related="melding_id.organisation_id", string="Receiving organisation"
    )
    date_received = fields.Datetime(related="melding_id.date_received")

    def _compute_days_on_list(self):
        today = self.env["keten.termijn"]._today()
        for entry in self:
            entry.days_on_list = (today - entry.date_first).days

    def _compute_reference(self):
        for entry in self:
            entry.reference = (entry.dossier_id or entry.melding_id).sudo().name

    def _system_write_message(self):
        return self.env._(
            "The signaleringslijst is filled by the termijnbewaking: an entry "
            "leaves it when its cause is gone."
        )

    @api.model
    def _stale_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM_STALE_DAYS)
        try:
            days = int(value) if value else DEFAULT_STALE_DAYS
        except ValueError:
            days = DEFAULT_STALE_DAYS
        return max(days, 1)

    @api.model
    def _refresh(self, today=None):
        """Bring the list in step with the data: one statement. What is on the
        list now is computed once; entries are matched on (reason, dossier,
        melding) with hash joins, whatever the length of the list."""
        today = today or self.env["keten.termijn"]._today()
        params = {
            "today": today,
            "stale_before": fields.Datetime.to_datetime(today)
            - timedelta(days=self._stale_days()),
            "uid": self.env.uid,
        }
        self.env.flush_all()
        self.env.cr.execute(
            f"""
            WITH current AS MATERIALIZED (
                SELECT reason, dossier_id, melding_id,
                       COALESCE(dossier_id, 0) AS d, COALESCE(melding_id, 0) AS m
                  FROM ({_CURRENT}) c
            ),
            removed AS (
                DELETE FROM keten_signalering s
                 WHERE NOT EXISTS (
                        SELECT 1 FROM current c
                         WHERE c.reason = s.reason
                           AND c.d = COALESCE(s.dossier_id, 0)
                           AND c.m = COALESCE(s.melding_id, 0))
                RETURNING 1
            ),
            added AS (
                INSERT INTO keten_signalering
                       (reason, dossier_id, melding_id, date_first,
                        create_uid, create_date, write_uid, write_date)
                SELECT c.reason, c.dossier_id, c.melding_id, %(today)s,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM current c
                 WHERE NOT EXISTS (
                        SELECT 1 FROM keten_signalering s
                         WHERE s.reason = c.reason
                           AND COALESCE(s.dossier_id, 0) = c.d
                           AND COALESCE(s.melding_id, 0) = c.m)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM removed), (SELECT count(*) FROM added)
            """,
            params,
        )
        removed, added = self.env.cr.fetchone()
        self.invalidate_model()
        return {"signalering_added": added, "signalering_removed": removed}

    @api.model
    def action_refresh(self):
        """Menu and button: refresh the list now, then show it."""
        if not self.env.user.has_group("ketenaanpak_mensenhandel.group_ketenregie"):
            raise UserError(
                self.env._("Only the ketenregie refreshes the signaleringslijst.")
            )
        self.sudo()._refresh()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ketenaanpak_mensenhandel.keten_signalering_action"
        )
        return action

    def action_open(self):
        self.ensure_one()
        record = self.dossier_id or self.melding_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }
