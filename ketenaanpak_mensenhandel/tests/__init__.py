"""The addon's tests.

Both runners run every module imported here: pytest-odoo (`make test`) finds
the test_*.py files by itself; Odoo's own runner (`odoo -i ... --test-enable`,
`--test-tags`, `make test-odoo-addon`) loads only what this package imports.
tests/test_addon_tests.py (repo level) fails when a test_*.py file is missing
here or a test class has no feature tag; `make test-odoo-addon` checks that
both runners run the same tests.
"""

from . import log_guard
from . import test_access_involvement
from . import test_access_justice
from . import test_access_log
from . import test_access_matrix
from . import test_access_matrix_rpc
from . import test_access_side_views
from . import test_avg_access_log
from . import test_avg_erasure
from . import test_avg_inzage
from . import test_avg_objection
from . import test_avg_portability
from . import test_avg_rectification
from . import test_casusoverleg_report
from . import test_comensha
from . import test_consent_age
from . import test_demo
from . import test_documents
from . import test_documents_http
from . import test_duplicates
from . import test_guidance
from . import test_i18n_nl
from . import test_intake_form
from . import test_intake_mail
from . import test_legal_basis
from . import test_legal_basis_notice
from . import test_performance
from . import test_person_merge
from . import test_process
from . import test_processing_register
from . import test_rapportage_access
from . import test_rapportage_download
from . import test_rapportage_suppression
from . import test_rapportage_workbook
from . import test_retention
from . import test_retention_concurrency
from . import test_retention_language
from . import test_security_login
from . import test_security_sessions
from . import test_security_settings
from . import test_security_tour
from . import test_termijnen
from . import test_tours
from . import test_validation

# Odoo's own tests re-run with the addon installed (`make test-odoo`): tagged
# -standard, so only --test-tags keten_neighbours selects them; pytest does not
# collect this file.
from . import odoo_neighbours as test_odoo_neighbours

log_guard.install()
