from . import keten_rapportage
from . import keten_rapportage_figures
from . import keten_rapportage_xlsx
from . import keten_casusoverleg_report
