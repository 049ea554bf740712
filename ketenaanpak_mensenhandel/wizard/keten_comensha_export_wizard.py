"""Export of the CoMensha registrations of a period (XLSX and CSV), for the
region's CoMensha contact.

The period selects registrations by the opening date of their dossier, as the
Regionale-Tafel workbook counts new dossiers, so that the summary reconciles
with it: victims in new dossiers, of which in dossiers qualified as human
trafficking, of which registered with consent, withdrawn, without consent.
Withdrawn registrations are not exported. Like the workbook, the export can be
limited to municipalities (woongemeente or gemeente van uitbuiting).
"""

import base64
import csv
import io

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .keten_rapportage_wizard import _default_date_from

EXPORTED_STATES = ("te_melden", "gemeld")
COLUMNS = (
    "name",
    "person_name",
    "date_signal",
    "verschijningsvorm_ids",
    "age_group",
    "gender",
    "nationality_id",
    "nationality_group",
    "region",
    "referring_organisation_id",
    "state",
    "date_reported",
)


class KetenComenshaExportWizard(models.TransientModel):
    _name = "keten.comensha.export.wizard"
    _description = "CoMensha export"
    _inherit = ["keten.validation.mixin"]

    date_from = fields.Date(
        string="From", required=True, default=lambda self: _default_date_from(self)
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    gemeente_ids = fields.Many2many(
        "keten.gemeente",
        "keten_comensha_export_wizard_gemeente_rel",
        "wizard_id",
        "gemeente_id",
        string="Municipalities",
        help="Only the dossiers about these municipalities (woongemeente or gemeente "
        "van uitbuiting), as in the Rapportage Regionale Tafel. Empty: the whole "
        "region.",
    )
    registration_count = fields.Integer(
        string="Registrations", compute="_compute_counts"
    )
    to_report_count = fields.Integer(string="To be reported", compute="_compute_counts")
    withdrawn_count = fields.Integer(
        string="Withdrawn (not exported)", compute="_compute_counts"
    )
    csv_file = fields.Binary(string="CSV", readonly=True, attachment=False)
    csv_name = fields.Char(string="CSV file name", readonly=True)

    @api.depends("date_from", "date_to", "gemeente_ids")
    def _compute_counts(self):
        for wizard in self:
            registrations = wizard._registrations_of_period(states=None)
            wizard.registration_count = len(
                registrations.filtered(lambda r: r.state in EXPORTED_STATES)
            )
            wizard.to_report_count = len(
                registrations.filtered(lambda r: r.state == "te_melden")
            )
            wizard.withdrawn_count = len(
                registrations.filtered(lambda r: r.state == "ingetrokken")
            )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    self.env._("The period starts after it ends: swap the dates.")
                )

    # ------------------------------------------------------------------
    # What is exported
    # ------------------------------------------------------------------
    def _figures_params(self):
        return self.env["keten.rapportage.figures"]._params(
            self.date_from, self.date_to, gemeente_ids=self.gemeente_ids.ids
        )

    def _dossier_filter(self, alias="d"):
        """The municipalities filter of the workbook, on a keten_dossier alias."""
        return (
            self.env["keten.rapportage.figures"]
            .sudo()
            ._dossier_condition(self._figures_params(), alias)
        )

    def _registrations_of_period(self, states=EXPORTED_STATES):
        self.ensure_one()
        domain = [
            ("date_opened", ">=", self.date_from),
            ("date_opened", "<=", self.date_to),
        ]
        if self.gemeente_ids:
            self.env.flush_all()
            # only the period's dossiers: the id list stays as small as the export
            self.env.cr.execute(
                SQL(
                    "SELECT d.id FROM keten_dossier d"
                    " WHERE d.date_opened BETWEEN %s AND %s AND %s",
                    self.date_from,
                    self.date_to,
                    self._dossier_filter("d"),
                )
            )
            domain.append(
                ("dossier_id", "in", [row[0] for row in self.env.cr.fetchall()])
            )
        if states:
            domain.append(("state", "in", states))
        return self.env["keten.comensha.registration"].search(
            domain, order="date_signal, id"
        )

    def _export_header(self):
        Registration = self.env["keten.comensha.registration"]
        labels = []
        for fname in COLUMNS:
            if fname == "person_name":
                labels.append(self.env._("Name"))
            else:
                labels.append(Registration._fields[fname]._description_string(self.env))
        return labels

    def _export_rows(self):
        """The export as plain values: one row per registration, the name only
        where the consent allows it; withdrawn registrations left out."""
        registrations = self._registrations_of_period(states=None)
        registrations._refresh_unreported()
        registrations = self._registrations_of_period()
        Registration = self.env["keten.comensha.registration"]
        selections = {
            fname: dict(Registration._fields[fname]._description_selection(self.env))
            for fname in ("age_group", "gender", "nationality_group", "state")
        }
        rows = []
        for registration in registrations:
            row = []
            for fname in COLUMNS:
                if fname == "person_name":
                    value = registration._name_passed_on()
                elif fname in selections:
                    value = selections[fname].get(registration[fname], "")
                elif fname == "verschijningsvorm_ids":
                    value = ", ".join(
                        registration[fname].sorted("sequence").mapped("name")
                    )
                elif fname in ("nationality_id", "referring_organisation_id"):
                    value = registration[fname].name or ""
                elif fname in ("date_signal", "date_reported"):
                    value = (
                        registration[fname].strftime("%d-%m-%Y")
                        if registration[fname]
                        else ""
                    )
                else:
                    value = registration[fname] or ""
                row.append(value)
            rows.append(row)
        return registrations, rows

    def _reconciliation(self):
        """How the registrations relate to the Regionale-Tafel workbook of the
        same period: [(label, count)]."""
        self.ensure_one()
        _ = self.env._
        params = self._figures_params()
        victims = (
            self.env["keten.rapportage.figures"].sudo()._figures_key(params)["victims"]
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT count(*),
                       count(r.id) FILTER (WHERE r.state IN ('te_melden', 'gemeld')),
                       count(r.id) FILTER (WHERE r.state = 'ingetrokken')
                  FROM keten_dossier d
                  JOIN keten_dossier_person p
                    ON p.dossier_id = d.id AND p.role = 'slachtoffer'
                  LEFT JOIN keten_comensha_registration r
                    ON r.dossier_id = d.id AND r.person_id = p.person_id
                 WHERE d.date_opened BETWEEN %s AND %s AND d.kwalificatie = 'wel'
                   AND %s
                """,
                self.date_from,
                self.date_to,
                self._dossier_filter("d"),
            )
        )
        qualified, registered, withdrawn = self.env.cr.fetchone()
        return [
            (
                _("Victims in new dossiers (as in the Rapportage Regionale Tafel)"),
                victims,
            ),
            (_("of whom in dossiers qualified as human trafficking"), qualified),
            (_("of whom registered with CoMensha with their consent"), registered),
            (_("of whom withdrew their consent (not exported)"), withdrawn),
            (
                _("of whom without a consent to the registration"),
                qualified - registered - withdrawn,
            ),
        ]

    def _log_export(self, registrations):
        """An export of registrations is an export of their dossiers."""
        self.env["keten.access.log"]._log_records(
            registrations.dossier_id, "export", "export"
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref(
            "ketenaanpak_mensenhandel.keten_comensha_export_xlsx"
        ).report_action(self)

    def action_export_csv(self):
        self.ensure_one()
        registrations, rows = self._export_rows()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self._export_header())
        writer.writerows(rows)
        self.write(
            {
                "csv_file": base64.b64encode(buffer.getvalue().encode("utf-8-sig")),
                "csv_name": self._export_file_name("csv"),
            }
        )
        self._log_export(registrations)
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/csv_file/"
            f"{self.csv_name}?download=true",
            "target": "self",
        }

    def action_mark_reported(self):
        """Everything of the period still to report was passed on to CoMensha."""
        self.ensure_one()
        self._registrations_of_period(states=("te_melden",)).action_mark_reported()
        return {"type": "ir.actions.act_window_close"}

    def _export_file_name(self, extension):
        return (
            f"CoMensha {self.date_from.strftime('%d-%m-%Y')} - "
            f"{self.date_to.strftime('%d-%m-%Y')}.{extension}"
        )
