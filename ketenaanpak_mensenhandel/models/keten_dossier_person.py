from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.person_data import AGE_GROUPS, age_group, age_on

PERSON_ROLES = [
    ("slachtoffer", "Victim"),
    ("verdachte", "Suspect"),
    ("melder", "Melder"),
    ("betrokkene", "Involved person"),
    ("netwerk", "Network"),
]


class KetenDossierPerson(models.Model):
    """The role of a person in a dossier. One person can be victim here and suspect there."""

    _name = "keten.dossier.person"
    _description = "Person in dossier"
    _inherit = ["keten.validation.mixin"]
    _order = "dossier_id, role_sequence, id"
    _rec_name = "person_id"

    dossier_id = fields.Many2one(
        "keten.dossier", required=True, ondelete="cascade", index=True
    )
    person_id = fields.Many2one(
        "keten.person", required=True, ondelete="restrict", index=True
    )
    role = fields.Selection(PERSON_ROLES, required=True, default="slachtoffer")
    role_sequence = fields.Integer(compute="_compute_role_sequence", store=True)
    note = fields.Char()
    # Statistical fields, frozen at the start of the dossier; they survive anonymisation.
    age_at_start = fields.Integer(
        compute="_compute_age_at_start", store=True, readonly=False
    )
    age_group = fields.Selection(
        AGE_GROUPS, compute="_compute_age_at_start", store=True, readonly=False
    )
    gender = fields.Selection(related="person_id.gender", store=True, string="Gender")
    nationality_group = fields.Selection(
        related="person_id.nationality_group", store=True, string="Nationality group"
    )
    person_woongemeente_id = fields.Many2one(
        related="person_id.woongemeente_id", store=True, string="Woongemeente of person"
    )
    birth_date = fields.Date(related="person_id.birth_date")
    dossier_is_closed = fields.Boolean(related="dossier_id.is_closed")

    _sql_constraints = [
        (
            "dossier_person_role_uniq",
            "unique(dossier_id, person_id, role)",
            "This person already has this role in the dossier.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        person_ids = {vals["person_id"] for vals in vals_list if vals.get("person_id")}
        Person = self.env["keten.person"]
        Person.browse(list(person_ids))._ensure_not_restricted()
        Person._ensure_link_access(person_ids)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("person_id"):
            Person = self.env["keten.person"]
            Person.browse(vals["person_id"])._ensure_not_restricted()
            Person._ensure_link_access({vals["person_id"]})
        return super().write(vals)

    @api.depends("role")
    def _compute_role_sequence(self):
        order = {key: index for index, (key, _label) in enumerate(PERSON_ROLES)}
        for link in self:
            link.role_sequence = order.get(link.role, 99)

    @api.depends("person_id.birth_date", "dossier_id.date_opened")
    def _compute_age_at_start(self):
        for link in self:
            if link.person_id.is_anonymised and link.age_group:
                continue  # keep the statistics of an anonymised person
            age = age_on(link.person_id.birth_date, link.dossier_id.date_opened)
            link.age_at_start = age or 0
            link.age_group = age_group(age)

    @api.constrains("person_id")
    def _check_person_not_anonymised(self):
        for link in self:
            if link.person_id.is_anonymised:
                raise ValidationError(
                    self.env._(
                        "%(person)s is anonymised and cannot be added to a dossier: "
                        "register the person again.",
                        person=link.person_id.name,
                    )
                )
