from collections import defaultdict

from odoo import api, models


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """Followers of a keten record only for users who may read that record.

        Odoo lets every internal user read all followers; for the chain that
        would tell a finance clerk which dossiers and persons exist and which
        partners work on them. Same approach as mail.activity's _search.
        """
        query = super()._search(domain, offset, limit, order)
        if self.env.is_superuser():
            return query
        rows = self.env.execute_query(
            query.select(
                *[
                    self._field_to_sql(self._table, fname)
                    for fname in ("id", "res_model", "res_id")
                ]
            )
        )
        keten_ids = defaultdict(set)
        for __, res_model, res_id in rows:
            if res_model and res_model.startswith("keten."):
                keten_ids[res_model].add(res_id)
        if not keten_ids:
            return query
        allowed = {
            res_model: set(
                self.env[res_model]
                .browse(res_ids)
                .exists()
                ._filtered_access("read")
                .ids
            )
            for res_model, res_ids in keten_ids.items()
        }
        return self.browse(
            id_
            for id_, res_model, res_id in rows
            if res_model not in allowed or res_id in allowed[res_model]
        )._as_query(order)
