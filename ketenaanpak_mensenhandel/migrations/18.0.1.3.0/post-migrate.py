"""18.0.1.3.0: termijnbewaking.

Open cases get their termijnen from what they hold now: open dossiers with
their meldingen, agenda items and interventies, and meldingen waiting without a
dossier. What was met before the upgrade gets no termijn (its dates were never
planned); closed dossiers are left as they are.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    dossiers = env["keten.dossier"].search([("is_closed", "=", False)])
    waiting = env["keten.melding"].search(
        [
            ("dossier_id", "=", False),
            ("handled_without_dossier", "=", False),
            ("is_anonymised", "=", False),
        ]
    )
    Deadline = env["keten.deadline"]
    for start in range(0, len(dossiers), 500):
        Deadline._keten_touch(dossiers[start : start + 500])
    Deadline._keten_touch(waiting)
    _logger.info(
        "Termijnen started for %s open dossier(s) and %s waiting melding(en): %s open",
        len(dossiers),
        len(waiting),
        Deadline.search_count([("state", "=", "open")]),
    )
