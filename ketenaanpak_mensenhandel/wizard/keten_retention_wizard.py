from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError

LINE_KINDS = [
    ("dossier", "Dossier"),
    ("melding", "Melding without dossier"),
    ("person", "Person"),
]


class KetenRetentionWizard(models.TransientModel):
    """Preview of the next retention run, and the button to run it now."""

    _name = "keten.retention.wizard"
    _description = "Retention: preview and run"
    _inherit = ["keten.validation.mixin"]

    retention_years = fields.Integer(string="Bewaartermijn (years)", readonly=True)
    cutoff_date = fields.Date(string="Closed on or before", readonly=True)
    dossier_count = fields.Integer(string="Dossiers", readonly=True)
    melding_count = fields.Integer(string="Meldingen without dossier", readonly=True)
    person_count = fields.Integer(string="Persons anonymised", readonly=True)
    kept_count = fields.Integer(string="Persons kept", readonly=True)
    line_ids = fields.One2many(
        "keten.retention.wizard.line", "wizard_id", string="Next run", readonly=True
    )
    result = fields.Html(readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        preview = self.env["keten.retention"]._preview()
        lines = [
            {
                "kind": "dossier",
                "reference": dossier.name,
                "date_closed": dossier.date_closed,
                "outcome": "anonymise",
            }
            for dossier in preview["dossiers"]
        ]
        lines += [
            {
                "kind": "melding",
                "reference": melding.name,
                "date_closed": melding.date_handled,
                "outcome": "anonymise",
            }
            for melding in preview["meldingen"]
        ]
        lines += [
            {"kind": "person", "reference": f"P-{person.id}", "outcome": "anonymise"}
            for person in preview["persons"]
        ]
        lines += [
            {
                "kind": "person",
                "reference": f"P-{person.id}",
                "outcome": "keep",
                "note": self.env._(
                    "Still in %(dossiers)s",
                    dossiers=", ".join(preview["keeping"].get(person.id, []))
                    or self.env._("a melding within its bewaartermijn"),
                ),
            }
            for person in preview["kept"]
        ]
        values.update(
            retention_years=preview["retention_years"],
            cutoff_date=preview["cutoff_date"],
            dossier_count=preview["dossier_count"],
            melding_count=preview["melding_count"],
            person_count=preview["person_count"],
            kept_count=preview["kept_count"],
            line_ids=[fields.Command.create(line) for line in lines],
        )
        return values

    def action_run(self):
        self.ensure_one()
        if not self.env.user.has_group("ketenaanpak_mensenhandel.group_privacy"):
            raise AccessError(
                self.env._("Only the privacy officer runs the anonymisation by hand.")
            )
        summary = self.env["keten.retention"]._run_all(
            reason=self.env._("bewaartermijn passed (run by %s)", self.env.user.name)
        )
        items = [
            (self.env._("Dossiers"), summary["dossiers"]),
            (self.env._("Meldingen"), summary["meldingen"]),
            (self.env._("Persons anonymised"), summary["persons"]),
            (self.env._("Persons kept"), summary["persons_kept"]),
            (self.env._("Messages removed"), summary["messages"]),
            (self.env._("Files removed"), summary["attachments"]),
            (self.env._("Who-viewed entries removed"), summary["access_log"]),
        ]
        result = Markup("<ul>%s</ul>") % Markup("").join(
            Markup("<li>%s: %s</li>") % (escape(label), count) for label, count in items
        )
        wizard = self.create({"result": result})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }


class KetenRetentionWizardLine(models.TransientModel):
    _name = "keten.retention.wizard.line"
    _description = "Retention preview line"
    _inherit = ["keten.validation.mixin"]
    _order = "kind, outcome, reference"

    wizard_id = fields.Many2one(
        "keten.retention.wizard", required=True, ondelete="cascade"
    )
    kind = fields.Selection(LINE_KINDS, required=True)
    reference = fields.Char()
    date_closed = fields.Date(string="Closed / handled on")
    outcome = fields.Selection(
        [("anonymise", "Anonymised"), ("keep", "Kept: still needed")], required=True
    )
    note = fields.Char()
