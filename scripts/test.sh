#!/usr/bin/env bash
# `make test`: install the addon without demo data into a fresh database, run
# every test of the project with pytest-odoo (browser tours included), drop
# the database. With TEST_DB set, reuse that database instead (the module must
# be installed in it) and skip create/install/drop.
#
# `scripts/test.sh prepare` (make test-db): create TEST_DB if needed and
# install or update the module in it without demo data; keep it, run nothing.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

TEST_PORT=${TEST_PORT:-8169}
TEST_DB=${TEST_DB:-}
PYTEST_ARGS=${PYTEST_ARGS:-}
ODOO_TEST_LOG_LEVEL=${ODOO_TEST_LOG_LEVEL:-warn}

t_total=$(now)
label="make test"
[[ ${1:-} != prepare ]] || label="make test-db"
timings=()
created_db=""
conf=""
install_log=""

cleanup() {
    local rc=$? t
    trap - EXIT INT TERM
    if [[ -n $created_db ]]; then
        t=$(now)
        log "Dropping database $created_db"
        drop_db "$created_db" || rc=1
        timings+=("drop database      $(seconds_since "$t") s")
    fi
    [[ -z $conf ]] || rm -f "$conf"
    if [[ -n $install_log && $rc == 0 ]]; then
        rm -f "$install_log"
    fi
    stop_private_pg
    timings+=("total              $(seconds_since "$t_total") s")
    log "Timings:"
    printf '    %s\n' "${timings[@]}" >&2
    if [[ $rc == 0 ]]; then
        log "$label: OK"
    else
        log "$label: FAILED (exit status $rc)"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_odoo
t=$(now)
ensure_postgres
timings+=("postgres check     $(seconds_since "$t") s")

# install_module DB -i|-u: install or update the module without demo data.
install_module() {
    local db=$1 action=$2 what=installing
    [[ $action == -i ]] || what=updating
    install_log=$LOCAL_DIR/logs/$db-install.log
    mkdir -p "$LOCAL_DIR/logs"
    log "${what^} $MODULE without demo data in database $db"
    log "    (log: ${install_log#"$REPO_ROOT"/})"
    t=$(now)
    if ! odoo -c "$conf" -d "$db" "$action" "$MODULE" --without-demo=all --stop-after-init \
        --no-http >"$install_log" 2>&1; then
        tail -n 40 "$install_log" >&2
        die "$what $MODULE failed, see ${install_log#"$REPO_ROOT"/}"
    fi
    timings+=("$what $MODULE  $(seconds_since "$t") s")
    check_odoo_log "$install_log" || die "$what $MODULE logged errors"
    [[ $(module_state "$db") == installed ]] || die "$MODULE is not installed in $db"
}

if [[ ${1:-} == prepare ]]; then
    [[ -n $TEST_DB ]] || die "make test-db needs TEST_DB=<name>"
    check_db_name "$TEST_DB"
    conf=$LOCAL_DIR/odoo-$TEST_DB.conf
    write_odoo_conf "$conf" "$TEST_DB" "$TEST_PORT"
    if [[ $(module_state "$TEST_DB") == installed ]]; then
        install_module "$TEST_DB" -u
    else
        install_module "$TEST_DB" -i
    fi
    log "Database $TEST_DB is ready; run: make test TEST_DB=$TEST_DB"
    exit 0
fi

if [[ $TEST_PORT != 0 ]] && ! port_free "$TEST_PORT"; then
    die "TEST_PORT $TEST_PORT is in use on 127.0.0.1; pick another (make test TEST_PORT=8170)"
fi

if [[ -n $TEST_DB ]]; then
    db=$TEST_DB
    check_db_name "$db"
    state=$(module_state "$db")
    [[ $state == installed ]] ||
        die "TEST_DB=$db: $MODULE is not installed there (state: ${state:-no such Odoo database});
       prepare it with: make test-db TEST_DB=$db"
    log "Reusing database $db (TEST_DB): no create, install or drop."
    log "Changed data files or fields since? Update it first: make test-db TEST_DB=$db"
    conf=$LOCAL_DIR/odoo-$db.conf
    write_odoo_conf "$conf" "$db" "$TEST_PORT"
else
    db=keten_test_$(date +%Y%m%d%H%M%S)_$$
    db_exists "$db" && die "database $db exists already"
    conf=$LOCAL_DIR/odoo-$db.conf
    write_odoo_conf "$conf" "$db" "$TEST_PORT"
    created_db=$db # from here on, the EXIT trap drops it
    install_module "$db" -i
fi

# Extra pytest arguments, with shell quoting: PYTEST_ARGS="-k 'tour and not slow'".
eval "extra=($PYTEST_ARGS)"

log "Running pytest on database $db (Odoo HTTP on 127.0.0.1:$TEST_PORT)"
t=$(now)
rc=0
KETEN_ODOO_CONF=$conf KETEN_TEST_PORT=$TEST_PORT python3 -m pytest \
    --odoo-config="$conf" --odoo-database="$db" --odoo-http \
    --odoo-log-level="$ODOO_TEST_LOG_LEVEL" "${extra[@]}" || rc=$?
timings+=("pytest             $(seconds_since "$t") s")
exit "$rc"
