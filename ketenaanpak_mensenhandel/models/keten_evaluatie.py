import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

EVALUATION_LEVELS = [
    ("casus", "Case"),
    ("proces", "Process"),
    ("keten", "Chain"),
    ("beleid", "Policy"),
]


class KetenEvaluatie(models.Model):
    """Evaluation on one of four levels, led by a neutral procesbegeleider."""

    _name = "keten.evaluatie"
    _description = "Evaluatie"
    _inherit = [
        "keten.mail.privacy.mixin",
        "mail.activity.mixin",
        "keten.guidance.mixin",
        "keten.validation.mixin",
    ]
    _guidance_stage_xmlid = "ketenaanpak_mensenhandel.stage_geevalueerd"
    _order = "date_planned desc, id desc"
    _state_transitions = {
        "gepland": ("uitgevoerd", "geannuleerd"),
        "uitgevoerd": ("vastgesteld", "geannuleerd"),
        "geannuleerd": ("gepland",),
    }

    name = fields.Char(required=True)
    level = fields.Selection(
        EVALUATION_LEVELS,
        required=True,
        default="casus",
        tracking=True,
        help="Casus, proces, keten or beleid: each level needs its own approach.",
    )
    dossier_id = fields.Many2one(
        "keten.dossier", ondelete="restrict", index=True, help="For a casus evaluation."
    )
    procesbegeleider_organisation_id = fields.Many2one(
        "keten.organisation",
        string="Procesbegeleider (organisation)",
        help="Neutral: not an owner of the case (e.g. RIEC).",
    )
    procesbegeleider_user_id = fields.Many2one("res.users", string="Procesbegeleider")
    date_planned = fields.Date(
        string="Planned on",
        tracking=True,
        help="When the evaluation takes place. A casus evaluatie must be planned "
        "before the dossier is closed.",
    )
    date_done = fields.Date(string="Held on", tracking=True)
    state = fields.Selection(
        [
            ("gepland", "Planned"),
            ("uitgevoerd", "Carried out"),
            ("vastgesteld", "Adopted"),
            ("geannuleerd", "Cancelled"),
        ],
        default="gepland",
        required=True,
        tracking=True,
    )
    case_description = fields.Text(
        string="Anonymised case description",
        help="Describe the case without names, birth dates, BSN or addresses.",
    )
    went_well = fields.Text(
        string="What went well",
        help="What went well in the case, the process or the chain.",
    )
    to_improve = fields.Text(
        string="What can be better",
        help="What can be better: systems, processes, roles, knowledge.",
    )
    lesson_ids = fields.One2many(
        "keten.lesson", "evaluatie_id", string="Lessons learned"
    )

    @api.constrains("level", "dossier_id")
    def _check_dossier(self):
        for evaluatie in self:
            if evaluatie.level == "casus" and not evaluatie.dossier_id:
                raise ValidationError(
                    self.env._("A casus evaluatie belongs to a dossier.")
                )

    @api.constrains(
        "procesbegeleider_organisation_id", "procesbegeleider_user_id", "dossier_id"
    )
    def _check_neutral(self):
        for evaluatie in self:
            dossier = evaluatie.dossier_id.sudo()
            organisation = evaluatie.procesbegeleider_organisation_id
            user = evaluatie.procesbegeleider_user_id
            if organisation and organisation in (
                dossier.regie_organisation_id | dossier.zorgcoordinator_organisation_id
            ):
                raise ValidationError(
                    self.env._(
                        "The procesbegeleider is neutral: %(organisation)s owns this case "
                        "(regie or zorgcoördinatie).",
                        organisation=organisation.name,
                    )
                )
            if user and user in (
                dossier.regie_user_id | dossier.zorgcoordinator_user_id
            ):
                raise ValidationError(
                    self.env._(
                        "The procesbegeleider is neutral: %(user)s owns this case "
                        "(regievoerder or zorgcoördinator).",
                        user=user.name,
                    )
                )
            self._ensure_acts_for(user, organisation)

    @api.constrains("date_planned", "date_done", "dossier_id")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for evaluatie in self:
            if evaluatie.date_done and evaluatie.date_done > today:
                raise ValidationError(
                    self.env._("An evaluation cannot be held in the future.")
                )
            opened = evaluatie.dossier_id.sudo().date_opened
            if evaluatie.date_done and opened and evaluatie.date_done < opened:
                raise ValidationError(
                    self.env._(
                        "A casus evaluation cannot be held before the dossier was "
                        "opened."
                    )
                )

    @api.constrains("state", "case_description", "lesson_ids")
    def _check_adopted(self):
        if self._is_anonymising():
            return
        for evaluatie in self.filtered(lambda e: e.state == "vastgesteld"):
            evaluatie._ensure_adoptable()

    def _ensure_adoptable(self):
        self.ensure_one()
        if self.level == "casus" and not self.case_description:
            raise ValidationError(
                self.env._("A casus evaluatie needs the anonymised case description.")
            )
        if not self.lesson_ids:
            raise ValidationError(self.env._("Secure at least one lesson learned."))

    @api.constrains("case_description", "dossier_id")
    def _check_anonymous(self):
        for evaluatie in self:
            found = evaluatie._identifying_terms_in(evaluatie.case_description)
            if found:
                raise ValidationError(
                    self.env._(
                        "The case description must be anonymous; it contains identifying "
                        "data of a person in the dossier (%(count)s item(s)). Remove names, "
                        "BSN, birth dates and addresses.",
                        count=len(found),
                    )
                )

    def _identifying_terms_in(self, text):
        """Return identifying terms of the dossier's persons that occur in ``text``."""
        self.ensure_one()
        if not text or not self.dossier_id:
            return []
        haystack = text.lower()
        found = []
        for person in self.dossier_id.sudo().person_link_ids.person_id:
            terms = [
                person.first_name,
                person.last_name,
                person.known_as,
                person.bsn,
                person.street,
            ]
            if person.birth_date:
                terms += [
                    person.birth_date.strftime("%d-%m-%Y"),
                    person.birth_date.strftime("%Y-%m-%d"),
                    person.birth_date.strftime("%d/%m/%Y"),
                ]
            for term in terms:
                if (
                    term
                    and len(term.strip()) >= 3
                    and re.search(
                        r"(?<!\w)" + re.escape(term.strip().lower()) + r"(?!\w)",
                        haystack,
                    )
                ):
                    found.append(term)
        return found

    @api.model_create_multi
    def create(self, vals_list):
        evaluaties = super().create(vals_list)
        self.env["keten.deadline"]._sync_for_records(
            evaluaties.dossier_id, codes=("evaluatie",)
        )
        return evaluaties

    def write(self, vals):
        dossiers = self.dossier_id
        result = super().write(vals)
        if {
            "state",
            "date_done",
            "level",
            "dossier_id",
            "procesbegeleider_user_id",
            "procesbegeleider_organisation_id",
        } & set(vals):
            self.env["keten.deadline"]._sync_for_records(
                dossiers | self.dossier_id, codes=("evaluatie",)
            )
        return result

    def _deadline_subjects(self):
        """(termijn code, subjects) that a change of these evaluaties bears on."""
        return [("evaluatie", self.dossier_id)]

    def action_done(self):
        for evaluatie in self:
            if not evaluatie.procesbegeleider_user_id and not (
                evaluatie.procesbegeleider_organisation_id
            ):
                raise UserError(self.env._("Appoint the procesbegeleider first."))
            evaluatie.write(
                {
                    "state": "uitgevoerd",
                    "date_done": evaluatie.date_done or fields.Date.context_today(self),
                }
            )
        return True

    def action_approve(self):
        for evaluatie in self:
            if evaluatie.state != "uitgevoerd":
                raise UserError(self.env._("Only a held evaluation is adopted."))
            evaluatie._ensure_adoptable()
        self.write({"state": "vastgesteld"})
        # A closed dossier whose casus evaluation is adopted moves to 'Geëvalueerd'.
        for dossier in self.filtered(lambda e: e.level == "casus").dossier_id:
            last = self.env["keten.stage"].search(
                [
                    ("hoofdstap_code", "=", "evaluatie"),
                    ("closing_type", "=", "afgesloten"),
                ],
                order="sequence desc, id desc",
                limit=1,
            )
            if dossier.is_closed and last and dossier.stage_id != last:
                dossier.stage_id = last
        return True

    def action_cancel(self):
        self.write({"state": "geannuleerd"})
        return True
