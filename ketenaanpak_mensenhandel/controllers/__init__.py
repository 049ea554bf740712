from . import intake
from . import report
from . import security
