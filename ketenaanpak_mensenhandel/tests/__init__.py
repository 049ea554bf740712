# The addon's tests run with pytest-odoo (`make test`), which finds the test_*.py
# files by itself. Odoo's own test loader only sees what is imported here: the
# re-run of Odoo's tests with this addon installed (`make test-odoo`).
from . import odoo_neighbours as test_odoo_neighbours
