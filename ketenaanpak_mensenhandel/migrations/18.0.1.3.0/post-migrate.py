"""18.0.1.3.0: termijnbewaking.

Open cases get their termijnen from what they hold now: open dossiers with
their meldingen, agenda items and interventies, and meldingen waiting without a
dossier. What was met before the upgrade gets no termijn (its dates were never
planned); closed dossiers are left as they are.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    env["keten.deadline"]._start_open_cases()
