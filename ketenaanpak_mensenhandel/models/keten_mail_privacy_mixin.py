import logging

from markupsafe import Markup, escape

from odoo import api, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class KetenMailPrivacyMixin(models.AbstractModel):
    """Keeps case content out of followers, mentions and e-mail.

    * Only internal users who may read the record can follow it or be notified
      on it (a notified partner can read the message, whatever the record rules).
    * E-mail notifications carry a link to the record and nothing else: no
      message body, no tracking values, no attachments, no names.
    """

    _name = "keten.mail.privacy.mixin"
    _description = "Privacy-safe chatter"
    _inherit = ["mail.thread"]

    def _keten_partners_without_access(self, partner_ids):
        """Return the partners among ``partner_ids`` who may not read all of ``self``."""
        partners = self.env["res.partner"].sudo().browse(partner_ids).exists()
        refused = self.env["res.partner"]
        records = self.sudo(False)
        for partner in partners:
            users = partner.user_ids.filtered(lambda u: not u.share)
            if not users or not any(
                records.with_user(user).has_access("read") for user in users
            ):
                refused |= partner
        return refused

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if self and partner_ids:
            refused = self._keten_partners_without_access(partner_ids)
            if refused:
                raise UserError(
                    self.env._(
                        "%(names)s cannot follow this record: only users of an involved "
                        "organisation may follow it.",
                        names=", ".join(refused.mapped("name")),
                    )
                )
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        # Automatic subscriptions (assignment, authorship): silently keep only
        # partners who may read the record.
        if self and partner_ids:
            refused = self._keten_partners_without_access(partner_ids)
            if refused:
                _logger.info(
                    "Not subscribing partners %s to %s: no access", refused.ids, self
                )
                partner_ids = [pid for pid in partner_ids if pid not in refused.ids]
        return super()._message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids, customer_ids=customer_ids
        )

    def _message_get_suggested_recipients(self):
        # Never suggest outside addresses as recipients of case messages.
        return []

    def message_post(self, **kwargs):
        partner_ids = kwargs.get("partner_ids") or []
        if self and partner_ids:
            refused = self._keten_partners_without_access(list(partner_ids))
            if refused:
                raise UserError(
                    self.env._(
                        "%(names)s may not read this record and cannot be addressed in "
                        "its messages.",
                        names=", ".join(refused.mapped("name")),
                    )
                )
        return super().message_post(**kwargs)

    def _keten_mail_reference(self):
        """How e-mails and push messages name the record: never a display name.

        Display names of persons, interventies, actions or evaluaties are free
        text and may carry names. Models with a reference number (dossier,
        melding, casusoverleg) set ``_keten_mail_reference_field``.
        """
        self.ensure_one()
        field = getattr(self, "_keten_mail_reference_field", None)
        if field and self.sudo()[field]:
            return self.sudo()[field]
        return f"#{self.id}"

    def _notify_by_web_push_prepare_payload(self, message, msg_vals=False):
        """Push notifications show on lock screens: a neutral text, no content."""
        payload = super()._notify_by_web_push_prepare_payload(
            message, msg_vals=msg_vals
        )
        record = self[:1]
        model_description = self.env["ir.model"]._get(self._name).display_name
        payload["title"] = self.env._("Ketenaanpak")
        payload["options"]["icon"] = "/web/static/img/odoo-icon-192x192.png"
        payload["options"]["body"] = self.env._(
            "There is new information on %(model)s %(reference)s.",
            model=model_description,
            reference=record._keten_mail_reference() if record else "",
        )
        return payload

    @api.model
    def _keten_notification_link(self, record):
        base_url = record.get_base_url()
        return f"{base_url}/mail/view?model={record._name}&res_id={record.id}"

    def _notify_thread_by_email(
        self, message, recipients_data, msg_vals=False, **kwargs
    ):
        """Send a content-free e-mail: a link to the record, nothing else."""
        partners_data = [r for r in recipients_data if r["notif"] == "email"]
        if not partners_data:
            return True
        record = self[:1]
        if not record:
            return True
        partner_ids = [r["id"] for r in partners_data]
        model_description = self.env["ir.model"]._get(record._name).display_name
        reference = record._keten_mail_reference()
        subject = self.env._(
            "Ketenaanpak: new information on %(model)s %(reference)s",
            model=model_description,
            reference=reference,
        )
        link = self._keten_notification_link(record)
        body = Markup(
            "<p>{intro}</p><p><a href='{link}'>{open}</a></p><p>{note}</p>"
        ).format(
            intro=escape(
                self.env._(
                    "There is new information on %(model)s %(reference)s.",
                    model=model_description,
                    reference=reference,
                )
            ),
            link=link,
            open=escape(self.env._("Open it in the ketenregiesysteem")),
            note=escape(
                self.env._(
                    "For privacy reasons this e-mail contains no case information."
                )
            ),
        )
        mail = (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": subject,
                    "body_html": body,
                    "recipient_ids": [(6, 0, partner_ids)],
                    "auto_delete": True,
                    "email_from": message.email_from or self.env.user.email_formatted,
                }
            )
        )
        self.env["mail.notification"].sudo().create(
            [
                {
                    "author_id": message.author_id.id,
                    "is_read": True,
                    "mail_message_id": message.id,
                    "notification_status": "ready",
                    "notification_type": "email",
                    "res_partner_id": pid,
                    "mail_mail_id": mail.id,
                }
                for pid in partner_ids
            ]
        )
        return mail
