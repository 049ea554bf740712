"""18.0.1.5.0: documents, CoMensha registration.

Victims who gave a written CoMensha consent before the upgrade, in a dossier
qualified as human trafficking, get their registration (to be reported) and
its termijn, as if the consent were recorded now. Documents are new: nothing
to move (files in the chatter stay where they are).

The access log's index on res_model alone gives way to the index on
(res_model, res_id) that the model's init() creates: the planner took the
narrower one for "who viewed this person" and read every row of a model.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    # Odoo keeps an index a field no longer asks for: drop it here
    cr.execute("DROP INDEX IF EXISTS keten_access_log__res_model_index")
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    consents = env["keten.consent"].search([("purpose", "=", "comensha")])
    env["keten.comensha.registration"]._sync_for_persons(consents.person_id)
