"""Side views leak nothing: chatter, attachments, activities, followers,
notification e-mails, the casusoverleg calendar and autocompletes."""

import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import KetenAccessCase, KetenRpcMixin

CASE_MODELS = [
    "keten.person",
    "keten.melding",
    "keten.dossier",
    "keten.weging",
    "keten.casusoverleg",
    "keten.plan",
    "keten.plan.action",
    "keten.interventie",
    "keten.strafrecht",
    "keten.evaluatie",
]
OUTSIDERS = (
    "partner_gemeente",
    "partner_riec",
    "melder_school",
    "rapportage",
    "finance",
)


@tagged("post_install", "-at_install", "keten_access")
class TestSideViews(KetenRpcMixin, HttpCase, KetenAccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = cls.access_users()
        regie = cls.user_regie
        cls.dossier_b.with_user(regie).message_post(
            body="Olga verblijft bij mevrouw Jansen", subtype_xmlid="mail.mt_note"
        )
        cls.dossier_b.with_user(regie).urgency = "2"  # a tracking value
        Attachment = cls.env["ir.attachment"]
        cls.attachment_a = Attachment.create(
            {
                "name": "verklaring-a.txt",
                "raw": b"Verklaring Sanne",
                "res_model": "keten.dossier",
                "res_id": cls.dossier_a.id,
            }
        )
        cls.attachment_b = Attachment.create(
            {
                "name": "verklaring-b.txt",
                "raw": b"Verklaring Olga",
                "res_model": "keten.dossier",
                "res_id": cls.dossier_b.id,
            }
        )
        cls.activity_b = cls.dossier_b.with_user(regie).activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Olga bellen",
            user_id=cls.user_partner_moviera.id,
        )
        cls.dossier_a.message_subscribe(cls.user_partner_gemeente.partner_id.ids)
        cls.dossier_b.message_subscribe(cls.user_partner_moviera.partner_id.ids)

    @mute_logger("odoo.http")
    def test_chatter_of_a_dossier_stays_with_the_involved(self):
        message = self.dossier_b.message_ids.filtered(lambda m: "Jansen" in m.body)
        self.assertTrue(message)
        for key in OUTSIDERS:
            with self.subTest(user=key):
                self.login(key)
                found = self.call(
                    "mail.message",
                    "search_read",
                    [("model", "=", "keten.dossier")],
                    ["body", "record_name"],
                )
                self.assertNotIn(
                    self.dossier_b.id, [m.get("res_id") for m in found], key
                )
                self.assertNotIn("Jansen", json.dumps(found))
                self.assertDenied("mail.message", "read", message.ids, ["body"])
                if key != "finance" and key != "rapportage":
                    result = self.make_jsonrpc_request(
                        "/mail/thread/messages",
                        {
                            "thread_model": "keten.dossier",
                            "thread_id": self.dossier_b.id,
                        },
                    )
                    self.assertEqual(result["messages"], [])
                    self.assertNotIn("Jansen", json.dumps(result))
        # the involved partner reads the message and the tracking
        self.login("partner_moviera")
        result = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "keten.dossier", "thread_id": self.dossier_b.id},
        )
        dumped = json.dumps(result)
        self.assertIn("Jansen", dumped)
        self.assertIn("Acute", dumped)

    def test_melder_chatter_hides_the_dossier(self):
        self.login("melder_gemeente")
        result = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "keten.melding", "thread_id": self.melding_a.id},
        )
        self.assertNotIn(self.dossier_a.name, json.dumps(result))

    @mute_logger("odoo.http")
    def test_attachments_of_other_dossiers(self):
        for key in OUTSIDERS:
            with self.subTest(user=key):
                self.login(key)
                try:
                    found = self.call(
                        "ir.attachment",
                        "search_read",
                        [("res_model", "=", "keten.dossier")],
                        ["name"],
                    )
                except JsonRpcException as error:
                    self.assertEqual(str(error), self.DENIED)
                    found = []
                ids = {row["id"] for row in found}
                self.assertNotIn(self.attachment_b.id, ids)
                if key != "partner_gemeente":
                    self.assertNotIn(self.attachment_a.id, ids)
                self.assertDenied(
                    "ir.attachment", "read", self.attachment_b.ids, ["raw"]
                )
                response = self.url_open(
                    f"/web/content/{self.attachment_b.id}?download=true"
                )
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn("Olga", response.text)
        self.login("partner_gemeente")
        response = self.url_open(f"/web/content/{self.attachment_a.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"Verklaring Sanne")

    @mute_logger("odoo.http")
    def test_activities_of_other_dossiers(self):
        for key in OUTSIDERS:
            with self.subTest(user=key):
                self.login(key)
                found = self.call(
                    "mail.activity",
                    "search_read",
                    [("res_model", "=", "keten.dossier")],
                    ["summary", "res_name"],
                )
                self.assertNotIn(self.activity_b.id, [row["id"] for row in found])
                self.assertDenied(
                    "mail.activity", "read", self.activity_b.ids, ["note"]
                )
        # nobody may hand an activity to someone who cannot see the record
        for record, key in (
            (self.dossier_b, "partner_gemeente"),
            (self.dossier_a, "finance"),
            (self.person_victim, "partner_moviera"),
        ):
            with (
                self.subTest(record=record.display_name, assignee=key),
                self.assertRaisesRegex(UserError, "may not see this record"),
            ):
                record.with_user(self.user_regie).activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary="Bellen",
                    user_id=self.users[key].id,
                )
        with self.assertRaisesRegex(UserError, "may not see this record"):
            self.activity_b.with_user(self.user_regie).user_id = self.user_internal

    @mute_logger("odoo.http")
    def test_followers_of_other_dossiers(self):
        follower_b = self.dossier_b.message_follower_ids
        for key in OUTSIDERS:
            with self.subTest(user=key):
                self.login(key)
                found = self.call(
                    "mail.followers",
                    "search_read",
                    [("res_model", "like", "keten.")],
                    ["res_model", "res_id", "partner_id"],
                )
                seen = {(row["res_model"], row["res_id"]) for row in found}
                self.assertNotIn(("keten.dossier", self.dossier_b.id), seen)
                if key != "partner_gemeente":
                    self.assertNotIn(("keten.dossier", self.dossier_a.id), seen)
                self.assertDenied(
                    "mail.followers", "read", follower_b.ids, ["partner_id"]
                )
        # the involved still see every follower of their dossier
        followers = (
            self.env["mail.followers"]
            .with_user(self.user_partner_moviera)
            .search(
                [
                    ("res_model", "=", "keten.dossier"),
                    ("res_id", "=", self.dossier_b.id),
                ]
            )
        )
        self.assertEqual(followers, follower_b)
        with self.assertRaisesRegex(UserError, "cannot follow"):
            self.dossier_a.with_user(self.user_regie).message_subscribe(
                self.user_internal.partner_id.ids
            )

    def _mails_to(self, partner):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("recipient_ids", "in", partner.ids)], order="id desc")
        )

    def test_notification_emails_carry_a_link_only(self):
        gemeente = self.user_partner_gemeente
        gemeente.notification_type = "email"
        partner = gemeente.partner_id
        before = self._mails_to(partner)
        secret_words = ("Sanne", "Vries", "Kees", "Bakker", "slaapt", "Verklaring")
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.user_regie)
            .create({"name": "Verklaring Sanne.pdf", "raw": b"Sanne"})
        )
        # a message on the dossier, and a message and an activity on the person
        self.dossier_a.with_user(self.user_regie).message_post(
            body="Sanne de Vries slaapt bij Kees Bakker",
            partner_ids=partner.ids,
            attachment_ids=attachment.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.person_victim.with_user(self.user_regie).message_post(
            body="Sanne slaapt elders", partner_ids=partner.ids, message_type="comment"
        )
        self.person_victim.with_user(self.user_regie).activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Sanne bellen",
            note="Sanne de Vries bellen over opvang",
            user_id=gemeente.id,
        )
        mails = self._mails_to(partner) - before
        self.assertGreaterEqual(len(mails), 3)
        for mail in mails:
            text = f"{mail.subject} {mail.body_html}"
            for word in secret_words:
                self.assertNotIn(word, text, f"{word!r} in {mail.subject!r}")
            self.assertFalse(mail.attachment_ids)
            self.assertIn("/mail/view?model=keten.", mail.body_html)
        dossier_mail = mails.filtered(lambda m: self.dossier_a.name in m.subject)
        self.assertTrue(dossier_mail)
        self.assertIn(
            f"/mail/view?model=keten.dossier&amp;res_id={self.dossier_a.id}",
            dossier_mail[0].body_html,
        )
        # push notifications to phones are as neutral as the e-mails
        message = self.person_victim.message_ids[:1]
        payload = self.person_victim._notify_by_web_push_prepare_payload(message)
        self.assertNotIn("Sanne", json.dumps(payload))

    def test_casusoverleg_calendar_shows_invited_organisations_only(self):
        domain = [
            ("date_start", ">=", "2026-01-01 00:00:00"),
            ("date_start", "<", "2026-03-01 00:00:00"),
        ]
        spec = {"name": {}, "date_start": {}}
        for key, expected in (
            ("partner_gemeente", set()),
            ("justitie_politie", set()),
            ("partner_ggd", {self.overleg.id}),
            ("partner_moviera", {self.overleg_2.id}),
            ("regie_zvh", {self.overleg.id, self.overleg_2.id}),
        ):
            with self.subTest(user=key):
                self.login(key)
                result = self.call(
                    "keten.casusoverleg", "web_search_read", domain, spec
                )
                self.assertEqual({row["id"] for row in result["records"]}, expected)
        # the GGD, invited for dossier A, sees only that agenda item
        self.login("partner_ggd")
        [values] = self.call(
            "keten.casusoverleg",
            "web_read",
            self.overleg.ids,
            {
                "item_ids": {
                    "fields": {"dossier_id": {"fields": {"display_name": {}}}}
                },
                "item_count": {},
                "all_invited_organisation_ids": {},
            },
        )
        self.assertEqual([item["id"] for item in values["item_ids"]], self.item_a.ids)
        self.assertEqual(values["item_count"], 1)
        self.assertNotIn(self.dossier_b.name, json.dumps(values))

    def test_full_forms_open_and_show_only_what_is_visible(self):
        """The forms as the client reads them: they open for everyone who may read
        the record, and their lists (agenda, interventies) hold only readable
        lines, whatever the form computes as superuser on the way."""
        cases = (
            ("partner_ggd", self.overleg, "item_ids", self.item_a),
            ("partner_gemeente", self.dossier_a, "interventie_ids", self.interventie_a),
            ("regie_zvh", self.dossier_a, "interventie_ids", self.interventie_a),
            (
                "justitie_politie",
                self.dossier_a,
                "interventie_ids",
                self.interventie_a | self.interventie_a_justice,
            ),
            ("partner_moviera", self.dossier_b, "interventie_ids", self.interventie_b),
        )
        for key, record, lines, expected in cases:
            with self.subTest(user=key, model=record._name):
                self.login(key)
                spec = self.form_spec(record._name)
                [values] = self.call(record._name, "web_read", record.ids, spec)
                self.assertEqual(
                    sorted(line["id"] for line in values[lines]), sorted(expected.ids)
                )

    @mute_logger("odoo.http")
    def test_autocomplete_reveals_nothing_more(self):
        self.login("partner_gemeente")
        names = {name for _id, name in self.call("keten.person", "name_search", "")}
        self.assertEqual(names, {"Sanne de Vries", "Kees Bakker", "Bram Netwerk"})
        for term in ("Olga", "Petrova", "Piet", "Schoolmeldt"):
            self.assertEqual(self.call("keten.person", "name_search", term), [])
        dossiers = self.call("keten.dossier", "name_search", "")
        self.assertEqual([row[0] for row in dossiers], self.dossier_a.ids)
        self.assertEqual(
            self.call("keten.dossier", "name_search", self.dossier_b.name), []
        )
        # many2one autocomplete on another model uses the same rules
        persons = self.call(
            "keten.person", "name_search", "", [("id", "in", self.person_other.ids)]
        )
        self.assertEqual(persons, [])
        self.login("melder_school")
        names = {name for _id, name in self.call("keten.person", "name_search", "")}
        self.assertEqual(names, {"Piet Schoolmeldt"})
        self.assertDenied("keten.dossier", "name_search", "")
        for key in ("rapportage", "finance"):
            self.login(key)
            self.assertDenied("keten.person", "name_search", "")
            self.assertDenied("keten.dossier", "name_search", "")

    @mute_logger("odoo.http")
    def test_melder_never_sees_the_dossier_behind_a_melding(self):
        self.login("melder_gemeente")
        melding = self.melding_a.ids
        [values] = self.call("keten.melding", "web_read", melding, {"state": {}})
        self.assertEqual(values["state"], "in_behandeling")
        self.assertDenied("keten.melding", "web_read", melding, {"dossier_id": {}})
        self.assertDenied("keten.melding", "read", melding, ["dossier_id"])
        self.assertDenied("keten.melding", "search", [("dossier_id", "!=", False)])
        self.assertDenied(
            "keten.melding",
            "web_read_group",
            [],
            ["__count"],
            ["dossier_id"],
            lazy=False,
        )
        self.assertDenied("keten.melding", "export_data", melding, ["dossier_id/name"])
        self.assertDenied("keten.melding", "action_open_dossier", melding)
        self.assertDenied("keten.melding", "action_create_dossier", melding)
        fields = self.call("keten.melding", "fields_get", [], ["type"])
        self.assertNotIn("dossier_id", fields)
        # nor through the persons of the melding
        self.assertDenied(
            "keten.person", "read", self.person_victim.ids, ["dossier_link_ids"]
        )
        self.assertDenied("keten.person", "search", [("dossier_link_ids", "!=", False)])
        self.assertDenied("keten.dossier.person", "search_read", [], ["dossier_id"])

    @mute_logger("odoo.http")
    def test_rapportage_and_internal_users_see_no_case_records(self):
        for key in ("rapportage", "finance"):
            with self.subTest(user=key):
                self.login(key)
                for model in ("keten.person", "keten.melding", "keten.dossier"):
                    self.assertDenied(model, "search_read", [], ["display_name"])
                    self.assertDenied(
                        model, "web_read_group", [], ["__count"], ["create_uid"]
                    )
                found = self.call(
                    "mail.message",
                    "search_read",
                    [("model", "in", CASE_MODELS)],
                    ["body"],
                )
                self.assertEqual(found, [])
        # Rapportage reads the chain's preventie activities; finance nothing
        found = self.call(
            "mail.message", "search_read", [("model", "like", "keten.")], ["body"]
        )
        self.assertEqual(found, [])
        root = self.env.ref("ketenaanpak_mensenhandel.keten_menu_root")
        menus = self.env["ir.ui.menu"].with_user(self.user_internal)
        self.assertNotIn(root.id, menus._visible_menu_ids())
        # the organisations a colleague acts for are chain data too
        with self.assertRaises(AccessError):
            self.user_regie.with_user(self.user_internal).read(
                ["keten_organisation_ids"]
            )
