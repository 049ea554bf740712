"""The termijnen of a dossier: which of its fields they are computed from,
their state on the dossier, the nazorg check and the deadlines it bears on."""

from odoo import api, fields, models
from odoo.exceptions import UserError

# Fields of a dossier that termijnen are computed from, and which termijnen
# (None: all of them; a stage change counts only when it closes or reopens).
DEADLINE_TRIGGERS = {
    "stage_id": None,
    "date_closed": None,
    "active": None,
    "regie_user_id": None,
    "regie_organisation_id": None,
    "urgency": ("eerste_weging",),
    "meldpunt_organisation_id": ("eerste_weging", "terugkoppeling"),
    "nazorg_status": ("nazorg_check",),
    "nazorg_check_date": ("nazorg_check",),
    "zorgcoordinator_user_id": ("nazorg_check",),
    "zorgcoordinator_organisation_id": ("nazorg_check",),
}


def deadline_codes(changed):
    """The termijnen a write of ``changed`` fields bears on (None: all)."""
    codes = set()
    for name in changed:
        if name in DEADLINE_TRIGGERS:
            if DEADLINE_TRIGGERS[name] is None:
                return None
            codes.update(DEADLINE_TRIGGERS[name])
    return codes or ()


class KetenDossier(models.Model):
    """Termijnbewaking on the dossier: every create and every write of a
    trigger field brings its termijnen in step (``keten.deadline``)."""

    _inherit = "keten.dossier"  # pylint: disable=consider-merging-classes-inherited

    deadline_ids = fields.One2many(
        "keten.deadline", "dossier_id", string="Termijnen", readonly=True
    )
    next_deadline_date = fields.Date(
        string="Next deadline",
        compute="_compute_next_deadline",
        store=True,
        help="The earliest deadline of the open termijnen of this dossier.",
    )
    next_deadline_termijn_id = fields.Many2one(
        "keten.termijn",
        string="Next termijn",
        compute="_compute_next_deadline",
        store=True,
    )
    termijn_overdue = fields.Boolean(
        string="Termijn overdue",
        readonly=True,
        copy=False,
        index=True,
        help="An open termijn of this dossier passed its deadline (kept up to date "
        "by the daily termijnbewaking and whenever a termijn changes).",
    )
    nazorg_check_date = fields.Date(
        string="Nazorg check on",
        tracking=True,
        copy=False,
        help="When it was checked, after the case was closed, that the nazorg holds: "
        "safe place, help and contact to prevent relapse.",
    )

    @api.depends("deadline_ids.state", "deadline_ids.date_deadline")
    def _compute_next_deadline(self):
        for dossier in self:
            open_deadlines = dossier.deadline_ids.filtered(lambda d: d.state == "open")
            first = open_deadlines.sorted(lambda d: (d.date_deadline, d.id))[:1]
            dossier.next_deadline_date = first.date_deadline
            dossier.next_deadline_termijn_id = first.termijn_id

    # ------------------------------------------------------------------
    # CRUD: the termijnen follow the dossier
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        dossiers = super().create(vals_list)
        self.env["keten.deadline"]._sync_for_records(dossiers)
        return dossiers

    def write(self, vals):
        changed = set(vals)
        if "stage_id" in vals:
            # Read before the write checks access: as superuser, nothing of it
            # is shown; the write itself refuses a user who may not change it.
            closing = self.env["keten.stage"].sudo().browse(vals["stage_id"]).is_closed
            if not closing and not any(self.sudo().mapped("is_closed")):
                # from one open stage to another: no termijn depends on it
                changed.discard("stage_id")
        result = super().write(vals)
        codes = deadline_codes(changed)
        if codes is None or codes:
            self.env["keten.deadline"]._sync_for_records(self, codes=codes)
        return result

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _deadline_subjects(self):
        """(termijn code, subjects) that a change of these dossiers bears on."""
        meldingen = self.melding_ids
        return [
            ("eerste_weging", meldingen),
            ("terugkoppeling", meldingen),
            ("bespreking", self.agenda_item_ids),
            ("plan", self),
            ("interventie_review", self.interventie_ids),
            ("nazorg_check", self),
            ("evaluatie", self),
        ]

    def action_nazorg_check_done(self):
        """The nazorg was checked today (also: mark the nazorg-check activity done)."""
        for dossier in self:
            dossier._ensure_nazorg_checkable()
        self.write({"nazorg_check_date": self.env["keten.termijn"]._today()})
        return True

    def _ensure_nazorg_checkable(self):
        self.ensure_one()
        if not self.is_closed or self.nazorg_status != "geregeld":
            raise UserError(
                self.env._(
                    "Dossier %(ref)s: the nazorg check is done after the case is closed "
                    "with nazorg arranged.",
                    ref=self.name,
                )
            )

    def _record_termijn_event(self, deadline, day, feedback=False):
        """Marking the nazorg-check activity done records the check."""
        self.ensure_one()
        if deadline.termijn_code == "nazorg_check":
            self._ensure_nazorg_checkable()
            self.write({"nazorg_check_date": day})

    def action_open_deadlines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Termijnen of %(ref)s", ref=self.name),
            "res_model": "keten.deadline",
            "view_mode": "list,form",
            "domain": [("dossier_id", "=", self.id)],
        }
