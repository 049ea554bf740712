"""Shared set-up for the AVG tests (issue 10): requests of data subjects,
rendered reports and the identifying strings of the grid's persons."""

from odoo.tests import new_test_user

from .common import P

INZAGE = P + "keten_avg_request_report_inzage"
REGISTER = P + "keten_processing_register_report"


def person_strings(person):
    """What would identify ``person`` in a rendered report: names, BSN and
    the birth date in the notations a report or a text may use."""
    strings = [
        value
        for value in (person.first_name, person.last_name, person.known_as, person.bsn)
        if value
    ]
    if person.birth_date:
        day = person.birth_date
        strings += [
            day.strftime(fmt)
            for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%B %d, %Y")
        ]
        strings.append(f"{day.month}/{day.day}/{day.year}")
    return strings


class AvgMixin:
    """Helpers for a KetenCase subclass."""

    @classmethod
    def setup_avg_users(cls):
        cls.user_beheerder_2 = new_test_user(
            cls.env,
            login="kt_beheerder_2",
            groups=f"base.group_user,{P}group_beheerder",
            keten_organisation_ids=[(6, 0, cls.org_zvh.ids)],
        )

    @classmethod
    def avg_request(cls, person, request_type="inzage", user=None, **values):
        """A request about ``person`` whose identity was checked."""
        vals = {
            "request_type": request_type,
            "channel": "brief",
            "subject_bsn": person.bsn or False,
            "subject_name": person.name if not person.bsn else False,
            "subject_birth_date": person.birth_date if not person.bsn else False,
            "identity_note": "ID-kaart getoond aan de balie",
        }
        vals.update(values)
        request = (
            cls.env["keten.avg.request"]
            .with_user(user or cls.user_privacy)
            .create(vals)
        )
        request.action_find_person()
        request.action_verify_identity()
        return request

    def render_inzage(self, request, user=None):
        html, kind = (
            self.env["ir.actions.report"]
            .with_user(user or self.user_privacy)
            ._render_qweb_html(INZAGE, request.ids)
        )
        self.assertEqual(kind, "html")
        return html.decode()
