"""AVG art. 20, portability: exactly the data the person provided, as JSON and
CSV in one zip, released by a second privacy officer; art. 20 and 21 requests
have the one-month deadline of the others."""

import base64
import csv
import io
import json
import zipfile
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .avg_common import AvgMixin, person_strings
from .common import KetenCase, P

FILES = [
    "data.json",
    "person.csv",
    "meldingen.csv",
    "consents.csv",
    "requests.csv",
    "README.txt",
]


@tagged("post_install", "-at_install", "keten_avg")
class TestAvgPortability(AvgMixin, KetenCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_avg_users()
        cls.user_privacy_2 = new_test_user(
            cls.env, login="kt_privacy_2", groups=f"base.group_user,{P}group_privacy"
        )
        victim = cls.person_victim
        victim.write(
            {
                "phone": "0612345678",
                "email": "sanne@example.org",
                "street": "Dorpsstraat 1",
                "zip": "7201 AA",
                "city": "Testdorp",
            }
        )
        # Sanne reported herself, naming Kees; somebody else reported about her
        cls.own_melding = cls.create_melding(
            victim,
            cls.org_vt,
            suspects=cls.person_suspect,
            channel="telefoon",
            melder_person_id=victim.id,
            melder_name="Sanne de Vries",
            melder_phone="0612345678",
            melder_email=False,
            content="Ik werk elke nacht voor Kees Bakker en krijg niets betaald.",
            location_address="Industrieweg 3, Testdorp",
            date_received="2026-02-03 10:00:00",
        )
        cls.create_melding(
            victim,
            cls.org_moviera,
            melder_name="Buurvrouw Jansen",
            content="Sanne komt 's ochtends pas thuis.",
        )
        cls.create_melding(
            cls.person_other,
            cls.org_moviera,
            melder_person_id=cls.person_other.id,
            melder_name="Olga Petrova",
            content="Olga meldt zichzelf.",
        )
        cls.env["keten.consent"].create(
            {
                "person_id": victim.id,
                "purpose": "comensha",
                "organisation_id": cls.org_moviera.id,
                "purpose_note": "Landelijke registratie",
                "date_given": "2026-02-10",
            }
        )

    def portability(self, **values):
        return self.avg_request(
            self.person_victim,
            "portabiliteit",
            channel="email",
            date_received="2026-03-02",
            **values,
        )

    def read_zip(self, request):
        archive = zipfile.ZipFile(
            io.BytesIO(base64.b64decode(request.portability_file))
        )
        return archive, {
            name: archive.read(name).decode() for name in archive.namelist()
        }

    def test_zip_holds_exactly_what_the_person_provided(self):
        request = self.portability()
        request.with_user(self.user_privacy).action_prepare_portability()
        self.assertEqual(request.state, "submitted")
        self.assertFalse(request.portability_file, "no file before the release")
        self.assertIn("Meldingen you made: 1", request.portability_summary)
        request.with_user(self.user_privacy_2).action_approve()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.approved_by_id, self.user_privacy_2)
        self.assertEqual(request.portability_file_name, f"{request.name}.zip")
        archive, files = self.read_zip(request)
        self.assertEqual(archive.namelist(), FILES)
        victim = self.person_victim
        person = {
            "first_name": "Sanne",
            "name_prefix": "",
            "last_name": "de Vries",
            "known_as": "",
            "birth_date": "2007-03-14",
            "gender": "Female",
            "nationality_id": "Netherlands",
            "bsn": "111222333",
            "street": "Dorpsstraat 1",
            "zip": "7201 AA",
            "city": "Testdorp",
            "woongemeente_id": "Testdorp",
            "phone": "0612345678",
            "email": "sanne@example.org",
        }
        melding = {
            "name": self.own_melding.name,
            "date_received": "2026-02-03T10:00:00",
            "channel": "Phone",
            "melder_name": "Sanne de Vries",
            "melder_organisation_name": "",
            "melder_role": "",
            "melder_phone": "0612345678",
            "melder_email": "",
            "content": "Ik werk elke nacht voor another person (Suspect) en krijg "
            "niets betaald.",
            "location_address": "Industrieweg 3, Testdorp",
            "period_description": "",
        }
        consent = {
            "purpose": "Registration with CoMensha",
            "organisation_id": "Test Moviera",
            "purpose_note": "Landelijke registratie",
            "date_given": "2026-02-10",
            "given_by": "The person themselves",
            "given_by_name": "",
            "age_statement": "",
            "written": True,
            "comensha_name_allowed": False,
            "date_withdrawn": "",
            "withdrawal_note": "",
        }
        own_request = {
            "name": request.name,
            "request_type": "Portability (art. 20)",
            "date_received": "2026-03-02",
            "channel": "E-mail",
            "requester_type": "The person themselves",
        }
        self.assertEqual(
            json.loads(files["data.json"]),
            {
                "request": request.name,
                "reference": f"P-{victim.id}",
                "person": [person],
                "meldingen": [melding],
                "consents": [consent],
                "requests": [own_request],
            },
        )
        for name, rows in (
            ("person.csv", [person]),
            ("meldingen.csv", [melding]),
            ("consents.csv", [consent]),
            ("requests.csv", [own_request]),
        ):
            parsed = list(csv.DictReader(io.StringIO(files[name])))
            self.assertEqual(
                parsed, [{k: str(v) for k, v in row.items()} for row in rows], name
            )
        everything = "\n".join(files.values())
        for other in (self.person_suspect, self.person_other):
            for value in person_strings(other):
                self.assertNotIn(value, everything, f"{other.name}: {value}")
        for value in ("Jansen", "'s ochtends", "zichzelf"):
            self.assertNotIn(value, everything)
        self.assertIn(request.name, files["README.txt"])

    def test_four_eyes_release(self):
        request = self.portability()
        with self.assertRaises(UserError):
            request.with_user(self.user_privacy).action_approve()  # nothing prepared
        request.with_user(self.user_privacy).action_prepare_portability()
        with self.assertRaises(UserError) as caught:
            request.with_user(self.user_privacy).action_approve()
        self.assertIn("Four eyes", str(caught.exception))
        with self.assertRaises(AccessError):
            request.with_user(self.user_regie).action_approve()
        self.assertFalse(request.portability_file)
        # the data changes in between: prepared again before it can go out
        self.person_victim.write(
            {"email": "sanne@example.net", "change_reason": "Nieuw"}
        )
        with self.assertRaises(UserError) as caught:
            request.with_user(self.user_beheerder).action_approve()
        self.assertIn("changed since the export was prepared", str(caught.exception))
        self.assertFalse(request.portability_file)
        request.with_user(self.user_privacy_2).action_reset()
        self.assertEqual(request.state, "received")
        request.with_user(self.user_privacy_2).action_prepare_portability()
        # a Beheerder is a privacy officer too
        request.with_user(self.user_beheerder).action_approve()
        _archive, files = self.read_zip(request)
        self.assertIn("sanne@example.net", files["person.csv"])
        action = request.with_user(self.user_privacy).action_download_portability()
        self.assertIn(f"/web/content/keten.avg.request/{request.id}/", action["url"])
        # a closed request stays closed
        with self.assertRaises(UserError):
            request.with_user(self.user_privacy).action_prepare_portability()

    def test_identity_first(self):
        request = (
            self.env["keten.avg.request"]
            .with_user(self.user_privacy)
            .create({"request_type": "portabiliteit", "subject_bsn": "111222333"})
        )
        request.action_find_person()
        with self.assertRaises(UserError):
            request.action_prepare_portability()

    def test_deadlines_of_portability_and_objection(self):
        for request_type in ("portabiliteit", "bezwaar"):
            with self.subTest(request_type=request_type):
                request = self.avg_request(
                    self.person_victim, request_type, date_received="2026-01-31"
                )
                self.assertEqual(request.date_deadline, date(2026, 2, 28))
                request.write({"extended": True, "extension_reason": "Veel gegevens"})
                self.assertEqual(
                    request.date_deadline, date(2026, 1, 31) + relativedelta(months=3)
                )
                old = self.avg_request(
                    self.person_victim,
                    request_type,
                    date_received=date.today() - relativedelta(months=2),
                )
                self.assertTrue(old.is_overdue)
                self.assertIn(
                    old,
                    self.env["keten.avg.request"].search([("is_overdue", "=", True)]),
                )
