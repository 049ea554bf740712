"""Termijnbewaking: the record of one termijn of one subject.

Kept in step with the case by ``keten_deadline_sync.py``, decided per termijn
by ``keten_deadline_rules.py`` and escalated daily by
``keten_deadline_escalation.py``."""

from odoo import api, fields, models

DEADLINE_STATES = [
    ("open", "Open"),
    ("done", "Met"),
    ("exempt", "Exception recorded"),
    ("cancelled", "Lapsed"),
]

CLOSE_REASONS = [
    ("weging", "1e weging confirmed"),
    ("without_dossier", "Handled without a dossier"),
    ("joined", "Added to a dossier that had its 1e weging"),
    ("feedback", "Terugkoppeling given"),
    ("feedback_strafrechtelijk", "A criminal investigation forbids the terugkoppeling"),
    ("feedback_veiligheid", "Safety forbids the terugkoppeling"),
    ("discussed", "Discussed in the casusoverleg"),
    ("moved", "On the agenda of a later casusoverleg"),
    ("off_agenda", "Taken off the agenda"),
    ("plan", "Plan van aanpak adopted"),
    ("review", "Review recorded"),
    ("nazorg", "Nazorg check done"),
    ("evaluatie", "Casus evaluatie held"),
    ("closed", "Dossier closed"),
    ("archived", "Archived or anonymised"),
    ("anonymised", "Anonymised after the bewaartermijn (never met)"),
    ("not_applicable", "No longer applies"),
]

P = "ketenaanpak_mensenhandel."


class KetenDeadline(models.Model):
    """A termijn of one subject (a melding, an agenda item, a dossier, an
    interventie): when it started, when it is due, whether it was met.

    Deadlines are made and closed by the records of the case, never by hand
    (``_sync_deadlines``): at most one is open per termijn and subject (a unique
    index), its activity goes to the responsible person, and the event that
    meets the termijn marks that activity done.
    """

    _name = "keten.deadline"
    _description = "Termijn of a case"
    _inherit = ["keten.system.record.mixin", "keten.validation.mixin"]
    _order = "date_deadline, id"
    _rec_name = "name"

    name = fields.Char(compute="_compute_name", store=True)
    termijn_id = fields.Many2one(
        "keten.termijn", required=True, ondelete="restrict", index=True
    )
    termijn_code = fields.Selection(related="termijn_id.code", store=True, index=True)
    state = fields.Selection(
        DEADLINE_STATES, required=True, default="open", index=True, readonly=True
    )
    date_start = fields.Date(
        string="Started",
        required=True,
        readonly=True,
        help="The day of the event that started the termijn.",
    )
    date_deadline = fields.Date(string="Deadline", required=True, readonly=True)
    date_done = fields.Date(string="Met on", readonly=True)
    is_late = fields.Boolean(
        compute="_compute_is_late",
        store=True,
        help="Met after the deadline, or still open past it.",
    )
    overdue_since = fields.Date(
        readonly=True,
        help="Set by the daily termijnbewaking when the deadline passed while open.",
    )
    overdue_notified = fields.Boolean(readonly=True)
    res_model = fields.Char(string="Subject model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Subject", model_field="res_model", required=True, readonly=True
    )
    target_model = fields.Char(readonly=True)
    target_id = fields.Many2oneReference(model_field="target_model", readonly=True)
    dossier_id = fields.Many2one(
        "keten.dossier", ondelete="cascade", index=True, readonly=True
    )
    melding_id = fields.Many2one(
        "keten.melding", ondelete="cascade", index="btree_not_null", readonly=True
    )
    interventie_id = fields.Many2one(
        "keten.interventie", ondelete="cascade", index="btree_not_null", readonly=True
    )
    item_id = fields.Many2one(
        "keten.casusoverleg.item",
        string="Agenda item",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
    )
    responsible_id = fields.Many2one(
        "res.users",
        readonly=True,
        help="Who the termijn is scheduled for: the responsible person, or the "
        "regie of the responsible organisation.",
    )
    activity_id = fields.Many2one("mail.activity", ondelete="set null", readonly=True)
    activity_user_id = fields.Many2one(
        related="activity_id.user_id", string="Activity for"
    )
    close_reason = fields.Selection(
        CLOSE_REASONS,
        string="Closed because",
        readonly=True,
        help="Why the termijn was closed this way.",
    )
    days_left = fields.Integer(compute="_compute_days_left")

    @api.depends("termijn_id.name", "res_model", "res_id")
    def _compute_name(self):
        for deadline in self:
            subject = deadline._subject()
            reference = self._subject_reference(subject.sudo()) if subject else ""
            deadline.name = f"{deadline.termijn_id.name or ''} {reference}".strip()

    @api.model
    def _subject_reference(self, subject):
        """Numbers only: an activity, a list or a message names no person and
        no free text."""
        if subject._name in ("keten.dossier", "keten.melding"):
            return subject.name or ""
        if subject._name == "keten.casusoverleg.item":
            return f"{subject.dossier_id.name or ''} / {subject.overleg_id.name or ''}"
        return subject.dossier_id.name or ""

    @api.depends("state", "date_deadline", "date_done", "overdue_since")
    def _compute_is_late(self):
        for deadline in self:
            if deadline.state == "done":
                deadline.is_late = bool(
                    deadline.date_done and deadline.date_done > deadline.date_deadline
                )
            else:
                deadline.is_late = deadline.state == "open" and bool(
                    deadline.overdue_since
                )

    def _compute_days_left(self):
        today = self.env["keten.termijn"]._today()
        for deadline in self:
            deadline.days_left = (
                (deadline.date_deadline - today).days
                if deadline.state == "open" and deadline.date_deadline
                else 0
            )

    def init(self):
        # Never two open deadlines of one termijn for one subject.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS keten_deadline_open_uniq
                ON keten_deadline (termijn_id, res_model, res_id)
             WHERE state = 'open'
            """
        )
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS keten_deadline_open_due_idx
                ON keten_deadline (date_deadline) WHERE state = 'open'
            """
        )

    # ------------------------------------------------------------------
    # CRUD: the records of the case make deadlines, users do not
    # ------------------------------------------------------------------
    def _system_write_message(self):
        return self.env._(
            "Termijnen follow the records of the case: record the event "
            "(a weging, a terugkoppeling, a plan ...) instead of changing the "
            "termijn."
        )

    def _subject(self):
        self.ensure_one()
        if not self.res_model or not self.res_id or self.res_model not in self.env:
            return None
        return self.env[self.res_model].browse(self.res_id)

    def action_open_subject(self):
        self.ensure_one()
        record = self.env[self.target_model or self.res_model].browse(
            self.target_id or self.res_id
        )
        if record._name == "keten.casusoverleg.item":
            record = record.dossier_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }
