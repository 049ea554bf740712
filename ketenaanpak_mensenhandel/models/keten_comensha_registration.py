"""CoMensha registration: what the chain passes on to the national registration
of victims of human trafficking, for a victim who consented in writing.

A registration is made by the system when a dossier is qualified as human
trafficking (1e weging *wel* confirmed) and a victim of it has a recorded,
valid CoMensha consent, or when that consent is recorded later. It holds the
fields the chain passes on (verschijningsvormen, age band, gender,
nationality, region, date of the signal, referring organisation), never the
name unless the consent allows it (read from the person at the export). Its
termijn starts at the kwalificatie (code ``comensha``). A withdrawn consent
makes it *ingetrokken*: it leaves the next export.
"""

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.person_data import AGE_GROUPS
from .keten_person import GENDERS, NATIONALITY_GROUPS

REGISTRATION_STATES = [
    ("te_melden", "To be reported"),
    ("gemeld", "Reported"),
    ("ingetrokken", "Withdrawn"),
]

# What a user may change by hand (through the buttons); the rest is the system's.
USER_FIELDS = {"state", "date_reported", "reported_by_id", "note"}


class KetenComenshaRegistration(models.Model):
    _name = "keten.comensha.registration"
    _description = "CoMensha registration"
    _inherit = [
        "keten.mail.privacy.mixin",
        "mail.activity.mixin",
        "keten.validation.mixin",
    ]
    _order = "date_signal desc, id desc"
    _keten_mail_reference_field = "name"
    _state_transitions = {
        "te_melden": ("gemeld", "ingetrokken"),
        "gemeld": ("ingetrokken",),
        "ingetrokken": ("te_melden",),
    }

    name = fields.Char(string="Reference", compute="_compute_name", store=True)
    dossier_id = fields.Many2one(
        "keten.dossier", required=True, readonly=True, index=True, ondelete="cascade"
    )
    date_opened = fields.Date(
        related="dossier_id.date_opened",
        store=True,
        string="Dossier opened on",
        help="The export selects by this date, as the Regionale-Tafel workbook "
        "counts new dossiers.",
    )
    person_id = fields.Many2one(
        "keten.person", required=True, readonly=True, index=True, ondelete="cascade"
    )
    consent_id = fields.Many2one(
        "keten.consent",
        readonly=True,
        ondelete="set null",
        help="The written consent of the victim to the registration.",
    )
    state = fields.Selection(
        REGISTRATION_STATES,
        default="te_melden",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    # What is passed on; kept as it was reported.
    date_kwalificatie = fields.Date(
        string="Qualified on",
        readonly=True,
        help="The 1e weging qualified the case as human trafficking: the termijn "
        "starts here.",
    )
    date_signal = fields.Date(
        string="Date of the signal",
        readonly=True,
        index=True,
        help="When the first melding of the dossier was received.",
    )
    verschijningsvorm_ids = fields.Many2many(
        "keten.verschijningsvorm",
        "keten_comensha_registration_vorm_rel",
        "registration_id",
        "vorm_id",
        string="Verschijningsvormen",
        readonly=True,
    )
    age_group = fields.Selection(AGE_GROUPS, string="Age band", readonly=True)
    gender = fields.Selection(GENDERS, readonly=True)
    nationality_id = fields.Many2one("res.country", readonly=True)
    nationality_group = fields.Selection(NATIONALITY_GROUPS, readonly=True)
    # The region is the company for now; with regions it becomes the record's
    # company (related="company_id.name").
    region = fields.Char(readonly=True, default=lambda self: self.env.company.name)
    referring_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Referring organisation",
        readonly=True,
        help="The organisation the first melding came from (its source), else the "
        "organisation that registered it.",
    )
    name_allowed = fields.Boolean(
        string="Name passed on",
        readonly=True,
        help="The consent allows the name to be passed on to CoMensha.",
    )
    date_reported = fields.Date(string="Reported on", readonly=True, copy=False)
    reported_by_id = fields.Many2one(
        "res.users", string="Reported by", readonly=True, copy=False
    )
    date_withdrawn = fields.Date(string="Withdrawn on", readonly=True, copy=False)
    note = fields.Char(help="E.g. the reference CoMensha gave.")

    _sql_constraints = [
        (
            "dossier_person_uniq",
            "unique(dossier_id, person_id)",
            "A victim is registered once per dossier.",
        ),
    ]

    @api.depends("dossier_id.name", "person_id")
    def _compute_name(self):
        for registration in self:
            registration.name = (
                f"{registration.dossier_id.name or ''} / P-{registration.person_id.id}"
            )

    # ------------------------------------------------------------------
    # CRUD: the system makes them, users report them
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A CoMensha registration is made by the system from the "
                    "kwalificatie and the victim's written consent."
                )
            )
        registrations = super().create(vals_list)
        self.env["keten.deadline"]._sync_for_records(registrations)
        return registrations

    def write(self, vals):
        if not self.env.su and set(vals) - USER_FIELDS:
            raise UserError(
                self.env._(
                    "What is passed on to CoMensha comes from the dossier and the "
                    "consent; correct it there."
                )
            )
        result = super().write(vals)
        if "state" in vals:
            self.env["keten.deadline"]._sync_for_records(self)
        return result

    def unlink(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A CoMensha registration is not deleted: it is withdrawn with "
                    "the consent."
                )
            )
        return super().unlink()

    def _deadline_subjects(self):
        """(termijn code, subjects) that a change of these registrations bears on."""
        return [("comensha", self)]

    # ------------------------------------------------------------------
    # Keeping them in step with the dossier and the consents
    # ------------------------------------------------------------------
    @api.model
    def _sync_for_persons(self, persons):
        dossiers = (
            persons.sudo()
            .with_context(active_test=False)
            .dossier_link_ids.filtered(lambda link: link.role == "slachtoffer")
            .dossier_id
        )
        self._sync_for_dossiers(dossiers, persons)

    @api.model
    def _sync_for_dossiers(self, dossiers, persons=None):
        """Registrations of the victims of ``dossiers`` (only ``persons`` when
        given): made when the dossier is qualified and the victim consented,
        withdrawn when the consent is, refreshed while not yet reported."""
        Registration = self.sudo()
        today = fields.Date.context_today(self)
        existing = {
            (r.dossier_id.id, r.person_id.id): r
            for r in Registration.search([("dossier_id", "in", dossiers.ids)])
        }
        to_create = []
        for dossier in dossiers.sudo():
            if dossier.is_anonymised:
                continue
            qualified = self._kwalificatie_day(dossier)
            victims = dossier.person_link_ids.filtered(
                lambda link: (
                    link.role == "slachtoffer"
                    and (persons is None or link.person_id in persons)
                )
            )
            for link in victims:
                registration = existing.get((dossier.id, link.person_id.id))
                consent = self._valid_consent(link.person_id, today)
                if registration:
                    registration._follow_consent(consent, link, today)
                elif consent and qualified:
                    to_create.append(
                        dict(
                            self._registration_values(dossier, link, consent),
                            dossier_id=dossier.id,
                            person_id=link.person_id.id,
                            date_kwalificatie=qualified,
                        )
                    )
        if to_create:
            Registration.create(to_create)

    def _follow_consent(self, consent, link, today):
        """One registration after a change of its consent."""
        self.ensure_one()
        if not consent and self.state != "ingetrokken":
            self.write({"state": "ingetrokken", "date_withdrawn": today})
        elif consent and self.state == "ingetrokken":
            self.write(
                dict(
                    self._registration_values(self.dossier_id, link, consent),
                    state="te_melden",
                    date_withdrawn=False,
                    date_reported=False,
                )
            )
        elif consent and self.state == "te_melden":
            self.write(self._registration_values(self.dossier_id, link, consent))

    @api.model
    def _kwalificatie_day(self, dossier):
        """The day the 1e weging qualified the dossier as human trafficking."""
        if dossier.kwalificatie != "wel":
            return False
        firsts = dossier.weging_ids.filtered(
            lambda w: (
                w.weging_type == "eerste"
                and w.state == "vastgesteld"
                and w.kwalificatie == "wel"
            )
        )
        if not firsts:
            return False
        return self._chain_day(min(firsts.mapped("date")))

    @api.model
    def _chain_day(self, moment):
        """The day of ``moment`` (UTC) in the chain's time zone."""
        zone = pytz.timezone(self.env["keten.termijn"]._chain_tz())
        return pytz.utc.localize(moment).astimezone(zone).date()

    @api.model
    def _valid_consent(self, person, day):
        return (
            self.env["keten.consent"]
            .sudo()
            .search(
                [
                    ("person_id", "=", person.id),
                    ("purpose", "=", "comensha"),
                    ("written", "=", True),
                    ("date_given", "<=", day),
                    "|",
                    ("date_withdrawn", "=", False),
                    ("date_withdrawn", ">", day),
                ],
                order="date_given desc, id desc",
                limit=1,
            )
        )

    @api.model
    def _registration_values(self, dossier, link, consent):
        """What is passed on, from the dossier and the frozen figures of the
        victim's role (the same the Regionale-Tafel workbook counts)."""
        meldingen = dossier.melding_ids.sorted(lambda m: (m.date_received, m.id))
        first = meldingen[:1].date_received
        return {
            "consent_id": consent.id,
            "date_signal": self._chain_day(first) if first else dossier.date_opened,
            "verschijningsvorm_ids": [(6, 0, dossier.verschijningsvorm_ids.ids)],
            "age_group": link.age_group or "unknown",
            "gender": link.gender or "onbekend",
            "nationality_id": link.person_id.nationality_id.id,
            "nationality_group": link.nationality_group or "onbekend",
            "referring_organisation_id": (
                meldingen[:1].source_organisation_id
                or dossier.registering_organisation_id
            ).id,
            "name_allowed": consent.comensha_name_allowed,
        }

    def _refresh_unreported(self):
        """Bring the registrations not yet reported up to date (before an export)."""
        todo = self.sudo().filtered(lambda r: r.state == "te_melden")
        for dossier, registrations in todo.grouped("dossier_id").items():
            self._sync_for_dossiers(dossier, registrations.person_id)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_mark_reported(self):
        """The registration was passed on to CoMensha."""
        todo = self.filtered(lambda r: r.state == "te_melden")
        if not todo:
            raise UserError(
                self.env._("Choose registrations that are still to report.")
            )
        todo.write(
            {
                "state": "gemeld",
                "date_reported": fields.Date.context_today(self),
                "reported_by_id": self.env.uid,
            }
        )
        return True

    def _name_passed_on(self):
        """The name passed on, only when the consent allows it."""
        self.ensure_one()
        person = self.sudo().person_id
        if not self.name_allowed or person.is_anonymised:
            return ""
        return person.name or ""
