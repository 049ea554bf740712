import hashlib
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import SQL, sql

_logger = logging.getLogger(__name__)

ACCESS_PATHS = [
    ("form", "Form"),
    ("list", "List / kanban"),
    ("export", "Export"),
    ("rpc", "RPC"),
    ("search", "Search / autocomplete"),
    ("report", "Report / print"),
    ("inzage", "Inzage report"),
    ("download", "Download / preview of a file"),
    ("auth", "Authentication"),
    ("other", "Other"),
]

ACCESS_ACTIONS = [
    ("read", "Read"),
    ("create", "Create"),
    ("write", "Change"),
    ("unlink", "Delete"),
    ("export", "Export"),
    ("print", "Print"),
    # authentication events (path "auth"), for the privacy officer only
    ("login", "Login"),
    ("login_failed", "Failed login"),
    ("mfa_enrol", "Second factor added"),
    ("mfa_remove", "Second factor removed"),
    ("apikey", "API key created"),
    ("access_change", "Groups or organisations changed"),
]


class KetenAccessLog(models.Model):
    """Who viewed which file: an append-only access log.

    Rows are written with one INSERT per request by :meth:`_log_records`, never
    through the ORM, and a database trigger refuses UPDATE and DELETE unless the
    retention job has opened its purge window for the transaction.
    """

    _name = "keten.access.log"
    _description = "Access log (who viewed)"
    _order = "id desc"
    _log_access = True

    user_id = fields.Many2one("res.users", readonly=True, index=True)
    login = fields.Char(readonly=True)
    role = fields.Char(
        readonly=True, help="The user's role (group) at the time of access."
    )
    organisation_names = fields.Char(string="Organisations", readonly=True)
    # indexed with res_id (init): the pair serves lookups by model alone too
    res_model = fields.Char(string="Model", readonly=True)
    res_id = fields.Integer(string="Record ID", readonly=True)
    record_ref = fields.Char(
        string="Record",
        readonly=True,
        help="Dossier number or person reference; no names.",
    )
    dossier_res_id = fields.Integer(string="Dossier ID", readonly=True, index=True)
    person_res_id = fields.Integer(string="Person ID", readonly=True, index=True)
    path = fields.Selection(ACCESS_PATHS, readonly=True)
    action = fields.Selection(ACCESS_ACTIONS, readonly=True, default="read")
    ip_address = fields.Char(string="Address", readonly=True)
    session_ref = fields.Char(
        string="Session",
        readonly=True,
        help="A hash of the session, not the session itself.",
    )
    user_agent = fields.Char(
        string="Workstation",
        readonly=True,
        help="The browser or program the request came from (NEN 7513: where from).",
    )
    detail = fields.Char(
        string="Details",
        readonly=True,
        help="Authentication events: how the user logged in or why it failed, "
        "which second factor, which groups and organisations changed.",
    )
    concerned_person = fields.Char(
        string="Person concerned",
        compute="_compute_concerned_person",
        search="_search_concerned_person",
        help="Search with the person's reference (P-123): the reads of the person "
        "and of every dossier and melding the person is in.",
    )

    def init(self):
        # "Who viewed this person" and the erasure of a dossier's rows look up
        # reads of one record by (model, id): without this index PostgreSQL
        # reads every row of the model (docs/benchmarks.md, P5).
        sql.create_index(
            self.env.cr,
            "keten_access_log_res_model_res_id_index",
            self._table,
            ["res_model", "res_id"],
        )
        self.env.cr.execute(
            """
            CREATE OR REPLACE FUNCTION keten_access_log_guard() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'DELETE'
                   AND coalesce(current_setting('keten.access_log_purge', true), '')
                       = 'on' THEN
                    RETURN OLD;
                END IF;
                RAISE EXCEPTION 'keten_access_log is append-only';
            END;
            $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS keten_access_log_guard ON keten_access_log;
            CREATE TRIGGER keten_access_log_guard
                BEFORE UPDATE OR DELETE ON keten_access_log
                FOR EACH ROW EXECUTE FUNCTION keten_access_log_guard();
            """
        )

    def _compute_concerned_person(self):
        for row in self:
            row.concerned_person = (
                f"P-{row.person_res_id}" if row.person_res_id else False
            )

    @api.model
    def _person_id_from_ref(self, value):
        text = str(value or "").strip().upper().removeprefix("P-").strip()
        return int(text) if text.isdigit() else 0

    def _search_concerned_person(self, operator, value):
        if operator not in ("=", "ilike"):
            raise UserError(
                self.env._("Search the person concerned by reference, e.g. P-123.")
            )
        person = self._person_id_from_ref(value)
        return self._concerned_person_domain(person)

    @api.model
    def _concerned_person_domain(self, person_id):
        """Rows about the person, their dossiers and their meldingen."""
        if not person_id:
            return [("id", "=", 0)]
        self.env.cr.execute(
            """
            SELECT array(SELECT dossier_id FROM keten_dossier_person
                          WHERE person_id = %(p)s),
                   array(SELECT melding_id FROM keten_melding_person_rel
                          WHERE person_id = %(p)s
                         UNION SELECT melding_id FROM keten_melding_suspect_rel
                          WHERE person_id = %(p)s
                         UNION SELECT id FROM keten_melding
                          WHERE melder_person_id = %(p)s)
            """,
            {"p": person_id},
        )
        dossier_ids, melding_ids = self.env.cr.fetchone()
        return [
            "|",
            "|",
            ("person_res_id", "=", person_id),
            ("dossier_res_id", "in", dossier_ids),
            "&",
            ("res_model", "=", "keten.melding"),
            ("res_id", "in", melding_ids),
        ]

    # Append-only: rows are inserted by _log_records and never touched by the ORM,
    # so create/write/unlink deliberately refuse without calling super().
    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        self.check_access("create")  # nobody has the right: AccessError
        raise UserError(self.env._("The access log is written by the system only."))

    def write(self, vals):  # pylint: disable=method-required-super
        self.check_access("write")
        raise UserError(self.env._("The access log cannot be changed."))

    def unlink(self):  # pylint: disable=method-required-super
        self.check_access("unlink")
        raise UserError(
            self.env._(
                "The access log cannot be deleted; only the retention job purges it."
            )
        )

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    @api.model
    def _request_origin(self):
        """(address, session hash, user agent) of the current HTTP request."""
        if not request:
            return None, None, None
        try:
            address = request.httprequest.remote_addr
            sid = request.session.sid or ""
            agent = request.httprequest.user_agent.string or None
        except (AttributeError, RuntimeError):
            return None, None, None
        session_ref = hashlib.sha256(sid.encode()).hexdigest()[:16] if sid else None
        return address, session_ref, agent and agent[:250]

    @api.model
    def _user_role(self, user):
        """The user's role in words: the highest tier, plus Justitie, Rapportage
        and Privacy officer where they hold those too."""
        tiers = [
            ("ketenaanpak_mensenhandel.group_beheerder", "Beheerder"),
            ("ketenaanpak_mensenhandel.group_ketenregie", "Ketenregie"),
            ("ketenaanpak_mensenhandel.group_ketenpartner", "Ketenpartner"),
            ("ketenaanpak_mensenhandel.group_melder", "Melder"),
        ]
        names = [next((label for xmlid, label in tiers if user.has_group(xmlid)), "")]
        for xmlid, label in (
            ("ketenaanpak_mensenhandel.group_justitie", "Justitie"),
            ("ketenaanpak_mensenhandel.group_rapportage", "Rapportage"),
            ("ketenaanpak_mensenhandel.group_privacy", "Privacy officer"),
        ):
            if user.has_group(xmlid) and not (
                label == "Privacy officer" and names[0] == "Beheerder"
            ):
                names.append(label)
        return ", ".join(name for name in names if name) or "-"

    @api.model
    def _log_records(self, records, action="read", path=None):
        """Record one row per record of ``records`` with a single INSERT."""
        ids = [rid for rid in records.ids if isinstance(rid, int)]
        if ids and self._must_log(records):
            self._insert_rows(
                records, SQL("SELECT unnest(%s::int[])", ids), action, path
            )

    @api.model
    def _log_domain(self, model, domain, action="read", path=None):
        """Record a row for every record of ``model`` that ``domain`` matches for
        the user (record rules applied), with a single INSERT ... SELECT: the
        ids never travel through Python, however many there are."""
        if self._must_log(model):
            query = model._search(domain)
            self._insert_rows(model, query.select(), action, path)

    @api.model
    def _must_log(self, records):
        env = records.env
        if env.su or env.context.get("keten_skip_access_log"):
            return False
        user = env.user
        return bool(user) and not user._is_public() and not user._is_superuser()

    @api.model
    def _insert_rows(
        self,
        records,
        ids_sql,
        action,
        path,
        record_ref=None,
        person_id=None,
        detail=None,
        login=None,
    ):
        env = records.env
        user = env.user
        path = path or env.context.get("keten_access_path") or "rpc"
        address, session_ref, agent = self._request_origin()
        user_sudo = user.sudo()
        organisations = ", ".join(user_sudo.keten_organisation_ids.mapped("name"))
        model = records._name
        if model == "keten.dossier":
            ref_sql = SQL("(SELECT d.name FROM keten_dossier d WHERE d.id = r.id)")
            dossier_sql, person_sql = SQL("r.id"), SQL("NULL")
        elif model == "keten.person":
            ref_sql, dossier_sql, person_sql = (
                SQL("'P-' || r.id"),
                SQL("NULL"),
                SQL("r.id"),
            )
        elif model == "keten.melding":
            ref_sql = SQL("(SELECT m.name FROM keten_melding m WHERE m.id = r.id)")
            dossier_sql = SQL(
                "(SELECT m.dossier_id FROM keten_melding m WHERE m.id = r.id)"
            )
            person_sql = SQL("NULL")
        elif hasattr(records, "_access_log_columns"):
            ref_sql, dossier_sql, person_sql = records._access_log_columns()
        else:
            ref_sql = SQL("%s", record_ref)
            dossier_sql = SQL("NULL")
            person_sql = SQL("%s", person_id)
        env.cr.execute(
            SQL(
                """
                INSERT INTO keten_access_log (
                    user_id, login, role, organisation_names, res_model, res_id,
                    record_ref, dossier_res_id, person_res_id, path, action,
                    ip_address, session_ref, user_agent, detail, create_uid,
                    create_date, write_uid, write_date)
                SELECT %(uid)s, %(login)s, %(role)s, %(orgs)s, %(model)s, r.id,
                       %(ref)s, %(dossier)s, %(person)s, %(path)s, %(action)s,
                       %(address)s, %(session)s, %(agent)s, %(detail)s, %(uid)s,
                       now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM (%(ids)s) AS r(id)
                """,
                uid=user.id or None,
                login=login or user_sudo.login,
                role=self._user_role(user),
                orgs=organisations,
                model=model,
                ref=ref_sql,
                dossier=dossier_sql,
                person=person_sql,
                path=path,
                action=action,
                address=address,
                session=session_ref,
                agent=agent,
                detail=detail,
                ids=ids_sql,
            )
        )

    @api.model
    def _log_auth(self, action, subject, actor=None, detail=None, login=None):
        """Record one authentication event about the user ``subject``: a login,
        a failed login, a second factor added or removed, an API key created,
        a change of keten groups or organisations. ``actor`` did it (by default
        the subject: a login is the user's own act); ``login`` is the name typed
        at a failed login. Written as superuser on the caller's cursor; the
        rows are for the privacy officer only (record rules on path "auth")."""
        actor = actor or subject
        env = self.env(user=actor.id, su=True)
        env["keten.access.log"]._insert_rows(
            subject.with_env(env),
            SQL("SELECT %s::int", subject.id),
            action,
            "auth",
            record_ref=subject.with_env(env).login,
            detail=detail and detail[:500],
            login=login,
        )

    def export_data(self, fields_to_export):
        """Exporting the log is itself logged: one row per export."""
        result = super().export_data(fields_to_export)
        self._log_own_export()
        return result

    def _log_own_export(self):
        """A row for an export of these log rows (who took which part of the log
        out). The person concerned is set when every row is about one person."""
        persons = set(self.mapped("person_res_id")) - {0}
        person = persons.pop() if len(persons) == 1 else None
        if not self._must_log(self):
            return
        self._insert_rows(
            self.browse(),
            SQL("SELECT NULL::int"),
            "export",
            "export",
            record_ref=self.env._("%(count)s log rows", count=len(self)),
            person_id=person,
        )

    @api.model
    def _purge(self, condition, params=()):
        """Delete rows for the retention job, the only permitted delete path.

        ``condition`` is an ``SQL`` object, or a trusted WHERE clause with ``%s``
        placeholders for ``params``.
        """
        if not isinstance(condition, SQL):
            condition = SQL(condition, *params)
        self.env.cr.execute(SQL("SET LOCAL keten.access_log_purge = 'on'"))
        try:
            self.env.cr.execute(SQL("DELETE FROM keten_access_log WHERE %s", condition))
            count = self.env.cr.rowcount
        finally:
            self.env.cr.execute(SQL("SET LOCAL keten.access_log_purge = 'off'"))
        return count
