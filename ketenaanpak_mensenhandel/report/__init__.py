from . import keten_rapportage
from . import keten_rapportage_figures
from . import keten_rapportage_xlsx
from . import keten_casusoverleg_report
from . import keten_inzage_report
from . import keten_processing_register
from . import keten_access_log_xlsx
