#!/usr/bin/env bash
# `make smoke-workers`: the addon under Odoo's multi-process server.
#
# Installs the addon in a fresh database (or uses SMOKE_DB, where it must be
# installed), adds a Ketenregie user with a dossier, starts
# `odoo --workers=2` on SMOKE_PORT (bus websocket on SMOKE_GEVENT_PORT), then
# scripts/smoke_workers.py logs in over HTTP from several sessions at once,
# reads the Signaleren board and opens the websocket. Fails on any error, on a
# traceback in the server log (the gevent worker writes to raw stderr) or when
# the gevent worker does not stay up.
#
# Known trap: with setuptools >= 81 the gevent worker of Odoo 18 (gevent
# 22.10.2) crash-loops on "No module named 'pkg_resources'"; install
# setuptools<81 (see README.md).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

SMOKE_PORT=${SMOKE_PORT:-8171}
SMOKE_GEVENT_PORT=${SMOKE_GEVENT_PORT:-8172}
SMOKE_DB=${SMOKE_DB:-}
SMOKE_LOGIN=smoke_regie

t_total=$(now)
timings=()
created_db=""
server_pid=""
mkdir -p "$LOCAL_DIR/logs"

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
        # the server runs in its own process group: workers go with it
        kill -KILL -- "-$server_pid" 2>/dev/null || true
    fi
    if [[ -n $created_db ]]; then
        log "Dropping database $created_db"
        drop_db "$created_db" || rc=1
    fi
    rm -f "${conf:-}"
    stop_private_pg
    timings+=("total              $(seconds_since "$t_total") s")
    log "Timings:"
    printf '    %s\n' "${timings[@]}" >&2
    if [[ $rc == 0 ]]; then log "make smoke-workers: OK"; else log "make smoke-workers: FAILED"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_odoo
ensure_postgres
for port in "$SMOKE_PORT" "$SMOKE_GEVENT_PORT"; do
    port_free "$port" || die "port $port is in use; set SMOKE_PORT / SMOKE_GEVENT_PORT"
done
python3 -c 'import websocket' 2>/dev/null || die "python3 cannot import websocket (websocket-client)"

if [[ -n $SMOKE_DB ]]; then
    db=$SMOKE_DB
    [[ $(module_state "$db") == installed ]] || die "$MODULE is not installed in $db"
else
    db=keten_smoke_$(date +%Y%m%d%H%M%S)_$$
fi
conf=$LOCAL_DIR/odoo-$db-smoke.conf
write_odoo_conf "$conf" "$db" "$SMOKE_PORT"

if [[ -z $SMOKE_DB ]]; then
    install_log=$LOCAL_DIR/logs/$db-install.log
    log "Installing $MODULE in database $db"
    created_db=$db
    t=$(now)
    odoo -c "$conf" -d "$db" -i "$MODULE" --without-demo=all --stop-after-init --no-http \
        >"$install_log" 2>&1 || {
        tail -n 40 "$install_log" >&2
        die "installing failed"
    }
    check_odoo_log "$install_log" || die "the install logged errors"
    timings+=("install            $(seconds_since "$t") s")
fi

log "Adding user $SMOKE_LOGIN (Ketenregie) and a dossier"
odoo shell -c "$conf" -d "$db" --no-http --log-level=warn >"$LOCAL_DIR/logs/$db-smoke-data.log" 2>&1 <<EOF
P = "ketenaanpak_mensenhandel."
# a throwaway test database: password login, short test password (docs/security.md)
env["ir.config_parameter"].set_param(P + "mfa_required", "False")
env["ir.config_parameter"].set_param(P + "password_min_length", "0")
Org = env["keten.organisation"]
org = Org.search([("name", "=", "Smoke meldpunt")]) or Org.create(
    {"name": "Smoke meldpunt", "membership": "ketenregieteam", "is_meldpunt": True}
)
user = env["res.users"].search([("login", "=", "$SMOKE_LOGIN")])
if not user:
    user = env["res.users"].create({
        "name": "Smoke Regie", "login": "$SMOKE_LOGIN", "password": "$SMOKE_LOGIN",
        "groups_id": [(6, 0, [env.ref(P + "group_ketenregie").id])],
        "keten_organisation_ids": [(6, 0, org.ids)],
    })
if not env["keten.dossier"].search_count([("registering_organisation_id", "=", org.id)]):
    person = env["keten.person"].create({"first_name": "Smoke", "last_name": "Test"})
    melding = env["keten.melding"].create({
        "content": "Smoke test", "melder_name": "Smoke", "organisation_id": org.id,
        "person_ids": [(6, 0, person.ids)],
    })
    melding.action_create_dossier()
env.cr.commit()
print("SMOKE_DATA_OK")
EOF
grep -q SMOKE_DATA_OK "$LOCAL_DIR/logs/$db-smoke-data.log" || {
    tail -n 30 "$LOCAL_DIR/logs/$db-smoke-data.log" >&2
    die "could not add the smoke user and dossier"
}

server_log=$LOCAL_DIR/logs/$db-smoke-server.log
log "Starting odoo --workers=2 on 127.0.0.1:$SMOKE_PORT (websocket :$SMOKE_GEVENT_PORT)"
log "    (log: ${server_log#"$REPO_ROOT"/})"
t=$(now)
setsid odoo -c "$conf" -d "$db" --workers=2 --max-cron-threads=1 \
    --http-port "$SMOKE_PORT" --gevent-port "$SMOKE_GEVENT_PORT" \
    --limit-time-real=600 >"$server_log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$SMOKE_PORT/web/health" >/dev/null 2>&1; then
        break
    fi
    kill -0 "$server_pid" 2>/dev/null || die "the server stopped, see $server_log"
    sleep 1
done
curl -fsS "http://127.0.0.1:$SMOKE_PORT/web/health" >/dev/null || die "no answer on /web/health"
timings+=("server start       $(seconds_since "$t") s")

t=$(now)
python3 scripts/smoke_workers.py "$SMOKE_PORT" "$SMOKE_GEVENT_PORT" "$db" \
    "$SMOKE_LOGIN" "$SMOKE_LOGIN"
timings+=("HTTP and websocket $(seconds_since "$t") s")

workers=$(pgrep -g "$server_pid" -c -f odoo || true)
log "Odoo processes in the server's group: $workers (master, 2 HTTP workers, cron, gevent)"
if grep -qE "No module named 'pkg_resources'|DistributionNotFound" "$server_log"; then
    die "the gevent worker fails on pkg_resources: install setuptools>=75,<81"
fi
check_odoo_log "$server_log" || die "the server logged errors"
