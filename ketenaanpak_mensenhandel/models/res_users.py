"""Users of the chain: the organisations they act for, and the security of
the users of the module's groups ("keten users", the administrator included:
the module makes it Beheerder). Other users of the municipality's Odoo
(finance, HR) keep Odoo's own behaviour.

* Second factor: Odoo's auth_totp and auth_passkey. A keten user logs in with a
  password and an authenticator code, or with a passkey; without either they
  reach only the enrolment page (ir_http.py, controllers/security.py).
  XML-RPC and JSON-RPC take an API key, not the password.
* Sessions: the session token carries ``keten_session_epoch``; raising it ends
  every session of the user (logout, a change of keten groups or
  organisations).
* Passwords: auth_password_policy, at least 12 characters for keten users.
* Authentication events in the access log (NEN 7513, BIO): logins and failed
  logins, second factors added and removed, changes of keten groups or
  organisations (API keys: res_users_apikeys.py, passkeys: auth_passkey_key.py).
See docs/security.md.
"""

import base64
import functools
import re

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessDenied, UserError
from odoo.http import request
from odoo.tools import SQL

from odoo.addons.auth_totp.models.totp import TOTP

from .keten_validation_mixin import PARAM_PREFIX

PARAM_MFA_REQUIRED = PARAM_PREFIX + "mfa_required"
PARAM_SESSION_TIMEOUT = PARAM_PREFIX + "session_timeout_minutes"
PARAM_PASSWORD_MIN_LENGTH = PARAM_PREFIX + "password_min_length"
DEFAULT_SESSION_TIMEOUT = 15  # minutes of inactivity
DEFAULT_PASSWORD_MIN_LENGTH = 12

# Every group of the module implies one of these.
KETEN_ROOT_GROUPS = (
    "ketenaanpak_mensenhandel.group_melder",
    "ketenaanpak_mensenhandel.group_rapportage",
    "ketenaanpak_mensenhandel.group_privacy",
)
# res.users.write keys that can change a user's groups or organisations
ACCESS_KEYS = ("groups_id", "keten_organisation_ids")
ACCESS_KEY_PREFIXES = ("in_group_", "sel_groups_")

