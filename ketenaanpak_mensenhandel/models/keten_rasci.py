from odoo import fields, models

RASCI_ROLES = [
    ("R", "Responsible"),
    ("A", "Accountable"),
    ("S", "Supportive"),
    ("C", "Consulted"),
    ("I", "Informed"),
]


class KetenRasci(models.Model):
    """The RASCI role of a core partner in one hoofdstap."""

    _name = "keten.rasci"
    _description = "RASCI role per hoofdstap"
    _inherit = ["keten.validation.mixin"]
    _order = "hoofdstap_id, role, organisation_id"

    organisation_id = fields.Many2one(
        "keten.organisation", required=True, ondelete="cascade", index=True
    )
    hoofdstap_id = fields.Many2one("keten.hoofdstap", required=True, ondelete="cascade")
    role = fields.Selection(RASCI_ROLES, required=True)
    note = fields.Char()

    _sql_constraints = [
        (
            "organisation_hoofdstap_uniq",
            "unique(organisation_id, hoofdstap_id)",
            "An organisation has one RASCI role per hoofdstap.",
        ),
    ]
