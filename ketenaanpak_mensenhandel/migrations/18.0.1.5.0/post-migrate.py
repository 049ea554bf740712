"""18.0.1.5.0: documents, CoMensha registration.

Victims who gave a written CoMensha consent before the upgrade, in a dossier
qualified as human trafficking, get their registration (to be reported) and
its termijn, as if the consent were recorded now. Documents are new: nothing
to move (files in the chatter stay where they are).
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    consents = env["keten.consent"].search([("purpose", "=", "comensha")])
    env["keten.comensha.registration"]._sync_for_persons(consents.person_id)
