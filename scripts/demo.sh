#!/usr/bin/env bash
# `make demo`: create or reuse the demo database, install the addon with demo
# data (or update it when installed already), load Dutch, print the URL and the
# demo logins, then serve Odoo in the foreground until Ctrl-C.
#
# `scripts/demo.sh drop` (make demo-drop): drop the demo database.
#
# `scripts/demo.sh smoke` (make demo-smoke): the same install with demo data
# into a throwaway database (DEMO_SMOKE_DB, dropped afterwards unless
# KEEP_DB=1), then start the server in the background on DEMO_SMOKE_PORT,
# check that /web/login answers 200 with the login form and that one demo
# login per role logs in over HTTP (scripts/demo_smoke.py), and stop it.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

MODE=${1:-serve}
KEEP_DB=${KEEP_DB:-0}
if [[ $MODE == smoke ]]; then
    DEMO_DB=${DEMO_SMOKE_DB:-keten_demo_smoke_$(date +%Y%m%d%H%M%S)_$$}
    DEMO_PORT=${DEMO_SMOKE_PORT:-8174}
else
    # The database is named after the demo region (demo/res_company_demo.xml).
    DEMO_DB=${DEMO_DB:-keten_noord_oost_gelderland}
    DEMO_PORT=${DEMO_PORT:-8069}
fi
check_db_name "$DEMO_DB"
server_pid=""
created_db=""

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        log "Stopping the server (pid $server_pid)"
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 1
        done
        kill -KILL -- "-$server_pid" 2>/dev/null || true
    fi
    if [[ -n $created_db && $KEEP_DB != 1 ]]; then
        log "Dropping database $created_db"
        drop_db "$created_db" || rc=1
    fi
    stop_private_pg
    if [[ $MODE == smoke ]]; then
        if [[ $rc == 0 ]]; then log "make demo-smoke: OK"; else log "make demo-smoke: FAILED"; fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_odoo
ensure_postgres

if [[ $MODE == drop ]]; then
    log "Dropping database $DEMO_DB"
    drop_db "$DEMO_DB"
    exit 0
fi
if [[ $MODE == smoke ]]; then
    python3 -c 'import requests' 2>/dev/null || die "python3 cannot import requests"
    db_exists "$DEMO_DB" && [[ -z ${DEMO_SMOKE_DB:-} ]] && die "database $DEMO_DB exists already"
fi

port_free "$DEMO_PORT" ||
    die "port $DEMO_PORT is in use on 127.0.0.1 (another Odoo running?); set DEMO_PORT (make demo) or DEMO_SMOKE_PORT (make demo-smoke)"

conf=$LOCAL_DIR/odoo-demo.conf
install_log=$LOCAL_DIR/logs/demo-install.log
if [[ $MODE == smoke ]]; then
    conf=$LOCAL_DIR/odoo-$DEMO_DB.conf
    install_log=$LOCAL_DIR/logs/$DEMO_DB-install.log
    db_exists "$DEMO_DB" || created_db=$DEMO_DB
fi
write_odoo_conf "$conf" "$DEMO_DB" "$DEMO_PORT"
mkdir -p "$LOCAL_DIR/logs"

if db_exists "$DEMO_DB" &&
    [[ $(psql -XAtq -d "$DEMO_DB" -c "SELECT demo FROM ir_module_module WHERE name = 'base'" \
        2>/dev/null) == f ]]; then
    log "WARNING: database $DEMO_DB was created without demo data; to start over:"
    log "    make demo-drop && make demo"
fi

if [[ $(module_state "$DEMO_DB") == installed ]]; then
    action=-u
    log "Updating $MODULE in database $DEMO_DB and loading nl_NL"
else
    action=-i
    log "Installing $MODULE with demo data in database $DEMO_DB and loading nl_NL"
fi
log "    (log: ${install_log#"$REPO_ROOT"/})"
t=$(now)
# --i18n-overwrite: an update also brings corrected Dutch of views, fields and
# menus (Odoo keeps existing translations otherwise). Odoo accepts it with an
# update only, not with a first install (which has no translations to keep).
overwrite=()
[[ $action != -u ]] || overwrite=(--i18n-overwrite)
if ! odoo -c "$conf" -d "$DEMO_DB" "$action" "$MODULE" --load-language=nl_NL \
    "${overwrite[@]}" --stop-after-init --no-http >"$install_log" 2>&1; then
    tail -n 40 "$install_log" >&2
    die "installing/updating $MODULE failed, see ${install_log#"$REPO_ROOT"/}"
