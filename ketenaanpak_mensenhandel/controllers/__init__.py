from . import intake
from . import report
