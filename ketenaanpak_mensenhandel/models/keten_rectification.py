"""Rectificatie (AVG art. 16): every change of a personal field, with a reason.

``keten.rectification.mixin`` compares the personal fields a write changes with
their values before it; correcting a value that was there needs a reason
(``change_reason`` on the form, or context ``keten_change_reason``), filling
an empty field does not. Each change becomes a row of ``keten.rectification``:
who, when, old value, new value, reason. The old values are personal data
themselves: the rows go when the person (or the melding) is anonymised.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

REASON_KEY = "keten_change_reason"
REQUEST_KEY = "keten_avg_request_id"


class KetenRectification(models.Model):
    _name = "keten.rectification"
    _description = "Change of personal data (rectificatie)"
    _inherit = ["keten.validation.mixin"]
    _order = "id desc"

    person_id = fields.Many2one(
        "keten.person", ondelete="cascade", index=True, readonly=True
    )
    melding_id = fields.Many2one(
        "keten.melding", ondelete="cascade", index=True, readonly=True
    )
    request_id = fields.Many2one(
        "keten.avg.request",
        string="AVG request",
        ondelete="set null",
        index=True,
        readonly=True,
    )
    res_model = fields.Char(string="Model", readonly=True)
    res_id = fields.Integer(string="Record ID", readonly=True)
    record_ref = fields.Char(string="Record", readonly=True)
    field_name = fields.Char(string="Technical field", readonly=True)
    field_label = fields.Char(string="Field", readonly=True)
    old_value = fields.Text(string="Value before", readonly=True)
    new_value = fields.Text(string="Value after", readonly=True)
    reason = fields.Text(readonly=True)
    user_id = fields.Many2one("res.users", string="Changed by", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.check_access("create")  # nobody has the right: AccessError
        return super().create(vals_list)

    def write(self, vals):
        # a merge moves the rows to the kept person (superuser); nothing else
        if not self.env.su or set(vals) - {"person_id", "melding_id", "request_id"}:
            raise UserError(self.env._("The record of changes cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "The record of changes is removed only with the person, by "
                    "anonymisation."
                )
            )
        return super().unlink()


class KetenRectificationMixin(models.AbstractModel):
    """Records changes of ``_rectification_fields`` in keten.rectification."""

    _name = "keten.rectification.mixin"
    _description = "Changes of personal data recorded"

    # field name: value that counts as empty (besides False)
    _rectification_fields = ()
    _rectification_empty = {}

    change_reason = fields.Char(
        string="Reason for the change",
        compute="_compute_change_reason",
        inverse="_inverse_change_reason",
        help="Correcting personal data needs a reason (AVG art. 16, rectificatie); "
        "it is recorded with the old and the new value.",
    )

    def _compute_change_reason(self):
        self.change_reason = False

    def _inverse_change_reason(self):
        """The reason is used while saving (see write), not stored."""

    def _rectification_person(self):
        """The person whose data this record holds (for the record of changes)."""
        return self.env["keten.person"]

    def _rectification_ref(self):
        self.ensure_one()
        return self.display_name

    def _is_empty_value(self, fname, value):
        if isinstance(value, models.BaseModel):
            return not value
        return not value or value == self._rectification_empty.get(fname)

    def _value_text(self, fname, value):
        field = self._fields[fname]
        if isinstance(value, models.BaseModel):
            return ", ".join(value.sudo().mapped("display_name")) or False
        if field.type == "selection" and value:
            return dict(field._description_selection(self.env)).get(value, value)
        if field.type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        if field.type == "date" and value:
            return fields.Date.to_string(value)
        return value or False

    def _pending_changes(self, vals):
        """[(record, field, old, new)] for the tracked fields ``vals`` changes."""
        tracked = [f for f in self._rectification_fields if f in vals]
        changes = []
        for record in self.sudo():
            for fname in tracked:
                field = self._fields[fname]
                new = field.convert_to_record(
                    field.convert_to_cache(vals[fname], record), record
                )
                old = record[fname]
                same = (
                    old.ids == new.ids
                    if isinstance(old, models.BaseModel)
                    else (old or False) == (new or False)
                )
                if not same:
                    changes.append((record, fname, old, new))
        return changes

    def write(self, vals):
        reason = vals.pop("change_reason", None)
        if self._is_anonymising() or not self._rectification_fields:
            return super().write(vals)
        reason = (reason or self.env.context.get(REASON_KEY) or "").strip()
        changes = self._pending_changes(vals)
        corrected = [
            (record, fname)
            for record, fname, old, _new in changes
            if not self._is_empty_value(fname, old)
        ]
        if corrected and not reason and not self.env.su:
            labels = sorted(
                {
                    self._fields[fname]._description_string(self.env)
                    for _r, fname in corrected
                }
            )
            raise UserError(
                self.env._(
                    "You are correcting personal data (%(fields)s): give the reason "
                    "in 'Reason for the change' and save again. The old and the new "
                    "value are recorded with the reason (AVG art. 16).",
                    fields=", ".join(labels),
                )
            )
        if reason:
            self._ensure_text_sizes([{"change_reason": reason}])
        rows = [
            {
                "person_id": record._rectification_person().id,
                "melding_id": record.id if record._name == "keten.melding" else False,
                "request_id": self.env.context.get(REQUEST_KEY) or False,
                "res_model": record._name,
                "res_id": record.id,
                "record_ref": record._rectification_ref(),
                "field_name": fname,
                "field_label": self._fields[fname]._description_string(self.env),
                "old_value": record._value_text(fname, old),
                "new_value": record._value_text(fname, new),
                "reason": reason or False,
                "user_id": self.env.uid,
            }
            for record, fname, old, new in changes
        ]
        result = super().write(vals)
        if rows:
            self.env["keten.rectification"].sudo().create(rows)
        return result