fi
log "Done in $(seconds_since "$t") s"
if [[ $MODE == smoke ]]; then
    check_odoo_log "$install_log" || die "the install logged errors, see above"
else
    check_odoo_log "$install_log" || log "WARNING: the install logged errors, see above"
fi

# A demo database: the demo logins log in with their login as password, without
# a second factor. A real install keeps it on (docs/security.md).
set_keten_param "$DEMO_DB" mfa_required False
timeout=$(keten_param "$DEMO_DB" session_timeout_minutes 15)
min_length=$(keten_param "$DEMO_DB" password_min_length 12)

# The logins come from the database: the users the demo loader created
# (xml id demo_user_*, see demo/res_users_demo.xml) and the administrator, each
# with its role (the module groups it holds that no other group of it implies)
# and its organisations. The password of each is its login.
logins=$(
    psql -XAtq -F $'\t' -d "$DEMO_DB" <<SQL
WITH demo_user AS (
    SELECT u.id, u.login, p.name
      FROM res_users u
      JOIN res_partner p ON p.id = u.partner_id
     WHERE u.active
       AND (u.login = 'admin' OR EXISTS (
            SELECT 1 FROM ir_model_data x
             WHERE x.model = 'res.users' AND x.res_id = u.id
               AND x.module = '$MODULE' AND x.name LIKE 'demo_user_%'))
), role AS (
    SELECT r.uid, d.name AS grp
      FROM res_groups_users_rel r
      JOIN ir_model_data d
        ON d.model = 'res.groups' AND d.res_id = r.gid AND d.module = '$MODULE'
     WHERE NOT EXISTS (
            SELECT 1 FROM res_groups_implied_rel i
              JOIN res_groups_users_rel r2 ON r2.gid = i.gid AND r2.uid = r.uid
             WHERE i.hid = r.gid AND i.gid <> r.gid)
)
SELECT u.login, COALESCE(u.name, ''),
       COALESCE((SELECT string_agg(replace(grp, 'group_', ''), ', ' ORDER BY grp)
                   FROM role WHERE role.uid = u.id), '-'),
       COALESCE((SELECT string_agg(o.code, ', ' ORDER BY o.code)
                   FROM keten_organisation_res_users_rel ou
                   JOIN keten_organisation o ON o.id = ou.organisation_id
                  WHERE ou.user_id = u.id), '-')
  FROM demo_user u
 ORDER BY u.login = 'admin' DESC, u.login;
SQL
)

url="http://127.0.0.1:$DEMO_PORT/web/login"
if [[ $MODE == smoke ]]; then
    server_log=$LOCAL_DIR/logs/$DEMO_DB-server.log
    log "Starting Odoo on 127.0.0.1:$DEMO_PORT (log: ${server_log#"$REPO_ROOT"/})"
    setsid odoo -c "$conf" --max-cron-threads=0 >"$server_log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 120); do
        curl -fsS "http://127.0.0.1:$DEMO_PORT/web/health" >/dev/null 2>&1 && break
        kill -0 "$server_pid" 2>/dev/null || die "the server stopped, see $server_log"
        sleep 1
    done
    curl -fsS "http://127.0.0.1:$DEMO_PORT/web/health" >/dev/null ||
        die "no answer on /web/health after 120 s, see $server_log"
    printf '%s\n' "$logins" | python3 scripts/demo_smoke.py "$DEMO_PORT" "$DEMO_DB"
    check_odoo_log "$server_log" || die "the server logged errors"
    exit 0
fi
{
    echo
    echo "================================================================="
    echo " Ketenaanpak Mensenhandel demo: $url"
    echo " Database: $DEMO_DB"
    echo " Demo logins (the password of each demo user is its login):"
    echo
    { printf 'login\tname\trole\torganisation\n' && printf '%s\n' "$logins"; } |
        awk -F '\t' 'NF { printf "   %-18s %-32s %-24s %s\n", $1, $2, $3, $4 }'
    echo
    echo " Security (Settings > Ketenaanpak > Security):"
    echo "   two-factor authentication for keten users: OFF in this demo database;"
    echo "     make demo switched it off for the demo logins above. A real install"
    echo "     has it on: every keten user then sets up an authenticator app."
    echo "   log out after $timeout minutes of inactivity; passwords of keten users:"
    echo "     at least $min_length characters (the demo passwords are older and shorter)."
    echo
    echo " Stop with Ctrl-C."
    echo "================================================================="
    echo
} >&2

odoo -c "$conf"
