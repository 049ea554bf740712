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
        return super().write(vals)

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
