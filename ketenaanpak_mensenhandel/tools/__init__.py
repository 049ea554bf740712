# Plain Python shared by models, reports and wizards: no ORM access, no
# models. Each module is one concern (see docs/architecture.md).
from . import person_data
from . import x2many
from . import working_days
from . import masking
from . import name_match
from . import suppression
from . import publication
