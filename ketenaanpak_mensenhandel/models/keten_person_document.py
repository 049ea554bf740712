from odoo import fields, models


class KetenPerson(models.Model):
    """Documents about a person: on the person itself, or on one of their
    dossiers with the person as 'About'."""

    _name = "keten.person"
    _inherit = ["keten.person", "keten.document.owner.mixin"]
    _document_owner_field = "person_id"

    document_ids = fields.One2many(
        "keten.document",
        "person_id",
        string="Documents",
        groups="ketenaanpak_mensenhandel.group_ketenpartner",
    )
