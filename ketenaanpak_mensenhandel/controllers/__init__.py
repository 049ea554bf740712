from . import intake
from . import report
from . import binary
from . import security
