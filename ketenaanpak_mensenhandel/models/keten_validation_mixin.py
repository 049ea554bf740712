from odoo import api, models
from odoo.exceptions import UserError, ValidationError

from ..tools.person_data import email_is_valid, phone_is_valid

PARAM_PREFIX = "ketenaanpak_mensenhandel."

# Field type: (configuration parameter, default maximum in characters).
TEXT_LIMITS = {
    "char": ("max_char_length", 1000),
    "text": ("max_text_length", 20000),
    "html": ("max_html_length", 100000),
}


class KetenValidationMixin(models.AbstractModel):
    """Checks every model of the addon shares, made before anything is written.

    * Free text is bounded: a Char, Text or Html value longer than the maximum
      configured in the settings is refused (no silent truncation).
    * A state field follows its transitions: ``_state_transitions`` maps
      each state to the states it may go to next. A write that jumps out of
      order is refused, whatever the entry point (button, kanban, import, RPC).
    """

    _name = "keten.validation.mixin"
    _description = "Validation of the chain's records"

    _state_field = "state"
    _state_transitions = {}

    def _is_anonymising(self):
        """True while the retention job or an AVG request anonymises records: the
        only moment adopted and confirmed records lose their text."""
        return self.env.su and bool(self.env.context.get("keten_anonymise"))

    @api.model
    def _text_limit(self, field_type):
        parameter, default = TEXT_LIMITS[field_type]
        value = (
            self.env["ir.config_parameter"].sudo().get_param(PARAM_PREFIX + parameter)
        )
        try:
            return int(value) if value else default
        except ValueError:
            return default

    def _ensure_text_sizes(self, vals_list):
        limits = {}
        for vals in vals_list:
            for name, value in vals.items():
                field = self._fields.get(name)
                if (
                    field is None
                    or field.type not in TEXT_LIMITS
                    or not isinstance(value, str)
                ):
                    continue
                if field.type not in limits:
                    limits[field.type] = self._text_limit(field.type)
                if len(value) > limits[field.type]:
                    raise ValidationError(
                        self.env._(
                            "%(field)s is too long: %(length)s characters, at most "
                            "%(limit)s. Shorten it; put long documents in an attachment.",
                            field=field._description_string(self.env),
                            length=len(value),
                            limit=limits[field.type],
                        )
                    )

    def _ensure_state_transition(self, new_state):
        transitions = self._state_transitions
        field = self._fields[self._state_field]
        labels = dict(field._description_selection(self.env))
        for record in self:
            old_state = record[self._state_field]
            if not old_state or old_state == new_state:
                continue
            if new_state not in transitions.get(old_state, ()):
                raise UserError(
                    self.env._(
                        "%(model)s %(record)s cannot go from '%(old)s' to '%(new)s'.",
                        model=self._description,
                        record=record.display_name,
                        old=labels.get(old_state, old_state),
                        new=labels.get(new_state, new_state),
                    )
                )

    def _ensure_acts_for(self, user, organisation, role=None):
        """Refuse ``user`` in a role for ``organisation`` the user does not act for."""
        if not user or not organisation:
            return
        if organisation in user.sudo().keten_organisation_ids:
            return
        if role:
            message = self.env._(
                "%(user)s does not act for %(organisation)s, %(role)s.",
                user=user.name,
                organisation=organisation.name,
                role=role,
            )
        else:
            message = self.env._(
                "%(user)s does not act for %(organisation)s.",
                user=user.name,
                organisation=organisation.name,
            )
        raise ValidationError(message)

    def _ensure_valid_contact(self, email=None, phone=None):
        """Refuse an e-mail address or phone number that cannot be one."""
        if not email_is_valid(email):
            raise ValidationError(
                self.env._("%(email)s is not a valid e-mail address.", email=email)
            )
        if not phone_is_valid(phone):
            raise ValidationError(
                self.env._("%(phone)s is not a valid phone number.", phone=phone)
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._ensure_text_sizes(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._ensure_text_sizes([vals])
        if self._state_transitions and self._state_field in vals:
            self._ensure_state_transition(vals[self._state_field])
        return super().write(vals)
