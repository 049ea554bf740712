#!/usr/bin/env bash
# `make demo`: create or reuse the demo database, install the addon with demo
# data (or update it when installed already), load Dutch, print the URL and the
# demo logins, then serve Odoo in the foreground until Ctrl-C.
#
# `scripts/demo.sh drop` (make demo-drop): drop the demo database.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

DEMO_DB=${DEMO_DB:-keten_demo}
DEMO_PORT=${DEMO_PORT:-8069}
check_db_name "$DEMO_DB"

trap stop_private_pg EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_odoo
ensure_postgres

if [[ ${1:-} == drop ]]; then
    log "Dropping database $DEMO_DB"
    drop_db "$DEMO_DB"
    exit 0
fi

port_free "$DEMO_PORT" ||
    die "port $DEMO_PORT is in use on 127.0.0.1 (another Odoo running?); try DEMO_PORT=8070"

conf=$LOCAL_DIR/odoo-demo.conf
write_odoo_conf "$conf" "$DEMO_DB" "$DEMO_PORT"
mkdir -p "$LOCAL_DIR/logs"
install_log=$LOCAL_DIR/logs/demo-install.log

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
if ! odoo -c "$conf" -d "$DEMO_DB" "$action" "$MODULE" --load-language=nl_NL \
    --stop-after-init --no-http >"$install_log" 2>&1; then
    tail -n 40 "$install_log" >&2
    die "installing/updating $MODULE failed, see ${install_log#"$REPO_ROOT"/}"
fi
log "Done in $(seconds_since "$t") s"
check_odoo_log "$install_log" || log "WARNING: the install logged errors, see above"

# The logins come from the database: every active internal user, with the
# groups of this module it has (demo users' password is their login).
logins=$(
    psql -XAtq -F $'\t' -d "$DEMO_DB" <<SQL
SELECT u.login,
       COALESCE(p.name, ''),
       COALESCE(string_agg(DISTINCT d.module || '.' || d.name, ', '), '-')
  FROM res_users u
  JOIN res_partner p ON p.id = u.partner_id
  LEFT JOIN res_groups_users_rel r ON r.uid = u.id
  LEFT JOIN ir_model_data d
         ON d.model = 'res.groups' AND d.res_id = r.gid AND d.module = '$MODULE'
 WHERE u.active AND NOT u.share
 GROUP BY u.login, p.name
 ORDER BY u.login;
SQL
)

url="http://127.0.0.1:$DEMO_PORT/web/login"
{
    echo
    echo "================================================================="
    echo " Ketenaanpak Mensenhandel demo: $url"
    echo " Database: $DEMO_DB"
    echo " Demo logins (the password of each demo user is its login):"
    echo
    { printf 'login\tname\tgroups of %s\n' "$MODULE" && printf '%s\n' "$logins"; } |
        awk -F '\t' 'NF { printf "   %-24s %-28s %s\n", $1, $2, $3 }'
    echo
    echo " Stop with Ctrl-C."
    echo "================================================================="
    echo
} >&2

odoo -c "$conf"
