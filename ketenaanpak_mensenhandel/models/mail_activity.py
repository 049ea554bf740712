from odoo import api, models
from odoo.exceptions import UserError


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._keten_check_assignee(
                vals.get("res_model")
                or self.env["ir.model"].browse(vals.get("res_model_id")).sudo().model,
                vals.get("res_id"),
                vals.get("user_id", self.env.uid),
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("user_id"):
            for activity in self.sudo():
                self._keten_check_assignee(
                    activity.res_model, activity.res_id, vals["user_id"]
                )
        if {"date_deadline", "res_id", "res_model_id", "activity_type_id"} & set(vals):
            self._keten_check_termijn_change()
        return super().write(vals)

    def unlink(self):
        self._keten_check_termijn_change()
        return super().unlink()

    def _action_done(self, feedback=False, attachment_ids=None):
        if not self._keten_termijn_event():
            deadlines = self._keten_open_deadlines()
            if deadlines:
                deadlines._mark_activity_done(feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _keten_termijn_event(self):
        """The termijnbewaking itself moves, closes or removes the activity."""
        return self.env.su and self.env.context.get("keten_termijn_event")

    def _keten_open_deadlines(self):
        if not self.ids:
            return self.env["keten.deadline"]
        return (
            self.env["keten.deadline"]
            .sudo()
            .search([("activity_id", "in", self.ids), ("state", "=", "open")])
        )

    def _keten_check_termijn_change(self):
        """An activity of an open termijn keeps its deadline and stays until the
        event happens: it may be handed to a colleague, not moved or cancelled."""
        if self.env.su or not self.ids:
            return
        deadlines = self._keten_open_deadlines()
        if deadlines:
            raise UserError(
                self.env._(
                    "This activity follows the termijn '%(termijn)s' and is due on its "
                    "deadline; it ends by itself when %(event)s To change the "
                    "deadline, change what it is counted from.",
                    termijn=deadlines[0].termijn_id.name,
                    event=deadlines[0].termijn_id._event_phrase(),
                )
            )

    @api.model
    def _keten_check_assignee(self, res_model, res_id, user_id):
        """An activity on a keten record goes only to someone who may read it.

        The assignee reads the activity (summary, note, record name) whatever the
        record rules say, so assigning it to anyone else would leak it.
        """
        if not (res_model and res_model.startswith("keten.") and res_id and user_id):
            return
        user = self.env["res.users"].sudo().browse(user_id)
        record = self.env[res_model].browse(res_id)
        if not record.with_user(user).has_access("read"):
            raise UserError(
                self.env._(
                    "%(user)s may not see this record, so the activity cannot be "
                    "assigned to them. Involve their organisation first.",
                    user=user.name,
                )
            )
