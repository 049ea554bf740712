from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        """Members added to or removed from a keten group on the group's side
        are a change of those users' access: logged, sessions ended."""
        if "users" not in vals or not self.filtered(
            lambda group: group.id in self.env["res.users"]._keten_group_ids()
        ):
            return super().write(vals)
        Users = self.env["res.users"]
        before = Users._keten_access_snapshot()
        result = super().write(vals)
        Users._keten_access_changed(before)
        return result
