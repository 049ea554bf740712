import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from odoo.tests import HttpCase, tagged

P = "ketenaanpak_mensenhandel."
PATH = "/meldpunt/formulier"
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
FUZZ_FIELDS = [
    "category",
    "melder_name",
    "melder_organisation_name",
    "melder_role",
    "melder_phone",
    "melder_email",
    "about",
    "content",
    "location_address",
    "location_type",
    "gemeente_uitbuiting_id",
    "woongemeente_id",
    "period_description",
    "frequency",
    "nr_victims",
    "nr_offenders",
    "hulpverlening",
    "politie",
    "zorgcoordinator",
    "acuut",
    "person_1_first_name",
    "person_1_name_prefix",
    "person_1_last_name",
    "person_1_known_as",
    "person_1_birth_date",
    "person_1_gender",
    "person_2_last_name",
    "person_3_birth_date",
    "website",
    "unknown_field",
]
FUZZ_VALUES = [
    "",
    "melding",
    "signaal",
    "personen",
    "situatieschets",
    "ja",
    "vrouw",
    "01-01-2000",
    "2100-01-01",
    "29-02-2001",
    "-1",
    "99999999999999",
    "0",
    "1000",
    "a@b.nl",
    "x" * 201,
    "\x00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
]
CONTENT = "Meisje van ongeveer zestien wordt 's nachts opgehaald bij het internaat."


def enable_intake_form(env):
    """Switch the web form on, for a meldpunt of its own; returns the meldpunt."""
    meldpunt = env["keten.organisation"].create(
        {
            "name": "Formulier Veilig Thuis",
            "code": "VTF",
            "kind": "zorg",
            "membership": "ketenregieteam",
            "is_meldpunt": True,
            "phone": "0800-2000",
        }
    )
    for key, value in (
        ("intake_organisation_id", str(meldpunt.id)),
        ("intake_form_enabled", "True"),
        ("intake_rate_limit", "1000"),
    ):
        env["ir.config_parameter"].set_param(P + key, value)
    return meldpunt


