from odoo import models


class KetenDomainGuardMixin(models.AbstractModel):
    """Searches only on readable fields, and on up-to-date involvement.

    Odoo 18 no longer runs ``_flush_search()`` before a search. Two things got
    lost with it that matter for need-to-know:

    * the check of field groups on every field of the domain. Odoo still
      checks a field when the query reads its column, but not for an x2many
      condition: ``[('strafrecht_ids', '!=', False)]`` would tell a
      non-justice user which dossiers ever had a criminal track;
    * flushing the fields of the domain and of the record rules. Many2many
      conditions carry no flush, so a rule on the stored involvement would
      read stale rows in the transaction that changed it.
    """

    _name = "keten.domain.guard.mixin"
    _description = "Search only on readable, flushed fields"

    def _search(self, domain, offset=0, limit=None, order=None):
        for model, fname in domain_fields(self, domain):
            model.check_field_access_rights("read", [fname])
            model.flush_model([fname])
        rules = self.env["ir.rule"]._compute_domain(self._name, "read")
        for model, fname in domain_fields(self, rules or []):
            model.flush_model([fname])
        return super()._search(domain, offset=offset, limit=limit, order=order)


def domain_fields(model, domain):
    """(model, field name) of every field on every path of ``domain``."""
    for leaf in domain:
        if not isinstance(leaf, (list, tuple)) or not isinstance(leaf[0], str):
            continue
        current = model
        for fname in leaf[0].split("."):
            field = current._fields.get(fname)
            if field is None:
                break
            yield current, fname
            if not field.relational:
                break
            current = model.env[field.comodel_name]
        if len(leaf) == 3 and leaf[1] in ("any", "not any"):
            yield from domain_fields(current, leaf[2])
