from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    keten_organisation_ids = fields.Many2many(
        "keten.organisation",
        "keten_organisation_res_users_rel",
        "user_id",
        "organisation_id",
        string="Ketenpartner organisations",
        help="The chain organisations this user acts for. Decides which dossiers "
        "the user may see.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if any(vals.get("keten_organisation_ids") for vals in vals_list):
            self.env.registry.clear_cache()
        return users

    def write(self, vals):
        result = super().write(vals)
        if "keten_organisation_ids" in vals:
            self.env.registry.clear_cache()
        return result

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["keten_organisation_ids"]
