"""Verwerkingsregister (AVG art. 30), generated from the configuration.

Nothing here is typed in twice: the categories of persons come from the roles
of the model, the categories of data from the fields of the models (grouped
in the data classes of seed 000, Bijlage I: static, dynamic and exceptional
data, plus criminal-investigation data), the recipients from the
organisations and their legal bases, the retention periods from the settings,
and the security measures from the groups, access rights and record rules.
The register reads no case record: only configuration and counts.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date, format_datetime, html2plaintext

from ..models.keten_dossier_person import PERSON_ROLES
from ..models.keten_melding import MELDER_FIELDS
from ..models.keten_person import PERSONAL_FIELDS

# Data classes of seed 000, Bijlage I ("statische, dynamische en exceptionele
# data"); criminal data (AVG art. 10) is a class of its own: Justitie only.
DATA_CLASSES = {
    "static": {
        "keten.person": PERSONAL_FIELDS,
        "keten.melding": MELDER_FIELDS,
        "keten.consent": ("given_by_name", "document"),
    },
    "dynamic": {
        "keten.person": ("note",),
        "keten.melding": (
            "content",
            "verschijningsvorm_ids",
            "location_address",
            "location_type",
            "gemeente_uitbuiting_id",
            "period_description",
            "frequency",
            "hulpverlening_betrokken",
            "politie_gebeld",
        ),
        "keten.dossier": (
            "summary",
            "verschijningsvorm_ids",
            "stage_id",
            "urgency",
            "kwalificatie",
            "quadrant",
            "nazorg_status",
            "nazorg_note",
            "closing_note",
        ),
        "keten.dossier.person": ("role", "note"),
        "keten.weging": ("actueel", "veiligheid", "history_note", "analysis"),
        "keten.bewijsmiddel": ("kind", "description"),
        "keten.casusoverleg.item": ("question", "decisions"),
        "keten.plan": (
            "goal",
            "results",
            "role_division",
            "network",
            "next_steps",
            "monitoring_agreements",
        ),
        "keten.plan.action": ("name", "description", "result"),
        "keten.interventie": ("name", "intervention_type", "result", "result_note"),
        "keten.evaluatie": ("case_description", "went_well", "to_improve"),
        "keten.consent": ("purpose", "organisation_id", "date_given", "age_statement"),
        # files of a case (a medical statement is exceptional data, a
        # proces-verbaal criminal data: their kind decides who sees them)
        "keten.document": ("name", "document_type", "note", "datas"),
        # what is passed on to CoMensha with the victim's consent
        "keten.comensha.registration": (
            "verschijningsvorm_ids",
            "age_group",
            "gender",
            "nationality_id",
            "date_signal",
            "referring_organisation_id",
        ),
        # what a data subject asked and what was decided (AVG art. 20, 21)
        "keten.avg.request": ("request_type", "objection_reason", "portability_file"),
    },
    "exceptional": {
        "keten.weging": (
            "doorlaatverbod",
            "factor_lvb",
            "factor_psychisch",
            "factor_verslaving",
            "factor_systeem",
            "factor_sociaal_economisch",
            "factor_other",
            "bedenktijd_b8",
        ),
    },
    "criminal": {
        "keten.strafrecht": (
            "proces_verbaal",
            "verdenking",
            "opsporingsstrategie",
            "dwangmiddelen",
            "om_besluit",
            "om_besluit_note",
        ),
        "keten.plan": ("suspects_note",),
        "keten.interventie": ("intervention_type",),
    },
}


class KetenProcessingRegister(models.AbstractModel):
    _name = "report.ketenaanpak_mensenhandel.processing_register"
    _description = "Verwerkingsregister (AVG art. 30)"

    @api.model
    def _get_report_values(self, docids, data=None):
        if not self.env.user.has_group("ketenaanpak_mensenhandel.group_privacy"):
            raise AccessError(
                self.env._("The processing register is for the privacy officer.")
            )
        return {
            "doc_ids": docids,
            "doc_model": "keten.processing.register.wizard",
            "docs": self.env["keten.processing.register.wizard"].browse(docids),
            "register": self._register_values(),
        }

    @api.model
    def _register_values(self):
        env = self.env(su=True)
        _ = self.env._
        return {
            "generated_on": format_datetime(self.env, fields.Datetime.now()),
            "controller": env.company.name,
            "privacy_officers": self._privacy_officers(env),
            "purposes": self._purposes(env),
            "persons": self._person_categories(),
            "data_classes": self._data_classes(env),
            "recipients": self._recipients(env),
            "retention": self._retention(env),
            "security": self._security(env),
            "transfers": _(
                "None: the data stays in this system; partners outside the EU/EEA "
                "do not take part in the chain."
            ),
        }

    def _privacy_officers(self, env):
        privacy = env.ref("ketenaanpak_mensenhandel.group_privacy")
        beheerder = env.ref("ketenaanpak_mensenhandel.group_beheerder")
        officers = privacy.users.filtered(
            lambda u: beheerder not in u.groups_id and not u.share and u.active
        )
        return [
            {
                "name": user.name,
                "organisations": ", ".join(user.keten_organisation_ids.mapped("name")),
                "email": user.email or "",
            }
            for user in officers.sorted("name")
        ]

    def _purposes(self, env):
        _ = self.env._
        purposes = [
            {
                "name": hoofdstap.name,
                "description": html2plaintext(hoofdstap.guidance or "")[:600],
            }
            for hoofdstap in env["keten.hoofdstap"].search([], order="sequence, id")
            if hoofdstap.code != "preventie"
        ]
        purposes += [
            {
                "name": _("Figures for the Regionale Tafel"),
                "description": _(
                    "Aggregated and anonymised counts; small counts suppressed; no "
                    "person-level data leaves the case table."
                ),
            },
            {
                "name": _("Accountability"),
                "description": _(
                    "Who viewed which file (NEN 7513), changes of personal data, "
                    "requests of data subjects, sharing without a valid basis."
                ),
            },
        ]
        return purposes

    def _person_categories(self):
        labels = dict(
            self.env["keten.dossier.person"]
            ._fields["role"]
            ._description_selection(self.env)
        )
        categories = [labels.get(key, label) for key, label in PERSON_ROLES]
        categories.append(
            self.env._("Professionals of the partner organisations (users)")
        )
        return categories

    def _data_classes(self, env):
        _ = self.env._
        titles = {
            "static": (
                _("Static data"),
                _("Who the person is: name, address, birth date, BSN, contact."),
            ),
            "dynamic": (
                _("Dynamic data"),
                _(
                    "The person's circumstances and the case: meldingen, wegingen, "
                    "plans, interventions."
                ),
            ),
            "exceptional": (
                _("Exceptional data"),
                _(
                    "Weighing factors that point to risks, among them health data "
                    "(AVG art. 9: LVB, mental health, addiction)."
                ),
            ),
            "criminal": (
                _("Criminal-investigation data"),
                _("AVG art. 10: for Justitie of an involved organisation only."),
            ),
        }
        result = []
        for key, models_fields in DATA_CLASSES.items():
            groups = []
            for model_name, fnames in models_fields.items():
                Model = env[model_name]
                groups.append(
                    {
                        "model": Model._description,
                        "fields": ", ".join(
                            Model._fields[fname]._description_string(self.env)
                            for fname in fnames
                            if fname in Model._fields
                        ),
                    }
                )
            title, description = titles[key]
            result.append(
                {
                    "key": key,
                    "title": title,
                    "description": description,
                    "groups": groups,
                }
            )
        return result

    def _recipients(self, env):
        today = fields.Date.context_today(self)
        year_ago = fields.Datetime.subtract(fields.Datetime.now(), years=1)
        overrides = dict(
            env["keten.basis.override"]._read_group(
                [("create_date", ">=", year_ago)], ["organisation_id"], ["__count"]
            )
        )
        memberships = dict(
            env["keten.organisation"]
            ._fields["membership"]
            ._description_selection(self.env)
        )
        states = dict(
            env["keten.organisation"]
            ._fields["legal_basis_state"]
            ._description_selection(self.env)
        )
        types = dict(
            env["keten.legal.basis"]
            ._fields["basis_type"]
            ._description_selection(self.env)
        )
        recipients = []
        for organisation in env["keten.organisation"].search([]):
            state = organisation._basis_state_on(today)
            recipients.append(
                {
                    "name": organisation.name,
                    "membership": memberships.get(organisation.membership, ""),
                    "state": state,
                    "state_label": states.get(state, ""),
                    "bases": [
                        {
                            "type": types.get(basis.basis_type, ""),
                            "name": basis.name,
                            "valid_from": format_date(self.env, basis.date_from),
                            "valid_to": format_date(self.env, basis.date_to)
                            if basis.date_to
                            else "",
                        }
                        for basis in organisation.legal_basis_ids
                    ],
                    "overrides": overrides.get(organisation, 0),
                }
            )
        return recipients

    def _retention(self, env):
        _ = self.env._
        years = env["keten.retention"]._retention_years()
        return [
            (
                _("Dossiers and everything recorded on them"),
                _(
                    "%(years)s years after the dossier is closed; then anonymised "
                    "(names, free text, messages, files and the access log go; the "
                    "figures stay).",
                    years=years,
                ),
            ),
            (
                _("Meldingen without a dossier"),
                _("%(years)s years after they were handled.", years=years),
            ),
            (
                _("Persons"),
                _(
                    "Anonymised once every dossier and melding about them is; at "
                    "once on an approved erasure request."
                ),
            ),
            (
                _("Access log, changes of personal data"),
                _("Removed with the dossier, melding or person they are about."),
            ),
            (
                _("Consents and requests of data subjects"),
                _(
                    "Who asked and about whom is removed with the person, or "
                    "%(years)s years after the request was closed; the request "
                    "itself (type, dates, outcome) stays as accountability.",
                    years=years,
                ),
            ),
            (
                _("Figures for the Regionale Tafel"),
                _("Anonymous: kept."),
            ),
        ]

    def _security(self, env):
        _ = self.env._
        category = env.ref("ketenaanpak_mensenhandel.module_category_ketenaanpak")
        groups = env["res.groups"].search([("category_id", "=", category.id)])
        rules = env["ir.rule"].search([("model_id.model", "=like", "keten.%")])
        models_with_rules = sorted(set(rules.mapped("model_id.name")))
        access = env["ir.model.access"].search([("model_id.model", "=like", "keten.%")])
        measures = [
            {
                "title": _("Roles (groups)"),
                "lines": [
                    f"{group.name}: {group.comment or ''}"
                    for group in groups.sorted("id")
                ],
            },
            {
                "title": _("Need-to-know"),
                "lines": [
                    _(
                        "%(rules)s record rules on %(models)s models: a partner sees "
                        "only the dossiers its organisation is involved in; %(acl)s "
                        "access rights.",
                        rules=len(rules),
                        models=len(models_with_rules),
                        acl=len(access),
                    ),
                    _(
                        "Criminal-investigation information is for Justitie of an "
                        "involved organisation only; the Beheerder does not see it."
                    ),
                    _(
                        "Sharing with an organisation needs a valid legal basis; "
                        "sharing without one asks for a reason, which is recorded."
                    ),
                ],
            },
            {
                "title": _("Logging (NEN 7513)"),
                "lines": [
                    _(
                        "Every read, change, export and print of a dossier, melding "
                        "or person by a user: user, role, organisation, record, "
                        "action, time, address, session and workstation; "
                        "append-only (a database trigger refuses changes)."
                    ),
                    _(
                        "Changes of personal data with the old and new value and a "
                        "reason (rectificatie)."
                    ),
                ],
            },
            {
                "title": _("Rights of data subjects"),
                "lines": [
                    _(
                        "Inzage report per person; erasure and restriction by two "
                        "Beheerders (four eyes); a restricted person is frozen."
                    ),
                ],
            },
            {
                "title": _("Input and files"),
                "lines": [
                    _(
                        "Free text is bounded, states follow their transitions, files "
                        "are at most %(mb)s MB; e-mail notifications carry no case "
                        "content.",
                        mb=env["ir.attachment"]._keten_max_attachment_bytes()
                        // (1024 * 1024),
                    ),
                ],
            },
        ]
        return measures