@tagged("post_install", "-at_install", "keten_intake")
class TestIntakeForm(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meldpunt = enable_intake_form(cls.env)
        cls.gemeente = cls.env["keten.gemeente"].create(
            {"name": "Formulierdorp", "cbs_code": "GM9951"}
        )
        cls.vormen = cls.env.ref(P + "vorm_seksueel") | cls.env.ref(P + "vorm_arbeid")
        cls.Melding = cls.env["keten.melding"]
        cls.Form = cls.env["keten.intake.form"]

    @classmethod
    def set_params(cls, **params):
        for key, value in params.items():
            cls.env["ir.config_parameter"].set_param(P + key, value)

    def get_form(self):
        response = self.url_open(PATH)
        self.assertEqual(response.status_code, 200)
        csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.text)
        token = re.search(r'name="intake_token"[^>]*value="([^"]+)"', response.text)
        return {"csrf_token": csrf.group(1), "intake_token": token.group(1)}

    def payload(self, **overrides):
        data = dict(
            self.get_form(),
            category="melding",
            melder_name="Els Docent",
            melder_organisation_name="Het Internaat",
            melder_role="Mentor",
            melder_email="els@internaat.example",
            about="personen",
            person_1_first_name="Maria",
            person_1_last_name="Ionescu",
            person_1_birth_date="14-03-2009",
            person_1_gender="vrouw",
            content=CONTENT,
            verschijningsvorm_ids=[str(v) for v in self.vormen.ids],
            gemeente_uitbuiting_id=str(self.gemeente.id),
            location_type="woning",
            frequency="structureel",
            nr_victims="1",
            hulpverlening="nee",
            politie="ja",
            zorgcoordinator="onbekend",
            acuut="nee",
        )
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    def post(self, data, files=None):
        return self.url_open(PATH, data=data, files=files or None)

    def count(self):
        return self.Melding.search_count([])

    def error_of(self, form, files=()):
        """The message the form model gives for these values, in the page's language."""
        lang = self.Melding._intake_lang()
        errors = self.Form.with_context(lang=lang)._validate(form, list(files))[3]
        return {key: str(escape(message)) for key, message in errors.items()}

    # ------------------------------------------------------------------
    def test_form_page_is_accessible_html_without_scripts(self):
        response = self.url_open(PATH)
        html = response.text
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertIn("<html lang=", html)
        self.assertNotIn("<script", html)
        self.assertIn('enctype="multipart/form-data"', html)
        for field in ("melder_name", "melder_email", "content", "person_1_last_name"):
            self.assertRegex(html, rf'<label for="{field}"')
        self.assertIn("<fieldset", html)
        self.assertEqual(response.headers["X-Frame-Options"], "DENY")
        self.assertIn("no-store", response.headers["Cache-Control"])

    def test_happy_path_registers_a_new_melding_in_the_meldpunt_queue(self):
        before = self.count()
        response = self.post(
            self.payload(), files={"attachments": ("foto.pdf", PDF, "application/pdf")}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.count(), before + 1)
        melding = self.Melding.search([], order="id desc", limit=1)
        self.assertIn(melding.name, response.text, "the receipt number is shown")
        for stored in ("Maria", "Ionescu", "internaat", "foto.pdf", "Els"):
            self.assertNotIn(stored, response.text, "stored data is never shown")
        self.assertEqual(melding.channel, "formulier")
        self.assertEqual(melding.state, "nieuw")
        self.assertEqual(melding.organisation_id, self.meldpunt)
        self.assertEqual(melding.category, "melding")
        self.assertEqual(melding.content, CONTENT)
        self.assertEqual(melding.melder_email, "els@internaat.example")
        self.assertEqual(melding.melder_organisation_name, "Het Internaat")
        self.assertEqual(melding.verschijningsvorm_ids, self.vormen)
        self.assertEqual(melding.gemeente_uitbuiting_id, self.gemeente)
        self.assertTrue(melding.politie_gebeld)
        self.assertFalse(melding.hulpverlening_betrokken)
        self.assertFalse(melding.is_situatieschets)
        self.assertEqual(melding.person_ids.name, "Maria Ionescu")
        self.assertEqual(str(melding.person_ids.birth_date), "2009-03-14")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "keten.melding"), ("res_id", "=", melding.id)]
        )
        self.assertEqual(attachment.name, "foto.pdf")
        self.assertEqual(attachment.raw, PDF)
        queue = self.Melding.search(
            [("state", "=", "nieuw"), ("organisation_id", "=", self.meldpunt.id)]
        )
        self.assertIn(melding, queue)

    def test_situatieschets_without_names(self):
        before = self.count()
        data = self.payload(
            about="situatieschets",
            person_1_first_name="",
            person_1_last_name="",
            person_1_birth_date="",
            person_1_gender="",
        )
        response = self.post(data)
        self.assertEqual(response.status_code, 200)
        melding = self.Melding.search([], order="id desc", limit=1)
        self.assertEqual(self.count(), before + 1)
        self.assertTrue(melding.is_situatieschets)
        self.assertFalse(melding.person_ids)

    def test_sending_the_same_form_twice_registers_one_melding(self):
        data = self.payload()
        first = self.post(data)
        before = self.count()
        second = self.post(data)
        self.assertEqual(second.status_code, 200)
        self.assertEqual(self.count(), before)
        melding = self.Melding.search([], order="id desc", limit=1)
        self.assertIn(melding.name, first.text)
        self.assertIn(melding.name, second.text)

    def test_form_is_off_by_default(self):
        self.set_params(intake_form_enabled="False")
        before = self.count()
        self.assertEqual(self.url_open(PATH).status_code, 404)
        data = {"csrf_token": "x", "content": CONTENT}
        self.assertEqual(self.post(data).status_code, 404)
        self.assertEqual(self.count(), before)

    def test_csrf_failure_keeps_the_answers_and_stores_nothing(self):
        before = self.count()
        response = self.post(self.payload(csrf_token="forged"))
        self.assertEqual(response.status_code, 403)
        self.assertIn('id="error-summary"', response.text)
        self.assertIn('value="Els Docent"', response.text, "nothing typed is lost")
        self.assertEqual(self.count(), before)
        response = self.post(
            {k: v for k, v in self.payload().items() if k != "csrf_token"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.count(), before)

    def test_oversize_text_and_attachments_are_refused(self):
        self.set_params(max_text_length="100", intake_max_attachment_mb="1")
        before = self.count()
        data = self.payload(content="x" * 101)
        response = self.post(data)
        self.assertEqual(response.status_code, 400)
        self.assertIn(self.error_of(data)["content"], response.text)
        self.assertIn('value="Els Docent"', response.text)

        big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
        response = self.post(
            self.payload(), files={"attachments": ("groot.pdf", big, "application/pdf")}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn('id="attachments-error"', response.text)
        self.assertIn("groot.pdf", response.text)
        self.assertEqual(self.count(), before)
        self.assertFalse(self.env["ir.attachment"].search([("name", "=", "groot.pdf")]))

    def test_too_many_attachments_are_refused(self):
        self.set_params(intake_max_attachments="1")
        before = self.count()
        files = [
            ("attachments", ("a.pdf", PDF, "application/pdf")),
            ("attachments", ("b.pdf", PDF, "application/pdf")),
        ]
        response = self.post(self.payload(), files=files)
        self.assertEqual(response.status_code, 400)
        self.assertIn('id="attachments-error"', response.text)
        self.assertEqual(self.count(), before)

    def test_request_larger_than_all_limits_is_refused_unread(self):
        self.set_params(
            intake_max_attachment_mb="1",
            intake_max_attachments="1",
            max_text_length="100",
        )
        before = self.count()
        huge = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)
        response = self.post(
            self.payload(), files={"attachments": ("huge.pdf", huge, "application/pdf")}
        )
        self.assertEqual(response.status_code, 413)
        self.assertIn("<h1>", response.text)
        self.assertEqual(self.count(), before)

    def test_rate_limit_per_address(self):
        self.set_params(intake_rate_limit="2", intake_rate_window="60")
        self.env["keten.intake.attempt"].sudo().search([]).unlink()
        before = self.count()
        self.assertEqual(self.post(self.payload()).status_code, 200)
        self.assertEqual(self.post(self.payload(melder_email="fout")).status_code, 400)
        blocked = self.post(self.payload())
        self.assertEqual(blocked.status_code, 429)
        self.assertEqual(blocked.headers["Retry-After"], "3600")
        self.assertIn('value="Els Docent"', blocked.text)
        self.assertEqual(self.count(), before + 1, "only the first one is stored")
        attempts = self.env["keten.intake.attempt"].sudo().search([])
        self.assertEqual(len(attempts), 2)
        self.assertNotIn("127.0.0.1", attempts.mapped("address_hash"), "no raw address")

    def test_old_attempts_are_forgotten(self):
        Attempt = self.env["keten.intake.attempt"].sudo()
        Attempt.search([]).unlink()
        self.set_params(intake_rate_window="60")
        self.assertTrue(Attempt._register_attempt("192.0.2.1"))
        self.env.cr.execute(
            "INSERT INTO keten_intake_attempt (address_hash, attempt_time) "
            "VALUES ('old', (now() at time zone 'UTC') - interval '2 days')"
        )
        self.assertEqual(Attempt._gc_attempts(), 1)
        self.assertEqual(len(Attempt.search([])), 1, "a recent attempt still counts")

    def test_invalid_values_give_clear_messages_and_store_nothing(self):
        cases = {
            "melder_email": {"melder_email": "els-at-internaat"},
            "category": {"category": "spoed"},
            "about": {"about": "situatieschets"},  # with the names filled in
            "person_1_birth_date": {"person_1_birth_date": "31-02-2009"},
            "nr_victims": {"nr_victims": "veel"},
            "gemeente_uitbuiting_id": {"gemeente_uitbuiting_id": "999999"},
            "verschijningsvorm_ids": {"verschijningsvorm_ids": ["abc"]},
            "melder_name": {"melder_name": ""},
            "content": {"content": "   "},
            "person_1_gender": {"person_1_gender": "robot"},
        }
        before = self.count()
        for field, override in cases.items():
            with self.subTest(field=field):
                data = self.payload(**override)
                response = self.post(data)
                self.assertEqual(response.status_code, 400)
                self.assertIn(f'id="{field}-error"', response.text)
                self.assertIn(self.error_of(data)[field], response.text)
                self.assertIn(
                    f'href="#{field}"', response.text, "linked from the summary"
                )
        about_without_names = self.payload(
            person_1_first_name="",
            person_1_last_name="",
            person_1_birth_date="",
            person_1_gender="",
        )
        self.assertEqual(self.post(about_without_names).status_code, 400)
        no_contact = self.payload(melder_email="", melder_phone="")
        self.assertEqual(self.post(no_contact).status_code, 400)
        self.assertEqual(self.count(), before)

    def test_dangerous_attachments_are_refused(self):
        before = self.count()
        for name, data in (
            ("virus.exe", b"MZ\x90\x00binary"),
            ("page.pdf", b"<html><script>alert(1)</script></html>"),
            ("plaatje.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            ("leeg.pdf", b""),
        ):
            with self.subTest(name=name):
                response = self.post(
                    self.payload(),
                    files={"attachments": (name, data, "application/octet-stream")},
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn('id="attachments-error"', response.text)
        self.assertEqual(self.count(), before)

    def test_honeypot(self):
        before = self.count()
        response = self.post(self.payload(website="http://spam.example"))
        self.assertEqual(response.status_code, 400)
        self.assertNotIn("ML-", response.text)
        self.assertEqual(self.count(), before)

    @settings(
        max_examples=200,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        overrides=st.dictionaries(
            st.sampled_from(FUZZ_FIELDS),
            st.one_of(
                st.none(),
                st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
                st.sampled_from(FUZZ_VALUES),
            ),
            max_size=6,
        ),
        vormen=st.one_of(st.none(), st.lists(st.text(max_size=12), max_size=3)),
        upload=st.one_of(
            st.none(),
            st.tuples(
                st.one_of(
                    st.text(min_size=1, max_size=40),
                    st.sampled_from(["a.pdf", "b.png"]),
                ),
                st.one_of(st.binary(max_size=2048), st.just(PDF)),
            ),
        ),
        valid_csrf=st.sampled_from([True, True, True, False]),
        token=st.uuids(),
    )
    def test_random_payloads_never_cause_a_server_error(
        self, overrides, vormen, upload, valid_csrf, token
    ):
        """200 generated submissions, valid ones and broken ones: never a 500."""
        if not hasattr(self, "_fuzz_base"):
            self.set_params(intake_rate_limit="100000")
            self._fuzz_base = self.payload()
        data = dict(self._fuzz_base, intake_token=token.hex)
        for key, value in overrides.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        if vormen is not None:
            data["verschijningsvorm_ids"] = vormen
        if not valid_csrf:
            data["csrf_token"] = token.hex
        files = {"attachments": upload} if upload else None
        response = self.post(data, files=files)
        self.assertLess(response.status_code, 500, response.text[:500])
        self.assertIn(response.status_code, (200, 400, 403))
