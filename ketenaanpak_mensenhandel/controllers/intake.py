"""The web intake form of the meldpunt, for professionals without an account.

Served by the addon itself (no website module): a plain HTML page that works
without JavaScript. Every rule lives in ``keten.intake.form``; this controller
only moves data between HTTP and that model. Nothing is kept in Python
globals: the rate limit lives in the database, so it holds over workers.
"""

import logging

import psycopg2

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

_logger = logging.getLogger(__name__)

INTAKE_PATH = "/meldpunt/formulier"
SECURITY_HEADERS = [
    ("Cache-Control", "no-store"),
    ("X-Frame-Options", "DENY"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Content-Security-Policy",
        "default-src 'self'; script-src 'none'; frame-ancestors 'none'; "
        "form-action 'self'; base-uri 'none'; object-src 'none'",
    ),
]


def intake_response(template, values, status=200, headers=None):
    """Render an intake page in the meldpunt's language, with strict headers."""
    Melding = request.env["keten.melding"].sudo()
    lang = Melding._intake_lang()
    request.update_context(lang=lang)
    values = dict(values, html_lang=lang.replace("_", "-"))
    return request.render(
        template,
        values,
        status=status,
        headers=SECURITY_HEADERS + list(headers or []),
    )


def message_page(status, title, message):
    return intake_response(
        "ketenaanpak_mensenhandel.intake_message_page",
        {"title": title, "message": message},
        status=status,
    )


class KetenIntakeController(http.Controller):
    def _form_model(self):
        return request.env["keten.intake.form"].sudo()

    def _not_available(self):
        env = request.env
        return message_page(
            404,
            env._("Form not available"),
            env._(
                "The meldpunt does not take reports through this form. Contact the "
                "meldpunt by phone or e-mail."
            ),
        )

    def _submitted_values(self):
        form = request.httprequest.form
        values = {key: form.get(key) for key in form if key != "verschijningsvorm_ids"}
        values["verschijningsvorm_ids"] = form.getlist("verschijningsvorm_ids")
        return values

    def _render_form(self, form=None, errors=None, status=200, headers=None):
        Form = self._form_model()
        values = Form._page_values()
        form = dict(form or {})
        form.setdefault("intake_token", Form._new_token())
        form.pop("website", None)
        selected = {str(v) for v in form.get("verschijningsvorm_ids") or []}
        values.update(
            form=form,
            selected_vormen=selected,
            errors=errors or {},
            csrf_token=request.csrf_token(),
            action=INTAKE_PATH,
        )
        return intake_response(
            "ketenaanpak_mensenhandel.intake_form_page", values, status, headers
        )

    def _receipt(self, melding):
        Form = self._form_model()
        values = Form._page_values()
        values["reference"] = melding.sudo().name
        return intake_response("ketenaanpak_mensenhandel.intake_receipt_page", values)

    @http.route(INTAKE_PATH, type="http", auth="public", methods=["GET"], sitemap=False)
    def intake_form(self, **_kwargs):
        if not self._form_model()._settings()["enabled"]:
            return self._not_available()
        return self._render_form()

    @http.route(
        INTAKE_PATH,
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,  # checked below, to answer with the form and a clear message
        sitemap=False,
    )
    def intake_submit(self, **_kwargs):
        env = request.env
        Form = self._form_model()
        if not Form._settings()["enabled"]:
            return self._not_available()
        form = self._submitted_values()
        if form.get("website"):
            # the honeypot: people do not see this field, robots fill it in
            return message_page(
                400,
                env._("Report not accepted"),
                env._("Your report could not be processed. Contact the meldpunt."),
            )
        if not request.validate_csrf(form.pop("csrf_token", None)):
            return self._render_form(
                form,
                {
                    "_form": env._(
                        "The form had expired or did not come from this page. Your "
                        "answers are still filled in: check them and send the form "
                        "again. Attachments must be added again."
                    )
                },
                status=403,
            )
        address = request.httprequest.remote_addr
        if not env["keten.intake.attempt"].sudo()._register_attempt(address):
            _limit, window = env["keten.intake.attempt"].sudo()._rate_limit()
            return self._render_form(
                form,
                {
                    "_form": env._(
                        "Too many reports were sent from this address in a short time. "
                        "Try again later or call the meldpunt. Your answers are still "
                        "filled in."
                    )
                },
                status=429,
                headers=[("Retry-After", str(window * 60))],
            )
        token = form.get("intake_token")
        earlier = Form._find_submitted(token)
        if earlier:
            return self._receipt(earlier)
        files = request.httprequest.files.getlist("attachments")
        values, persons, attachments, errors = Form._validate(form, files)
        if errors:
            if attachments or any(f.filename for f in files):
                errors.setdefault(
                    "attachments", env._("Add your attachments again, please.")
                )
            return self._render_form(form, errors, status=400)
        try:
            with env.cr.savepoint():
                melding = Form._create_melding(values, persons, attachments, token)
        except psycopg2.errors.UniqueViolation:
            earlier = Form._find_submitted(token)
            if earlier:
                return self._receipt(earlier)
            raise
        except (UserError, ValidationError) as error:
            return self._render_form(form, {"_form": str(error.args[0])}, status=400)
        _logger.info("Web intake: melding %s registered", melding.id)
        return self._receipt(melding)
