# Demo data that must run Python: the scenario of the demo region, walked
# through the ORM (demo/scenario.py and the modules it calls). The fixed demo
# records are the XML files beside it. res_company.py only gives
# keten_scenario_demo.xml its entry point; no model is defined here.
from . import res_company
