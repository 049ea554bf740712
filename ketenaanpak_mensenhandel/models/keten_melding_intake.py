import logging

from odoo import api, fields, models
from odoo.tools import html2plaintext
from odoo.tools.mail import email_normalize, parse_contact_from_email

_logger = logging.getLogger(__name__)

PARAM = "ketenaanpak_mensenhandel."
DEFAULT_MAX_TEXT_LENGTH = 20000


class KetenMelding(models.Model):
    """Intake of meldingen from outside: the meldpunt e-mail and the web form."""

    _name = "keten.melding"
    _inherit = ["keten.melding", "keten.duplicate.review.mixin"]

    intake_token = fields.Char(
        copy=False,
        readonly=True,
        groups="base.group_system",
        help="Identifies a web-form submission, so that sending the same form twice "
        "registers one melding.",
    )

    _sql_constraints = [
        (
            "intake_token_uniq",
            "unique(intake_token)",
            "This form was already submitted.",
        ),
    ]

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------
    @api.model
    def _intake_param(self, key, default=None):
        return self.env["ir.config_parameter"].sudo().get_param(PARAM + key, default)

    @api.model
    def _intake_int_param(self, key, default, minimum=None):
        """An integer setting; ``default`` when it is missing or not a number."""
        try:
            value = int(self._intake_param(key, default))
        except (TypeError, ValueError):
            return default
        return value if minimum is None else max(value, minimum)

    @api.model
    def _intake_max_text_length(self):
        return self._intake_int_param("max_text_length", DEFAULT_MAX_TEXT_LENGTH)

    @api.model
    def _intake_organisation(self):
        """The organisation that receives e-mail and form meldingen: the meldpunt."""
        Organisation = self.env["keten.organisation"].sudo()
        configured = self._intake_int_param("intake_organisation_id", 0)
        organisation = Organisation.browse(configured).exists() if configured else None
        if organisation and organisation.active:
            return organisation
        return Organisation.search([("is_meldpunt", "=", True)], limit=1)

    @api.model
    def _intake_lang(self):
        """Dutch when it is installed: the meldpunt works in Dutch."""
        if self.env["res.lang"]._lang_get("nl_NL"):
            return "nl_NL"
        return self.env.lang or "en_US"

    @api.model
    def _bounded_text(self, text, limit=None):
        """Cut ``text`` to the configured maximum; say so at the end."""
        limit = limit or self._intake_max_text_length()
        text = (text or "").replace("\x00", "").strip()
        if len(text) <= limit:
            return text
        marker = "\n[…] " + self.env._(
            "(shortened: the full text is in the history of this melding)"
        )
        return text[: max(limit - len(marker), 0)].rstrip() + marker

    # ------------------------------------------------------------------
    # Meldpunt e-mail (mail gateway)
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A new e-mail to the meldpunt alias: register it as a melding."""
        values = dict(custom_values or {})
        values.update(self._values_from_email(msg_dict))
        melding = super(
            KetenMelding, self.with_context(mail_create_nosubscribe=True)
        ).message_new(msg_dict, custom_values=values)
        melding._send_receipt(msg_dict)
        return melding

    @api.model
    def _values_from_email(self, msg_dict):
        melder_name, melder_email = parse_contact_from_email(
            msg_dict.get("email_from") or ""
        )
        melder_email = email_normalize(melder_email) or False
        subject = (msg_dict.get("subject") or "").strip()
        body = html2plaintext(msg_dict.get("body") or "", include_references=False)
        parts = [subject, body.strip()]
        content = "\n\n".join(part for part in parts if part) or self.env._(
            "(empty e-mail)"
        )
        organisation = self._intake_organisation()
        values = {
            "name": "/",
            "channel": "email",
            "organisation_id": organisation.id,
            "registered_by_id": False,
            "content": self._bounded_text(content),
            "melder_name": (melder_name or "").strip()[:200] or False,
            "melder_email": melder_email,
            "melder_anonymous": not (melder_name or melder_email),
        }
        received = msg_dict.get("date")
        if received:
            received = fields.Datetime.to_datetime(received)
            values["date_received"] = min(received, fields.Datetime.now())
        return values

    def _receipt_addresses(self):
        """(from, reply-to) of the receipt: the meldpunt alias when there is one."""
        self.ensure_one()
        alias = self.env.ref(
            "ketenaanpak_mensenhandel.mail_alias_meldpunt", raise_if_not_found=False
        )
        address = alias.sudo().alias_full_name if alias else False
        organisation = self.organisation_id.sudo()
        sender = address or organisation.email or self.env.company.email_formatted
        if address and organisation:
            sender = f'"{organisation.name}" <{address}>'
        return sender, address or organisation.email or False

    def _receipt_wanted(self, email):
        if not email:
            return False
        send = self._intake_param("intake_email_receipt", "True")
        if str(send).lower() in ("false", "0", ""):
            return False
        # never answer our own addresses: that is how mail loops start
        domains = self.env["mail.alias.domain"].sudo().search([])
        own = set(domains.mapped("catchall_email")) | set(
            domains.mapped("bounce_email")
        )
        if email in own:
            return False
        return (
            not self.env["mail.alias"]
            .sudo()
            .search_count([("alias_full_name", "=", email)])
        )

    def _send_receipt(self, msg_dict=None):
        """Send the melder a receipt: the reference number and nothing else.

        The chatter's own notifications never reach outside addresses (see
        ``keten.mail.privacy.mixin``), so the receipt is a mail of its own,
        linked to the melding so that a reply lands in its chatter.
        """
        self.ensure_one()
        email = self.sudo().melder_email
        if not self._receipt_wanted(email):
            return self.env["mail.mail"]
        template = self.env.ref(
            "ketenaanpak_mensenhandel.mail_template_melding_receipt",
            raise_if_not_found=False,
        )
        if not template:
            return self.env["mail.mail"]
        sender, reply_to = self._receipt_addresses()
        email_values = {
            "email_to": email,
            "recipient_ids": [],
            "email_from": sender,
            "reply_to": reply_to or sender,
            "auto_delete": False,
            "attachment_ids": [],
            "headers": repr(
                {"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"}
            ),
        }
        if msg_dict and msg_dict.get("message_id"):
            email_values["references"] = msg_dict["message_id"]
        mail_id = (
            template.sudo()
            .with_context(lang=self._intake_lang())
            .send_mail(self.id, email_values=email_values)
        )
        return self.env["mail.mail"].sudo().browse(mail_id)

    # ------------------------------------------------------------------
    # Possibly known persons
    # ------------------------------------------------------------------
    def _review_person_fields(self):
        return ["person_ids", "suspect_ids", "melder_person_id"]

    def _review_persons(self):
        self.ensure_one()
        melding = self.sudo()
        return melding.person_ids | melding.suspect_ids | melding.melder_person_id

    def _replace_person(self, source, target):
        self.ensure_one()
        values = {}
        if source in self.person_ids:
            values["person_ids"] = [(3, source.id), (4, target.id)]
        if source in self.suspect_ids:
            values["suspect_ids"] = [(3, source.id), (4, target.id)]
        if self.melder_person_id == source:
            values["melder_person_id"] = target.id
        if values:
            self.write(values)
