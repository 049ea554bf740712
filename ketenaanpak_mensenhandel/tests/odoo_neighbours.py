"""Odoo's own tests, run with this addon installed (`make test-odoo`).

Odoo runs the at_install tests of base, resource and test_mail while it loads
those modules, before this addon is in the registry: they would not see our
models, overrides, groups and rules. These subclasses run the very same tests
(inherited, unchanged) post_install, when the whole registry is loaded.

They carry the tag ``keten_neighbours`` and not ``standard``: only `make
test-odoo` selects them (test_mail must be installed), pytest does not collect
this file. The mail classes are post_install already and run as they are.
"""

from odoo.tests import tagged

from odoo.addons.base.tests import test_acl
from odoo.addons.resource.tests import test_resource_calendar
from odoo.addons.test_mail.tests import test_mail_activity

NEIGHBOUR_TAGS = ("-standard", "-at_install", "post_install", "keten_neighbours")


@tagged(*NEIGHBOUR_TAGS)
class TestACL(test_acl.TestACL):
    allow_inherited_tests_method = True


@tagged(*NEIGHBOUR_TAGS)
class TestIrRule(test_acl.TestIrRule):
    allow_inherited_tests_method = True


@tagged(*NEIGHBOUR_TAGS)
class TestResourceCalendar(test_resource_calendar.TestResourceCalendar):
    allow_inherited_tests_method = True


@tagged(*NEIGHBOUR_TAGS)
class TestActivityRights(test_mail_activity.TestActivityRights):
    allow_inherited_tests_method = True


@tagged(*NEIGHBOUR_TAGS)
class TestActivityFlow(test_mail_activity.TestActivityFlow):
    allow_inherited_tests_method = True


@tagged(*NEIGHBOUR_TAGS)
class TestActivityMixin(test_mail_activity.TestActivityMixin):
    allow_inherited_tests_method = True
