from odoo import api, models

from .scenario import load_demo_region


class ResCompany(models.Model):
    """The entry point of the demo scenario (demo/keten_scenario_demo.xml): a
    ``<function>`` calls a model method, the code is plain Python beside it.
    The demo region is the demo's company (res_company_demo.xml)."""

    _inherit = "res.company"

    @api.model
    def _keten_load_demo_region(self):
        load_demo_region(self.env)
        return True
