from odoo import models


class KetenDossier(models.Model):
    """Possibly known persons on a dossier."""

    _name = "keten.dossier"
    _inherit = ["keten.dossier", "keten.duplicate.review.mixin"]

    def _review_person_fields(self):
        return ["person_link_ids.person_id"]

    def _review_persons(self):
        self.ensure_one()
        return self.sudo().person_link_ids.person_id

    def _replace_person(self, source, target):
        """Give ``target`` the roles of ``source`` in this dossier."""
        self.ensure_one()
        links = self.person_link_ids
        taken = {link.role for link in links if link.person_id == target}
        for link in links.filtered(lambda link: link.person_id == source):
            if link.role in taken:
                link.unlink()
            else:
                link.person_id = target
                taken.add(link.role)
