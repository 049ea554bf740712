from odoo import models


class KetenDossier(models.Model):
    """The CoMensha registrations of a dossier have a termijn that follows the
    dossier (archived, anonymised)."""

    _inherit = "keten.dossier"  # pylint: disable=consider-merging-classes-inherited

    def _deadline_subjects(self):
        registrations = self.env["keten.comensha.registration"].search(
            [("dossier_id", "in", self.ids)]
        )
        return [*super()._deadline_subjects(), ("comensha", registrations)]
