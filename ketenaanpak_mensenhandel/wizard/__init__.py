from . import keten_involve_organisation_wizard
from . import keten_rapportage_wizard
from . import keten_person_duplicate_wizard
from . import keten_person_merge_wizard
from . import keten_retention_wizard
from . import keten_processing_register_wizard
from . import keten_comensha_export_wizard
