# shellcheck shell=bash
# Helpers shared by scripts/test.sh and scripts/demo.sh (sourced, not run).
#
# - finds a PostgreSQL server (PGHOST/PGPORT/PGUSER, default: local socket,
#   then 127.0.0.1:5432, role root) or else starts a private throwaway cluster
#   in .pgdata/ with the machine's initdb/pg_ctl;
# - writes Odoo config files under .local/ (git-ignored).

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE=ketenaanpak_mensenhandel
LOCAL_DIR=$REPO_ROOT/.local
PRIVATE_PG_DIR=$REPO_ROOT/.pgdata
PRIVATE_PG_STARTED=0
PRIVATE_PG_CTL=()
export PGUSER=${PGUSER:-root}

log() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

# Wall-clock seconds (float) and the difference of two of them.
now() { printf '%s' "${EPOCHREALTIME/,/.}"; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

require_odoo() {
    command -v odoo >/dev/null 2>&1 ||
        die "the 'odoo' command is not on PATH (Odoo 18.0 is a prerequisite, see README.md)"
    python3 -c 'import odoo, sys; sys.exit(odoo.release.version_info[0] != 18)' 2>/dev/null ||
        die "python3 cannot import Odoo 18.0 (Odoo 18.0 is a prerequisite, see README.md)"
}

check_db_name() {
    [[ $1 =~ ^[A-Za-z0-9_][A-Za-z0-9_-]*$ ]] ||
        die "invalid database name '$1' (use letters, digits, _ and -)"
}

# True if nothing listens on 127.0.0.1:$1. SO_REUSEADDR as in Odoo's server, so
# that connections of a previous run still in TIME_WAIT do not count.
port_free() {
    python3 -c 'import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- PostgreSQL -------------------------------------------------------------

_pg_ready() { pg_isready -q -t 3 >/dev/null 2>&1; }

_pg_where() { echo "${PGHOST:-local socket}:${PGPORT:-5432} as role ${PGUSER}"; }

_check_pg_login() {
    local ok
    ok=$(psql -XAtq -d postgres -c \
        "SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user" \
        2>/dev/null) || die "PostgreSQL at $(_pg_where) is up but refuses the login;
       create the role (e.g. createuser -s $PGUSER) or set PGUSER/PGPASSWORD"
    [[ $ok == t ]] || die "role $PGUSER may not create databases at $(_pg_where)"
}

# Sets PGHOST/PGPORT/PGUSER for psql, createdb and the Odoo config files.
ensure_postgres() {
    command -v pg_isready >/dev/null 2>&1 ||
        die "pg_isready not found: install the PostgreSQL client tools"
    [[ $PGUSER != postgres ]] ||
        die "Odoo refuses to run as database role 'postgres'; set PGUSER to another role"
    if [[ ${FORCE_PRIVATE_PG:-0} == 1 ]]; then
        log "FORCE_PRIVATE_PG=1: using a private PostgreSQL cluster in .pgdata/"
        start_private_pg
        return
    fi
    if [[ -n ${PGHOST:-} ]]; then
        if _pg_ready; then
            log "PostgreSQL: $(_pg_where)"
            _check_pg_login
            return
        fi
        log "No PostgreSQL server reachable at ${PGHOST}:${PGPORT:-5432}."
    else
        if _pg_ready; then
            log "PostgreSQL: $(_pg_where)"
            _check_pg_login
            return
        fi
        if PGHOST=127.0.0.1 _pg_ready; then
            export PGHOST=127.0.0.1
            log "PostgreSQL: $(_pg_where)"
            _check_pg_login
            return
        fi
        log "No PostgreSQL server reachable on the local socket or 127.0.0.1:${PGPORT:-5432}."
    fi
    log "Starting a private throwaway PostgreSQL cluster in .pgdata/ instead."
    start_private_pg
}

_pg_bindir() {
    local version dir
    if [[ -n ${PG_BINDIR:-} ]]; then
        echo "$PG_BINDIR"
        return
    fi
    # An existing cluster must be run by the PostgreSQL version that made it.
    if [[ -s $PRIVATE_PG_DIR/data/PG_VERSION ]]; then
        version=$(cat "$PRIVATE_PG_DIR/data/PG_VERSION")
        if [[ -x /usr/lib/postgresql/$version/bin/initdb ]]; then
            echo "/usr/lib/postgresql/$version/bin"
            return
        fi
    fi
    dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null |
        sort -V | tail -n 1)
    if [[ -n $dir && -x $dir/initdb ]]; then
        echo "$dir"
        return
    fi
    if command -v pg_config >/dev/null 2>&1 && [[ -x $(pg_config --bindir)/initdb ]]; then
        pg_config --bindir
        return
    fi
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    return 1
}

start_private_pg() {
    local bindir data=$PRIVATE_PG_DIR/data sock=$PRIVATE_PG_DIR/run port owner=""
    local runas=()
    bindir=$(_pg_bindir) ||
        die "no PostgreSQL server reachable and no initdb/pg_ctl found (looked in
       /usr/lib/postgresql/*/bin and on PATH; or set PG_BINDIR)"
    if [[ $(id -u) == 0 ]]; then
        # initdb and postgres refuse to run as root: run the cluster as an
        # unprivileged system user; Odoo still connects as role $PGUSER.
        for owner in postgres nobody; do
            id -u "$owner" >/dev/null 2>&1 && break
        done
        runas=(runuser -u "$owner" --)
    fi
    mkdir -p "$PRIVATE_PG_DIR" "$sock"
    [[ -z $owner ]] || chown "$owner" "$PRIVATE_PG_DIR" "$sock"

    if [[ ! -s $data/PG_VERSION ]]; then
        local locale_opt=(--no-locale)
        if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
            locale_opt=(--locale=C.UTF-8)
        fi
        log "initdb $data (superuser role $PGUSER, trust auth)"
        rm -rf "$data"
        "${runas[@]}" "$bindir/initdb" -D "$data" -U "$PGUSER" --auth=trust -E UTF8 \
            "${locale_opt[@]}" >"$PRIVATE_PG_DIR/initdb.log" 2>&1 ||
            die "initdb failed, see $PRIVATE_PG_DIR/initdb.log"
        cat >>"$data/postgresql.conf" <<EOF

# Private throwaway cluster of this checkout (make test / make demo).
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock'
# Durability is not needed for throwaway data; this makes installs faster.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    fi

    PRIVATE_PG_CTL=("${runas[@]}" "$bindir/pg_ctl" -D "$data")
    if "${PRIVATE_PG_CTL[@]}" status >/dev/null 2>&1; then
        # Line 4 of postmaster.pid is the port the running server listens on.
        port=$(sed -n 4p "$data/postmaster.pid")
        log "Reusing the private cluster already running in .pgdata/ (port $port)"
    else
        port=$(free_port)
        "${PRIVATE_PG_CTL[@]}" -o "-p $port" -l "$PRIVATE_PG_DIR/server.log" -w -t 60 \
            start >/dev/null ||
            die "could not start the private cluster, see $PRIVATE_PG_DIR/server.log"
        PRIVATE_PG_STARTED=1
        log "Private cluster started: socket in .pgdata/run, port $port"
    fi
    export PGHOST=$sock PGPORT=$port
}

# Stops the private cluster if this process started it.
stop_private_pg() {
    if [[ $PRIVATE_PG_STARTED == 1 ]]; then
        log "Stopping the private PostgreSQL cluster"
        "${PRIVATE_PG_CTL[@]}" stop -m fast >/dev/null 2>&1 || true
        PRIVATE_PG_STARTED=0
    fi
}

db_exists() {
    [[ $(psql -XAtq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$1'") == 1 ]]
}

# State of the module in database $1 (empty if no such db or not an Odoo db).
module_state() {
    db_exists "$1" || return 0
    psql -XAtq -d "$1" -c \
        "SELECT state FROM ir_module_module WHERE name = '$MODULE'" 2>/dev/null || true
}

# Sets the module's system parameter $2 (without the module prefix) to $3 in
# database $1, e.g. set_keten_param keten_demo mfa_required False.
set_keten_param() {
    psql -XAtq -d "$1" -v key="$MODULE.$2" -v value="$3" >/dev/null <<'SQL'
INSERT INTO ir_config_parameter (key, value, create_uid, create_date, write_uid, write_date)
VALUES (:'key', :'value', 1, now() at time zone 'UTC', 1, now() at time zone 'UTC')
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, write_date = EXCLUDED.write_date;
SQL
}

# Value of the module's system parameter $2 in database $1, or $3 when unset.
keten_param() {
    local value
    value=$(psql -XAtq -d "$1" -v key="$MODULE.$2" <<'SQL'
SELECT value FROM ir_config_parameter WHERE key = :'key';
SQL
    )
    printf '%s' "${value:-$3}"
}

# Drops database $1 and its filestore.
drop_db() {
    dropdb --if-exists --force "$1"
    rm -rf "$LOCAL_DIR/data/filestore/$1"
}

# --- Odoo -------------------------------------------------------------------

odoo_addons_path() {
    local odoo_dir paths=()
    odoo_dir=$(python3 -c 'import os, odoo; print(os.path.dirname(os.path.abspath(odoo.__file__)))')
    # Odoo's own addons next to the odoo package (source install); `base` inside
    # odoo/addons and pip-installed OCA addons (site-packages/odoo/addons) are
    # added by Odoo itself.
    if [[ -d $odoo_dir/../addons ]]; then
        paths+=("$(cd "$odoo_dir/../addons" && pwd)")
    fi
    paths+=("$REPO_ROOT")
    if [[ -n ${EXTRA_ADDONS_PATH:-} ]]; then
        paths+=("$EXTRA_ADDONS_PATH")
    fi
    (
        IFS=,
        echo "${paths[*]}"
    )
}

# write_odoo_conf FILE DB HTTP_PORT
write_odoo_conf() {
    local file=$1 db=$2 http_port=$3
    mkdir -p "$(dirname "$file")" "$LOCAL_DIR/data"
    cat >"$file" <<EOF
; Generated by scripts/lib.sh; do not edit, it is rewritten on every run.
[options]
addons_path = $(odoo_addons_path)
data_dir = $LOCAL_DIR/data
db_host = ${PGHOST:-False}
db_port = ${PGPORT:-False}
db_user = $PGUSER
db_password = ${PGPASSWORD:-False}
db_name = $db
dbfilter = ^$db\$
list_db = False
http_interface = 127.0.0.1
http_port = $http_port
without_demo = False
EOF
}

# Prints ERROR/CRITICAL/Traceback lines of an Odoo log; fails if there are any.
check_odoo_log() {
    local file=$1 errors warnings
    errors=$(grep -nE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) |Traceback \(most recent call last\)' \
        "$file" || true)
    warnings=$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ WARNING ' "$file" || true)
    if [[ $warnings != 0 ]]; then
        log "$warnings WARNING line(s) in the Odoo log, first ones:"
        grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ WARNING ' "$file" | head -n 10 | cut -c1-300 >&2
    fi
    if [[ -n $errors ]]; then
        log "errors in the Odoo log $file:"
        printf '%s\n' "$errors" | head -n 30 >&2
        return 1
    fi
}