compress = functools.partial(re.sub, r"\s", "")


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
    keten_session_epoch = fields.Integer(
        string="Session generation",
        groups=fields.NO_ACCESS,
        copy=False,
        help="Part of the session token: raising it ends every session of the "
        "user (logout, change of keten groups or organisations).",
    )
    keten_totp_counter = fields.Integer(
        string="Last authenticator time step",
        groups=fields.NO_ACCESS,
        copy=False,
        help="Time step of the last authenticator code accepted for this user: "
        "each code is accepted once.",
    )

    def _inverse_token(self):
        """totp_secret is written here whatever the path (enrolment, the user's
        or an administrator's Disable): log a second factor added or removed."""
        if not self:
            return super()._inverse_token()
        self.env.cr.execute(
            "SELECT id FROM res_users WHERE id IN %s AND totp_secret IS NOT NULL",
            (tuple(self.ids),),
        )
        enabled_before = {row[0] for row in self.env.cr.fetchall()}
        result = super()._inverse_token()
        for user in self:
            enabled = bool(user.totp_secret)
            if enabled == (user.id in enabled_before):
                continue
            if user.sudo()._keten_is_keten_user():
                user.sudo()._keten_log_event(
                    "mfa_enrol" if enabled else "mfa_remove",
                    actor=self.env.user,
                    detail=self._keten_log_env()._("authenticator app (TOTP)"),
                )
        return result

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if any(vals.get("keten_organisation_ids") for vals in vals_list):
            self.env.registry.clear_cache()
        # a new user has no session to end
        self._keten_access_changed({}, users.ids, end_sessions=False)
        return users

    def write(self, vals):
        if not any(
            key in ACCESS_KEYS or key.startswith(ACCESS_KEY_PREFIXES) for key in vals
        ):
            return super().write(vals)
        before = self._keten_access_snapshot(self.ids)
        result = super().write(vals)
        if "keten_organisation_ids" in vals:
            self.env.registry.clear_cache()
        self._keten_access_changed(before, self.ids)
        return result

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["keten_organisation_ids"]

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------
    @api.model
    def _intake_int_param(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return int(value) if value not in (None, False, "") else default
        except ValueError:
            return default

    @api.model
    def _keten_mfa_enforced(self):
        """The setting: a second factor for keten users (on unless switched off)."""
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM_MFA_REQUIRED)
        return not value or value.strip().lower() not in ("false", "0")

    @api.model
    def _keten_session_timeout(self):
        """Seconds of inactivity after which a keten user's session ends."""
        minutes = self._intake_int_param(PARAM_SESSION_TIMEOUT, DEFAULT_SESSION_TIMEOUT)
        return max(minutes, 1) * 60

    @api.model
    def _keten_password_min_length(self):
        """Minimum password length of keten users: the setting, and never less
        than Odoo's own policy for everybody (auth_password_policy.minlength)."""
        own = self._intake_int_param(
            PARAM_PASSWORD_MIN_LENGTH, DEFAULT_PASSWORD_MIN_LENGTH
        )
        odoo = self._intake_int_param("auth_password_policy.minlength", 0)
        return max(own, odoo)

    # ------------------------------------------------------------------
    # Who
    # ------------------------------------------------------------------
    def _keten_is_keten_user(self):
        """A user in any group of the module (the administrator included: the
        module makes it Beheerder)."""
        self.ensure_one()
        user = self.sudo()
        return any(user.has_group(xmlid) for xmlid in KETEN_ROOT_GROUPS)

    def _keten_has_second_factor(self):
        self.ensure_one()
        user = self.sudo()
        return bool(user.totp_enabled or user.auth_passkey_key_ids)

    def _keten_mfa_required(self):
        """A second factor is asked of this user (keten user, setting on)."""
        self.ensure_one()
        return self._keten_mfa_enforced() and self._keten_is_keten_user()

    def _keten_mfa_missing(self):
        """Keten user without a second factor while it is required: may only
        reach the enrolment page."""
        self.ensure_one()
        return self._keten_mfa_required() and not self._keten_has_second_factor()

    # ------------------------------------------------------------------
    # Sessions
    # ------------------------------------------------------------------
    def _get_session_token_fields(self):
        return super()._get_session_token_fields() | {"keten_session_epoch"}

    def _keten_end_sessions(self):
        """End every session of these users. The session of the current
        request stays valid when it belongs to one of them (the user ended
        their *other* sessions), unless it is being logged out anyway."""
        for user in self.sudo():
            user.keten_session_epoch += 1
        if request and request.session.uid in self.ids:
            self.env.flush_all()
            current = self.browse(request.session.uid)
            request.session.session_token = current._compute_session_token(
                request.session.sid
            )

    # ------------------------------------------------------------------
    # Passwords (auth_password_policy, stricter for keten users)
    # ------------------------------------------------------------------
    @api.model
    def get_password_policy(self):
        policy = super().get_password_policy()
        if self.env.user._keten_is_keten_user():
            policy["minlength"] = max(
                policy.get("minlength", 0), self._keten_password_min_length()
            )
        return policy

    def _set_password(self):
        minimum = None
        for user in self:
            if not user.password or not user._keten_is_keten_user():
                continue
            if minimum is None:
                minimum = self._keten_password_min_length()
            if len(user.password) < minimum:
                raise UserError(
                    self.env._(
                        "The password of a user of the ketenaanpak must have at "
                        "least %(minimum)s characters; this one has %(length)s.",
                        minimum=minimum,
                        length=len(user.password),
                    )
                )
        return super()._set_password()

    # ------------------------------------------------------------------
    # Second factor; XML-RPC and JSON-RPC with an API key only
    # ------------------------------------------------------------------
    def _rpc_api_keys_only(self):
        self.ensure_one()
        return self._keten_mfa_required() or super()._rpc_api_keys_only()

    def _check_credentials(self, credential, env):
        auth_info = super()._check_credentials(credential, env)
        user = self.env.user
        if (
            auth_info.get("auth_method") == "password"
            and (env or {}).get("interactive", True)
            and user._keten_mfa_required()
            and not user.totp_enabled
            and user.sudo().auth_passkey_key_ids
        ):
            # The password alone would open the account: its second factor is
            # the passkey, which also logs in by itself.
            raise AccessDenied(
                self.env._(
                    "This account logs in with a passkey: choose 'Log in with "
                    "Passkey' on the login page."
                )
            )
        return auth_info

    # ------------------------------------------------------------------
    # Authenticator codes: each accepted once
    # ------------------------------------------------------------------
    def _keten_totp_counter_of(self, secret, code):
        return TOTP(base64.b32decode(compress(secret).upper())).match(code)

    def _keten_use_totp_counter(self, counter):
        """Claim the time step of an accepted code; refuse it when that step or
        a later one was used already (a code seen over a shoulder or replayed).
        One UPDATE, so two requests with the same code cannot both pass."""
        self.env.cr.execute(
            """
            UPDATE res_users SET keten_totp_counter = %s
             WHERE id = %s AND COALESCE(keten_totp_counter, 0) < %s
            """,
            (counter, self.id, counter),
        )
        if not self.env.cr.rowcount:
            raise AccessDenied(
                self.env._(
                    "This code has been used already. Wait for the next code in "
                    "your authenticator app and enter that one."
                )
            )

    def _totp_check(self, code):
        user = self.sudo()
        if not user._keten_is_keten_user():
            return super()._totp_check(code)
        logging_in = bool(request) and request.session.pre_uid == self.id
        counter = None
        try:
            counter = user.totp_secret and self._keten_totp_counter_of(
                user.totp_secret, code
            )
            if counter:
                self._keten_use_totp_counter(counter)
            result = super()._totp_check(code)
        except AccessDenied as error:
            if logging_in:
                env = self._keten_log_env()
                reason = (
                    env._("authenticator code used before")
                    if counter
                    else str(error.args[0] if error.args else "")
                )
                user._keten_log_event(
                    "login_failed",
                    detail=env._("second step: %(reason)s", reason=reason),
                )
            raise
        if logging_in:
            user._keten_log_event(
                "login",
                detail=self._keten_log_env()._("password and authenticator code"),
            )
        return result

    def _totp_try_setting(self, secret, code):
        result = super()._totp_try_setting(secret, code)
        if result and self._keten_is_keten_user():
            # the code that enrolled cannot log in again
            counter = self._keten_totp_counter_of(secret, code)
            if counter:
                self.sudo()._keten_use_totp_counter(counter)
        return result

    # ------------------------------------------------------------------
    # Writing an event
    # ------------------------------------------------------------------
    def _keten_log_env(self, actor=None):
        """An environment in the language of whoever acts, for the details."""
        user = (actor or self or self.env.user).sudo()
        return self.with_context(lang=user.lang or self.env.lang).env

    def _keten_log_event(self, action, actor=None, detail=None, login=None):
        self.ensure_one()
        self.env["keten.access.log"]._log_auth(
            action, self.sudo(), actor=actor, detail=detail, login=login
        )

    # ------------------------------------------------------------------
    # Logins
    # ------------------------------------------------------------------
    @classmethod
    def _login(cls, db, credential, user_agent_env):
        try:
            auth_info = super()._login(db, credential, user_agent_env=user_agent_env)
        except AccessDenied as error:
            cls._keten_log_login(credential, user_agent_env, error=error)
            raise
        cls._keten_log_login(credential, user_agent_env, auth_info=auth_info)
        return auth_info

    @classmethod
    def check(cls, db, uid, passwd):
        """Every XML-RPC/JSON-RPC call authenticates: a refused one is logged."""
        try:
            return super().check(db, uid, passwd)
        except AccessDenied:
            with cls.pool.cursor() as cr:
                user = api.Environment(cr, SUPERUSER_ID, {})["res.users"].browse(uid)
                if user.exists() and user._keten_is_keten_user():
                    user._keten_log_event(
                        "login_failed",
                        detail=user._keten_log_env()._("RPC call refused"),
                    )
            raise

    @classmethod
    def _keten_log_login(cls, credential, user_agent_env, auth_info=None, error=None):
        """One row per login attempt of a keten user, on a cursor of its own:
        a failed login rolls back the cursor it was checked on."""
        interactive = (user_agent_env or {}).get("interactive", True)
        with cls.pool.cursor() as cr:
            Users = api.Environment(cr, SUPERUSER_ID, {})["res.users"]
            if auth_info:
                user = Users.browse(auth_info["uid"])
            elif credential.get("login"):
                user = Users.search(
                    Users._get_login_domain(credential["login"]),
                    order=Users._get_login_order(),
                    limit=1,
                )
            else:
                return  # an unknown passkey: no account to log it against
            if not user or not user._keten_is_keten_user():
                return
            env = user._keten_log_env()
            if error is None:
                if interactive and auth_info.get("mfa") != "skip" and user._mfa_url():
                    return  # logged when the second step succeeds or fails
                user._keten_log_event(
                    "login", detail=cls._keten_login_detail(env, user, auth_info)
                )
                return
            if credential.get("type") == "webauthn":
                reason = env._("passkey refused")
            elif not interactive and user._rpc_api_keys_only():
                reason = env._("RPC with a password: an API key is required")
            elif error.args and error.args != AccessDenied().args:
                reason = str(error.args[0])  # cooldown, passkey account, ...
            else:
                reason = env._("wrong password")
            user._keten_log_event(
                "login_failed", detail=reason, login=credential.get("login")
            )

    @classmethod
    def _keten_login_detail(cls, env, user, auth_info):
        method = auth_info.get("auth_method")
        if method == "passkey":
            return env._("passkey")
        if method == "apikey":
            return env._("API key (RPC)")
        if user._keten_mfa_missing():
            return env._("password; second factor still to be set up")
        return env._("password")

    # ------------------------------------------------------------------
    # Changes of keten groups and organisations
    # ------------------------------------------------------------------
    @api.model
    def _keten_group_ids(self):
        category = self.env.ref(
            "ketenaanpak_mensenhandel.module_category_ketenaanpak",
            raise_if_not_found=False,
        )
        if not category:
            return []
        return (
            self.env["res.groups"]
            .sudo()
            .search([("category_id", "=", category.id)])
            .ids
        )

    @api.model
    def _keten_access_snapshot(self, user_ids=None):
        """{user id: (keten group ids, organisation ids)} of ``user_ids``, or of
        every user holding a keten group or organisation (anyone else holds
        neither)."""
        self.env["res.users"].flush_model(["groups_id", "keten_organisation_ids"])
        self.env["keten.organisation"].flush_model(["user_ids"])
        groups = self._keten_group_ids()
        if user_ids is None:
            where = SQL(
                """EXISTS (SELECT 1 FROM res_groups_users_rel r
                            WHERE r.uid = u.id AND r.gid = ANY(%s))
                   OR EXISTS (SELECT 1 FROM keten_organisation_res_users_rel o
                               WHERE o.user_id = u.id)""",
                groups,
            )
        else:
            where = SQL("u.id = ANY(%s)", list(user_ids))
        self.env.cr.execute(
            SQL(
                """
                SELECT u.id,
                       ARRAY(SELECT r.gid FROM res_groups_users_rel r
                              WHERE r.uid = u.id AND r.gid = ANY(%s)),
                       ARRAY(SELECT o.organisation_id
                               FROM keten_organisation_res_users_rel o
                              WHERE o.user_id = u.id)
                  FROM res_users u
                 WHERE %s
                """,
                groups,
                where,
            )
        )
        return {
            uid: (frozenset(group_ids), frozenset(org_ids))
            for uid, group_ids, org_ids in self.env.cr.fetchall()
        }

    @api.model
    def _keten_access_changed(self, before, user_ids=None, end_sessions=True):
        """Compare with ``before`` (a snapshot): log one row per user whose keten
        groups or organisations changed, and end that user's sessions."""
        after = self._keten_access_snapshot(user_ids)
        empty = (frozenset(), frozenset())
        changed = self.browse(
            sorted(
                uid
                for uid in set(before) | set(after)
                if before.get(uid, empty) != after.get(uid, empty)
            )
        )
        for user in changed:
            user._keten_log_event(
                "access_change",
                actor=self.env.user,
                detail=self._keten_access_detail(
                    before.get(user.id, empty), after.get(user.id, empty)
                ),
            )
        if changed and end_sessions:
            changed._keten_end_sessions()

    @api.model
    def _keten_access_detail(self, before, after):
        """'Groups: +Ketenregie, -Melder. Organisations: +ZVH', naming only the
        groups that another changed group does not imply."""
        env = self._keten_log_env(self.env.user)
        Groups, Orgs = env["res.groups"].sudo(), env["keten.organisation"].sudo()

        def names(records):
            implied = records.trans_implied_ids if records._name == "res.groups" else []
            return ", ".join(sorted(r.name for r in records if r not in implied))

        parts = []
        for label, model, old, new in (
            (env._("Groups"), Groups, before[0], after[0]),
            (env._("Organisations"), Orgs, before[1], after[1]),
        ):
            added = names(model.browse(sorted(new - old)))
            removed = names(model.browse(sorted(old - new)))
            changes = [f"+{added}"] * bool(added) + [f"-{removed}"] * bool(removed)
            if changes:
                parts.append(f"{label}: {'; '.join(changes)}")
        return ". ".join(parts)
