"""18.0.1.1.0: retention.

Meldingen handled without a dossier now record when (``date_handled``): their
bewaartermijn starts there. For meldingen handled before this version the best
known date is their last change.
"""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE keten_melding
           SET date_handled = write_date::date
         WHERE handled_without_dossier AND date_handled IS NULL
        """
    )
    _logger.info("date_handled set on %s melding(en) handled earlier", cr.rowcount)
