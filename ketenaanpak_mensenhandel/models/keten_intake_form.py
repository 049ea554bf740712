"""The web intake form for professionals without an account: validation and storage.

The controller (``controllers/intake.py``) only moves data between HTTP and
this model, so the rules can be tested without a browser.
"""

import os
import re
import uuid
from datetime import date, datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools.mail import email_normalize
from odoo.tools.mimetypes import guess_mimetype
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

MAX_PERSONS = 3
SHORT_TEXT_LIMIT = 200
MAX_COUNT = 1000
PERSON_FIELDS = (
    "first_name",
    "name_prefix",
    "last_name",
    "known_as",
    "birth_date",
    "gender",
)
YES_NO = ("ja", "nee", "onbekend")
# Accepted attachments: documents and pictures, never something a browser runs.
ALLOWED_EXTENSIONS = {
    ".pdf",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".heic",
    ".tif",
    ".tiff",
    ".doc",
    ".docx",
    ".odt",
    ".rtf",
    ".xls",
    ".xlsx",
    ".ods",
    ".txt",
    ".eml",
    ".msg",
}
REFUSED_MIMETYPE_PARTS = ("html", "svg", "xml", "javascript", "x-msdownload", "x-sh")
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
PHONE_RE = re.compile(r"^[0-9+()\-. ]{6,30}$")

LABELS = {
    "category": _lt("Kind of report"),
    "verschijningsvorm_ids": _lt("Form(s) of exploitation"),
    "melder_name": _lt("Your name"),
    "melder_organisation_name": _lt("Your organisation"),
    "melder_role": _lt("Your role or position"),
    "melder_phone": _lt("Your phone number"),
    "melder_email": _lt("Your e-mail address"),
    "about": _lt("About whom"),
    "content": _lt("What did you see or hear?"),
    "location_address": _lt("Place or address of the exploitation"),
    "location_type": _lt("Kind of place"),
    "gemeente_uitbuiting_id": _lt("Municipality where it happens"),
    "woongemeente_id": _lt("Municipality where the person lives"),
    "period_description": _lt("Since when, or in which period?"),
    "frequency": _lt("How often?"),
    "nr_victims": _lt("Number of possible victims"),
    "nr_offenders": _lt("Number of possible offenders"),
    "hulpverlening": _lt("Is care or support already involved?"),
    "politie": _lt("Has the police been called?"),
    "zorgcoordinator": _lt("Is a zorgcoördinator involved?"),
    "acuut": _lt("Is the situation acute?"),
    "attachments": _lt("Attachments"),
    "first_name": _lt("First name"),
    "name_prefix": _lt("Tussenvoegsel"),
    "last_name": _lt("Last name"),
    "known_as": _lt("Nickname or alias"),
    "birth_date": _lt("Birth date"),
    "gender": _lt("Gender"),
}


