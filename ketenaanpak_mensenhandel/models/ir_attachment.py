import base64
import binascii

from odoo import api, models
from odoo.exceptions import ValidationError

PARAM_MAX_ATTACHMENT_MB = "ketenaanpak_mensenhandel.max_attachment_mb"
DEFAULT_MAX_ATTACHMENT_MB = 20


class IrAttachment(models.Model):
    """Files on the chain's records (``res_model`` keten.*) have a bounded size."""

    _inherit = "ir.attachment"

    @api.model
    def _keten_max_attachment_bytes(self):
        value = (
            self.env["ir.config_parameter"].sudo().get_param(PARAM_MAX_ATTACHMENT_MB)
        )
        try:
            megabytes = int(value) if value else DEFAULT_MAX_ATTACHMENT_MB
        except ValueError:
            megabytes = DEFAULT_MAX_ATTACHMENT_MB
        return megabytes * 1024 * 1024

    @api.model
    def _keten_size_of_vals(self, vals):
        """The size in bytes of the file in ``vals``, before it reaches the filestore."""
        if vals.get("raw"):
            raw = vals["raw"]
            return len(raw.encode() if isinstance(raw, str) else raw)
        if vals.get("datas"):
            try:
                return len(base64.b64decode(vals["datas"]))
            except (binascii.Error, ValueError):
                return len(vals["datas"])
        return 0

    def _keten_refuse_size(self, name, size, limit):
        raise ValidationError(
            self.env._(
                "The file %(name)s is too large (%(size)s MB). Files on the records of "
                "the ketenregiesysteem are at most %(limit)s MB.",
                name=name or "",
                size=round(size / 1024 / 1024, 1),
                limit=limit // 1024 // 1024,
            )
        )

    def _keten_check_size(self):
        chain = self.filtered(lambda a: (a.res_model or "").startswith("keten."))
        if not chain:
            return
        limit = self._keten_max_attachment_bytes()
        for attachment in chain:
            if attachment.file_size > limit:
                self._keten_refuse_size(attachment.name, attachment.file_size, limit)

    @api.model_create_multi
    def create(self, vals_list):
        limit = None
        for vals in vals_list:
            if (vals.get("res_model") or "").startswith("keten."):
                limit = limit or self._keten_max_attachment_bytes()
                size = self._keten_size_of_vals(vals)
                if size > limit:
                    self._keten_refuse_size(vals.get("name"), size, limit)
        attachments = super().create(vals_list)
        attachments._keten_check_size()
        return attachments

    def write(self, vals):
        if {"raw", "datas"} & set(vals):
            models = {vals["res_model"]} if "res_model" in vals else set()
            models |= set(self.sudo().mapped("res_model"))
            if any((model or "").startswith("keten.") for model in models):
                limit = self._keten_max_attachment_bytes()
                size = self._keten_size_of_vals(vals)
                if size > limit:
                    self._keten_refuse_size(
                        vals.get("name") or self[:1].name, size, limit
                    )
        result = super().write(vals)
        if {"res_model", "raw", "datas"} & set(vals):
            self._keten_check_size()
        return result
