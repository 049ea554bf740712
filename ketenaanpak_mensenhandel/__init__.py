from . import controllers
from . import tools
from . import models
from . import report
from . import wizard
from . import demo