class KetenIntakeForm(models.AbstractModel):
    _name = "keten.intake.form"
    _description = "Web intake form"

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------
    @api.model
    def _settings(self):
        Melding = self.env["keten.melding"]

        def number(key, default, minimum=1):
            return Melding._intake_int_param(key, default, minimum)

        max_file_mb = number("intake_max_attachment_mb", 10)
        max_files = number("intake_max_attachments", 5, minimum=0)
        max_text = Melding._intake_max_text_length()
        enabled = Melding._intake_param("intake_form_enabled", "False")
        return {
            "enabled": str(enabled).lower() in ("true", "1"),
            "max_text_length": max_text,
            "max_file_bytes": max_file_mb * 1024 * 1024,
            "max_file_mb": max_file_mb,
            "max_files": max_files,
            "response_days": number("intake_response_days", 3, minimum=0),
        }

    @api.model
    def _max_request_bytes(self):
        """Upper bound of a request body; bigger requests are refused unread."""
        settings = self._settings()
        text = settings["max_text_length"] * 4 + 64 * 1024
        return settings["max_files"] * settings["max_file_bytes"] + text

    @api.model
    def _label(self, key):
        return self.env._(LABELS[key])

    @api.model
    def _selection(self, model, field):
        return self.env[model]._fields[field]._description_selection(self.env)

    @api.model
    def _page_values(self):
        """Everything the page needs apart from the submitted values."""
        settings = self._settings()
        organisation = self.env["keten.melding"]._intake_organisation().sudo()
        return {
            "labels": {key: self._label(key) for key in LABELS},
            "categories": self._selection("keten.melding", "category"),
            "vormen": self.env["keten.verschijningsvorm"]
            .sudo()
            .search_read([], ["name"]),
            "gemeenten": self.env["keten.gemeente"].sudo().search_read([], ["name"]),
            "location_types": self._selection("keten.melding", "location_type"),
            "frequencies": self._selection("keten.melding", "frequency"),
            "genders": self._selection("keten.person", "gender"),
            "yes_no": [
                ("ja", self.env._("Yes")),
                ("nee", self.env._("No")),
                ("onbekend", self.env._("Don't know")),
            ],
            "about_options": [
                ("personen", self.env._("I name the person(s) it is about")),
                ("situatieschets", self.env._("A situatieschets without names")),
            ],
            "person_numbers": list(range(1, MAX_PERSONS + 1)),
            "settings": settings,
            "meldpunt_name": organisation.name or "",
            "meldpunt_phone": organisation.phone or "",
            "meldpunt_email": organisation.email or "",
        }

    @api.model
    def _new_token(self):
        return uuid.uuid4().hex

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------
    @api.model
    def _printable_text(self, value):
        if value is None:
            return ""
        if not isinstance(value, str):
            value = str(value)
        value = value.replace("\x00", "").replace("\r\n", "\n")
        return "".join(c for c in value if c in "\n\t" or c.isprintable()).strip()

    @api.model
    def _validate(self, form, files):
        """Check a submission. Nothing is written.

        :param dict form: field name -> str; ``verschijningsvorm_ids`` -> list
        :param list files: werkzeug FileStorage objects (may be empty ones)
        :returns: (melding values, list of person values, list of attachment
            values, {field: error message})
        """
        errors = {}
        values = {"category": False}
        self._validate_choices(form, values, errors)
        self._validate_melder(form, values, errors)
        self._validate_texts(form, values, errors)
        self._validate_numbers(form, values, errors)
        persons = self._validate_persons(form, values, errors)
        attachments = self._validate_files(files, errors)
        return values, persons, attachments, errors

    @api.model
    def _validated_choice(self, form, key, options, errors, required=False):
        value = self._printable_text(form.get(key))
        if not value:
            if required:
                errors[key] = self.env._(
                    "Choose an answer for: %(field)s.", field=self._label(key)
                )
            return False
        if value not in options:
            errors[key] = self.env._(
                "Choose one of the options for: %(field)s.", field=self._label(key)
            )
            return False
        return value

    @api.model
    def _validated_record_choice(self, form, key, model, errors):
        value = self._printable_text(form.get(key))
        if not value:
            return False
        record = None
        if value.isdigit() and len(value) < 10:
            record = self.env[model].sudo().browse(int(value))
        if not record or not record.exists():
            errors[key] = self.env._(
                "Choose one of the options for: %(field)s.", field=self._label(key)
            )
            return False
        return record.id

    @api.model
    def _validate_choices(self, form, values, errors):
        melding = self.env["keten.melding"]
        categories = dict(melding._fields["category"].selection)
        values["category"] = self._validated_choice(
            form, "category", categories, errors, required=True
        )
        location_types = dict(melding._fields["location_type"].selection)
        values["location_type"] = (
            self._validated_choice(form, "location_type", location_types, errors)
            or "onbekend"
        )
        frequencies = dict(melding._fields["frequency"].selection)
        values["frequency"] = (
            self._validated_choice(form, "frequency", frequencies, errors) or "onbekend"
        )
        for key in ("gemeente_uitbuiting_id", "woongemeente_id"):
            values[key] = self._validated_record_choice(
                form, key, "keten.gemeente", errors
            )
        for key, field in (
            ("hulpverlening", "hulpverlening_betrokken"),
            ("politie", "politie_gebeld"),
            ("zorgcoordinator", "zorgcoordinator_betrokken"),
            ("acuut", "acuut_volgens_melder"),
        ):
            values[field] = self._validated_choice(form, key, YES_NO, errors) == "ja"
        vorm_ids = form.get("verschijningsvorm_ids") or []
        if isinstance(vorm_ids, str):
            vorm_ids = [vorm_ids]
        vorm_ids = [self._printable_text(v) for v in vorm_ids]
        wanted = {
            int(v) for v in vorm_ids if v.isascii() and v.isdigit() and len(v) < 10
        }
        if len(wanted) != len(vorm_ids) or len(wanted) > 20:
            errors["verschijningsvorm_ids"] = self.env._(
                "Choose one of the options for: %(field)s.",
                field=self._label("verschijningsvorm_ids"),
            )
            wanted = set()
        vormen = self.env["keten.verschijningsvorm"].sudo().browse(wanted).exists()
        if len(vormen) != len(wanted):
            errors["verschijningsvorm_ids"] = self.env._(
                "Choose one of the options for: %(field)s.",
                field=self._label("verschijningsvorm_ids"),
            )
        values["verschijningsvorm_ids"] = [(6, 0, vormen.ids)]

    @api.model
    def _short_text(self, form, key, errors, required=False, label_key=None):
        value = " ".join(self._printable_text(form.get(key)).split())
        label = self._label(label_key or key)
        if not value and required:
            errors[key] = self.env._("Fill in: %(field)s.", field=label)
        elif len(value) > SHORT_TEXT_LIMIT:
            errors[key] = self.env._(
                "%(field)s is too long: at most %(limit)s characters.",
                field=label,
                limit=SHORT_TEXT_LIMIT,
            )
        return value or False

    @api.model
    def _validate_melder(self, form, values, errors):
        values["melder_name"] = self._short_text(form, "melder_name", errors, True)
        values["melder_organisation_name"] = self._short_text(
            form, "melder_organisation_name", errors, True
        )
        values["melder_role"] = self._short_text(form, "melder_role", errors)
        phone = self._short_text(form, "melder_phone", errors)
        if phone and "melder_phone" not in errors and not PHONE_RE.match(phone):
            errors["melder_phone"] = self.env._(
                "Enter a valid phone number: digits, spaces, +, - and parentheses."
            )
        email = self._short_text(form, "melder_email", errors)
        normalised = email_normalize(email) if email else False
        if email and "melder_email" not in errors and not normalised:
            errors["melder_email"] = self.env._(
                "Enter a valid e-mail address, for example name@organisation.nl."
            )
        if not phone and not email:
            errors["melder_email"] = self.env._(
                "Give an e-mail address or a phone number, so that the meldpunt can "
                "contact you."
            )
        values["melder_phone"] = phone
        values["melder_email"] = normalised or False

    @api.model
    def _validate_texts(self, form, values, errors):
        limit = self._settings()["max_text_length"]
        content = self._printable_text(form.get("content"))
        if not content:
            errors["content"] = self.env._(
                "Fill in: %(field)s.", field=self._label("content")
            )
        elif len(content) > limit:
            errors["content"] = self.env._(
                "The description is too long (%(length)s characters): at most "
                "%(limit)s characters. Add a document as an attachment instead.",
                length=len(content),
                limit=limit,
            )
        values["content"] = content
        for key in ("location_address", "period_description"):
            values[key] = self._short_text(form, key, errors)

    @api.model
    def _validate_numbers(self, form, values, errors):
        for key in ("nr_victims", "nr_offenders"):
            raw = self._printable_text(form.get(key))
            if not raw:
                continue
            if not raw.isdigit() or int(raw) > MAX_COUNT:
                errors[key] = self.env._(
                    "%(field)s must be a whole number from 0 to %(max)s.",
                    field=self._label(key),
                    max=MAX_COUNT,
                )
                continue
            values[key] = int(raw)

    @api.model
    def _parse_date(self, raw):
        for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
            try:
                return datetime.strptime(raw, pattern).date()
            except ValueError:
                continue
        return None

    @api.model
    def _validate_person(self, form, number, errors):
        prefix = f"person_{number}_"
        raw = {
            key: self._printable_text(form.get(prefix + key)) for key in PERSON_FIELDS
        }
        if not any(raw[key] for key in PERSON_FIELDS if key != "gender"):
            return None
        person = {}
        for key in ("first_name", "name_prefix", "last_name", "known_as"):
            person[key] = self._short_text(raw, key, errors) or False
            if prefix + key not in errors and key in errors:
                errors[prefix + key] = errors.pop(key)
        if not (person["first_name"] or person["last_name"] or person["known_as"]):
            errors[prefix + "first_name"] = self.env._(
                "Person %(number)s: give at least a first name, a last name or a "
                "nickname.",
                number=number,
            )
        if raw["birth_date"]:
            birth_date = self._parse_date(raw["birth_date"])
            if not birth_date:
                errors[prefix + "birth_date"] = self.env._(
                    "Person %(number)s: enter the birth date as dd-mm-yyyy.",
                    number=number,
                )
            elif birth_date > date.today() or birth_date.year < 1900:
                errors[prefix + "birth_date"] = self.env._(
                    "Person %(number)s: the birth date must lie between 1900 and today.",
                    number=number,
                )
            else:
                person["birth_date"] = birth_date
        genders = dict(self.env["keten.person"]._fields["gender"].selection)
        gender = raw["gender"] or "onbekend"
        if gender not in genders:
            errors[prefix + "gender"] = self.env._(
                "Choose one of the options for: %(field)s.", field=self._label("gender")
            )
        person["gender"] = gender if gender in genders else "onbekend"
        return person

    @api.model
    def _validate_persons(self, form, values, errors):
        about = self._validated_choice(
            form, "about", ("personen", "situatieschets"), errors, required=True
        )
        persons = []
        for number in range(1, MAX_PERSONS + 1):
            person = self._validate_person(form, number, errors)
            if person is not None:
                persons.append(person)
        values["is_situatieschets"] = about == "situatieschets"
        if about == "situatieschets" and persons:
            errors["about"] = self.env._(
                "A situatieschets names nobody: empty the fields about the persons, "
                "or choose to name the person(s)."
            )
        elif about == "personen" and not persons:
            errors["about"] = self.env._(
                "You chose to name the person(s) it is about: fill in at least one "
                "person, or choose a situatieschets without names."
            )
        return persons

    @api.model
    def _validate_files(self, files, errors):
        settings = self._settings()
        files = [f for f in files or [] if getattr(f, "filename", None)]
        if len(files) > settings["max_files"]:
            errors["attachments"] = self.env._(
                "At most %(count)s attachments.", count=settings["max_files"]
            )
            return []
        attachments = []
        for upload in files:
            name = self._printable_text(
                os.path.basename(upload.filename.replace("\\", "/"))
            )
            name = name[-120:] or "bijlage"
            data = upload.read(settings["max_file_bytes"] + 1)
            message = self._file_error(name, data, settings)
            if message:
                errors["attachments"] = message
                return []
            attachments.append({"name": name, "raw": data})
        return attachments

    @api.model
    def _file_error(self, name, data, settings):
        extension = os.path.splitext(name)[1].lower()
        if not data:
            return self.env._("%(name)s is empty.", name=name)
        if len(data) > settings["max_file_bytes"]:
            return self.env._(
                "%(name)s is too large: at most %(size)s MB per file.",
                name=name,
                size=settings["max_file_mb"],
            )
        mimetype = guess_mimetype(data, default="application/octet-stream")
        refused = any(part in mimetype for part in REFUSED_MIMETYPE_PARTS)
        mismatch = (extension == ".pdf" and mimetype != "application/pdf") or (
            extension in (".jpg", ".jpeg", ".png", ".gif")
            and not mimetype.startswith("image/")
        )
        if extension not in ALLOWED_EXTENSIONS or refused or mismatch:
            return self.env._(
                "%(name)s: this kind of file is not accepted. Send PDF, pictures, "
                "office documents, text or e-mail files.",
                name=name,
            )
        return None

    # ------------------------------------------------------------------
    # Storage
    # ------------------------------------------------------------------
    @api.model
    def _find_submitted(self, token):
        """The melding an earlier submission of this form created, if any."""
        if not token or not TOKEN_RE.match(token):
            return self.env["keten.melding"]
        return (
            self.env["keten.melding"]
            .sudo()
            .with_context(active_test=False)
            .search([("intake_token", "=", token)], limit=1)
        )

    @api.model
    def _create_melding(self, values, persons, attachments, token=None):
        """Store an accepted submission as a new melding in the meldpunt queue."""
        env = self.env(su=True)
        organisation = env["keten.melding"]._intake_organisation()
        Person = env["keten.person"].with_context(mail_create_nolog=True)
        person_records = Person.create(persons) if persons else Person
        vals = dict(
            values,
            name="/",
            channel="formulier",
            source_type="professional",
            organisation_id=organisation.id,
            registered_by_id=False,
            person_ids=[(6, 0, person_records.ids)],
            intake_token=token if token and TOKEN_RE.match(token) else False,
            date_received=fields.Datetime.now(),
        )
        melding = (
            env["keten.melding"]
            .with_context(mail_create_nosubscribe=True, mail_create_nolog=True)
            .create(vals)
        )
        if attachments:
            env["ir.attachment"].create(
                [
                    dict(a, res_model="keten.melding", res_id=melding.id)
                    for a in attachments
                ]
            )
        melding.message_post(
            body=Markup("<p>%s</p>")
            % env._(
                "Received through the web intake form, with %(count)s attachment(s).",
                count=len(attachments),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return melding
