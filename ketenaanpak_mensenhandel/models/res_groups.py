from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        """Members added to or removed from a keten group on the group's side
        are a change of those users' access: logged, sessions ended."""
        Users = self.env["res.users"]
        if "users" not in vals or not set(self.ids) & set(Users._keten_group_ids()):
            return super().write(vals)
        before = Users._keten_access_snapshot()
        result = super().write(vals)
        Users._keten_access_changed(before)
        return result
