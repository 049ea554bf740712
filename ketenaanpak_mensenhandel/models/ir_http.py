from werkzeug.exceptions import RequestEntityTooLarge

from odoo import models
from odoo.http import request

from ..controllers.intake import message_page

INTAKE_PREFIX = "/meldpunt/"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        result = super()._pre_dispatch(rule, args)
        if request.httprequest.path.startswith(INTAKE_PREFIX):
            # the pages, their labels and every message in the meldpunt's
            # language, whatever the language of the public user
            request.update_context(
                lang=request.env["keten.melding"].sudo()._intake_lang()
            )
            # refuse an oversized web intake submission before reading it
            request.httprequest.max_content_length = (
                request.env["keten.intake.form"].sudo()._max_request_bytes()
            )
        return result

    @classmethod
    def _handle_error(cls, exception):
        if isinstance(
            exception, RequestEntityTooLarge
        ) and request.httprequest.path.startswith(INTAKE_PREFIX):
            env = request.env
            settings = env["keten.intake.form"].sudo()._settings()
            response = message_page(
                413,
                env._("Report too large"),
                env._(
                    "The report with its attachments is too large: at most %(count)s "
                    "attachments of %(size)s MB each. Go back, make the attachments "
                    "smaller or send fewer, and send the form again.",
                    count=settings["max_files"],
                    size=settings["max_file_mb"],
                ),
            )
            response.flatten()
            return response
        return super()._handle_error(exception)
