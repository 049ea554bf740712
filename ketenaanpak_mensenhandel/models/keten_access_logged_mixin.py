from odoo import api, models


def logging_read(method):
    """Mark a read method that writes its access-log row.

    Odoo 18 runs methods marked ``@api.readonly`` on a read-only cursor; the
    INSERT of the log row then fails and Odoo retries the whole request on a
    read/write cursor, logging an error each time. RPC looks the flag up on
    the first class of the MRO that sets it, so these overrides say False.
    """
    method._readonly = False
    return method


class KetenAccessLoggedMixin(models.AbstractModel):
    """Records every read of a record by a human user in ``keten.access.log``.

    One INSERT per call, whatever the number of records: the cost per request is
    bounded. The path (form, list/kanban, export, RPC) is taken from the entry
    point that was used.
    """

    _name = "keten.access.logged.mixin"
    _description = "Access-logged record"
    # Grouping by one of these lists who is in the file: logged like a read.
    _identifying_fields = ("name",)

    def _write_access_log(self, action="read", path=None):
        self.env["keten.access.log"]._log_records(self, action=action, path=path)

    def _access_log_action(self, domain, name):
        """The 'Who viewed' list for ketenregie, Beheerder and privacy officer."""
        self.ensure_one()
        self.env["keten.access.log"].check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ketenaanpak_mensenhandel.keten_access_log_action"
        )
        action.update(domain=domain, context={}, name=name)
        return action

    @logging_read
    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        if "keten_access_path" not in self.env.context:
            self = self.with_context(keten_access_path="list")
        return super().web_search_read(
            domain,
            specification,
            offset=offset,
            limit=limit,
            order=order,
            count_limit=count_limit,
        )

    @logging_read
    def web_read(self, specification):
        if "keten_access_path" not in self.env.context:
            self = self.with_context(keten_access_path="form")
        return super().web_read(specification)

    @logging_read
    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        self.browse([values["id"] for values in result])._write_access_log("read")
        return result

    @logging_read
    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        # search_read() formats the values without calling read().
        result = super().search_read(
            domain=domain,
            fields=fields,
            offset=offset,
            limit=limit,
            order=order,
            **read_kwargs,
        )
        self.browse([values["id"] for values in result])._write_access_log("read")
        return result

    @logging_read
    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        result = super().read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        groupby = [groupby] if isinstance(groupby, str) else groupby or []
        if any(spec.split(":")[0] in self._identifying_fields for spec in groupby):
            self.env["keten.access.log"]._log_domain(self, domain or [], "read")
        return result

    @logging_read
    @api.model
    def web_read_group(
        self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True
    ):
        return super().web_read_group(
            domain,
            fields,
            groupby,
            limit=limit,
            offset=offset,
            orderby=orderby,
            lazy=lazy,
        )

    @logging_read
    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        result = super().name_search(
            name=name, args=args, operator=operator, limit=limit
        )
        self.browse([record_id for record_id, _name in result])._write_access_log(
            "read", path="search"
        )
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self._write_access_log("export", path="export")
        return result

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._write_access_log(
            "create", path=self.env.context.get("keten_access_path", "form")
        )
        return records

    def write(self, vals):
        result = super().write(vals)
        self._write_access_log(
            "write", path=self.env.context.get("keten_access_path", "form")
        )
        return result

    def unlink(self):
        self._write_access_log(
            "unlink", path=self.env.context.get("keten_access_path", "form")
        )
        return super().unlink()
