import base64

from odoo.tests import tagged

from .common import KetenCase

P = "ketenaanpak_mensenhandel."
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
CONTENT = "Ik zie dat de buurvrouw Maria elke nacht wordt opgehaald door een busje."

RAW_EMAIL = """Return-Path: <{sender}>
To: meldpunt@meldpunt.test
From: Wijkagent Peters <{sender}>
Subject: Zorgen over de buurvrouw
Date: Mon, 12 Jan 2026 09:30:00 +0100
Message-ID: <{message_id}>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}

--BOUNDARY
Content-Type: application/pdf; name="verslag.pdf"
Content-Disposition: attachment; filename="verslag.pdf"
Content-Transfer-Encoding: base64

{attachment}
--BOUNDARY--
"""

REPLY_EMAIL = """To: meldpunt@meldpunt.test
From: Wijkagent Peters <peters@politie.example>
Subject: Re: Receipt
Date: Mon, 12 Jan 2026 11:00:00 +0100
Message-ID: <reply-1@politie.example>
In-Reply-To: {in_reply_to}
References: {in_reply_to}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Aanvulling: het busje heeft een Roemeens kenteken.
"""


@tagged("post_install", "-at_install", "keten_intake")
class TestIntakeMail(KetenCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {
                "name": "meldpunt.test",
                "bounce_alias": "bounce",
                "catchall_alias": "catchall",
            }
        )
        cls.alias = cls.env.ref(P + "mail_alias_meldpunt")
        cls.alias.alias_domain_id = cls.alias_domain
        cls.Melding = cls.env["keten.melding"]

    def process(
        self,
        sender="peters@politie.example",
        body=CONTENT,
        message_id="m1@politie.example",
    ):
        raw = RAW_EMAIL.format(
            sender=sender,
            body=body,
            message_id=message_id,
            attachment=base64.b64encode(PDF).decode(),
        )
        thread_id = self.env["mail.thread"].message_process(None, raw)
        return self.Melding.browse(thread_id)

    def receipts(self, melding):
        return self.env["mail.mail"].search(
            [("model", "=", "keten.melding"), ("res_id", "=", melding.id)]
        )

    def test_email_creates_melding_with_attachment_and_receipt(self):
        before = self.Melding.search_count([])
        melding = self.process()
        self.assertEqual(self.Melding.search_count([]), before + 1)
        self.assertEqual(melding.channel, "email")
        self.assertEqual(melding.state, "nieuw")
        self.assertEqual(
            melding.organisation_id, self.org_vt, "the meldpunt receives it"
        )
        self.assertEqual(melding.melder_email, "peters@politie.example")
        self.assertEqual(melding.melder_name, "Wijkagent Peters")
        self.assertIn("Zorgen over de buurvrouw", melding.content)
        self.assertIn(CONTENT, melding.content)
        self.assertTrue(melding.name.startswith("ML-"))
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "keten.melding"), ("res_id", "=", melding.id)]
        )
        self.assertEqual(attachments.mapped("name"), ["verslag.pdf"])
        self.assertEqual(attachments.raw, PDF)
        # the e-mail itself is in the chatter
        self.assertTrue(
            melding.message_ids.filtered(lambda m: CONTENT in (m.body or ""))
        )

        receipt = self.receipts(melding)
        self.assertEqual(len(receipt), 1)
        self.assertEqual(receipt.email_to, "peters@politie.example")
        self.assertFalse(receipt.recipient_ids, "no partner is created or notified")
        self.assertIn(melding.name, receipt.subject)
        self.assertIn(melding.name, receipt.body_html)
        for secret in ("Maria", "busje", "buurvrouw", "verslag.pdf"):
            self.assertNotIn(secret, receipt.body_html)
            self.assertNotIn(secret, receipt.subject)
        self.assertFalse(receipt.attachment_ids)
        self.assertEqual(receipt.reply_to, "meldpunt@meldpunt.test")
        self.assertIn("Auto-Submitted", receipt.headers)
        self.assertIn("m1@politie.example", receipt.references)
        # nobody outside became a follower of the melding: only the meldpunt user
        # whose 1e-weging termijn it is
        self.assertEqual(
            melding.message_partner_ids,
            melding.sudo().deadline_ids.activity_id.user_id.partner_id,
        )
        self.assertFalse(
            melding.message_partner_ids.filtered(
                lambda p: "politie.example" in (p.email or "") or not p.user_ids
            )
        )

    def test_reply_to_receipt_goes_to_the_chatter(self):
        melding = self.process()
        receipt = self.receipts(melding)
        before = self.Melding.search_count([])
        thread_id = self.env["mail.thread"].message_process(
            None, REPLY_EMAIL.format(in_reply_to=receipt.message_id)
        )
        self.assertEqual(thread_id, melding.id)
        self.assertEqual(self.Melding.search_count([]), before, "no new melding")
        self.assertTrue(
            melding.message_ids.filtered(
                lambda m: "Roemeens kenteken" in (m.body or "")
            )
        )
        self.assertEqual(len(self.receipts(melding)), 1, "no second receipt")

    def test_receipt_can_be_switched_off(self):
        self.env["ir.config_parameter"].set_param(P + "intake_email_receipt", "False")
        melding = self.process()
        self.assertEqual(melding.channel, "email")
        self.assertFalse(self.receipts(melding))

    def test_settings_switch_receipt_and_rename_alias(self):
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.keten_intake_email_receipt, "on by default")
        self.assertEqual(settings.keten_intake_alias_name, "meldpunt")
        settings.write(
            {"keten_intake_email_receipt": False, "keten_intake_alias_name": "signalen"}
        )
        settings.execute()
        self.assertEqual(self.alias.alias_full_name, "signalen@meldpunt.test")
        self.assertEqual(
            self.env["ir.config_parameter"].get_param(P + "intake_email_receipt"),
            "False",
        )

    def test_no_receipt_to_our_own_addresses(self):
        melding = self.process(sender="catchall@meldpunt.test", message_id="m2@x")
        self.assertTrue(melding)
        self.assertFalse(self.receipts(melding))

    def test_long_email_is_shortened_and_kept_whole_in_the_chatter(self):
        self.env["ir.config_parameter"].set_param(P + "max_text_length", "500")
        body = "Regel met informatie. " * 200
        melding = self.process(body=body, message_id="m3@x")
        self.assertLessEqual(len(melding.content), 500)
        self.assertIn("[…]", melding.content)
        chatter = melding.message_ids.filtered(
            lambda m: "Regel met informatie" in (m.body or "")
        )
        self.assertGreater(len(chatter.body), 4000)

    def test_receiving_organisation_is_configurable(self):
        self.env["ir.config_parameter"].set_param(
            P + "intake_organisation_id", str(self.org_zvh.id)
        )
        melding = self.process(message_id="m4@x")
        self.assertEqual(melding.organisation_id, self.org_zvh)
