"""The demo scenario of the region Noord- en Oost-Gelderland.

Runs after the fixed demo records (the XML files of demo/) and finds them by
XML id. Everything is invented: the people and cases do not exist. Records
are created through the ORM, so every stage guard and validation holds; the
seeded ``random.Random`` makes the same demo every time, with dates relative
to the day it is loaded and moved into the past where a case is older.
"""

import logging

from .builders import DemoBuilder
from .documents import load_documents
from .historic_dossiers import load_historic_dossiers
from .intake import load_intake_demo
from .pilot_dossiers import load_pilot_dossiers
from .privacy import load_privacy, load_rights
from .termijnen import load_termijnen
from .users import finish_users

_logger = logging.getLogger(__name__)

SEED = 20261122


def load_demo_region(env):
    """Load the scenario into ``env``'s database, as superuser and without
    chatter noise (no tracking, no creation notes, no followers); the intake
    report arrives as a real one does, with its note."""
    quiet = env(
        su=True,
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_notrack=True,
            mail_create_nosubscribe=True,
            no_reset_password=True,
        ),
    )
    build = DemoBuilder(quiet, SEED)
    finish_users(build)
    load_pilot_dossiers(build)
    load_historic_dossiers(build, count=50)
    load_privacy(build)
    load_documents(build)
    load_rights(build)
    load_termijnen(build)
    load_intake_demo(env(su=True))
    _logger.info("Demo region Noord- en Oost-Gelderland loaded")
