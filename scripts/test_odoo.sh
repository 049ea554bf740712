#!/usr/bin/env bash
# `make test-odoo`: Odoo's own tests of access rights, record rules, activities,
# followers and calendars, run with this addon installed.
#
# A fresh database gets the addon and Odoo's test module test_mail (without
# demo data); then `odoo --test-tags` runs the named classes post_install, with
# the whole registry loaded:
# - mail: TestMailActivityIntegrity, TestMailActivityChatter (two tours) as they
#   are (post_install already);
# - base: TestACL, TestIrRule; resource: TestResourceCalendar; test_mail:
#   TestActivityRights, TestActivityFlow, TestActivityMixin through
#   ketenaanpak_mensenhandel/tests/odoo_neighbours.py, which re-runs these
#   at_install classes unchanged once the addon is loaded.
# It fails on a failing test, on errors in the log, and when a named class did
# not run. The database is dropped afterwards (KEEP_DB=1 keeps it).
#
# `scripts/test_odoo.sh addon` (make test-odoo-addon): the addon's own tests
# with Odoo's runner, as Odoo.sh, runbot and OCA's CI run them.
#
# A fresh database gets the addon's dependencies first (with demo data, no
# tests: Odoo would otherwise run the tests of base, web, mail, ... as well),
# then `odoo -i ketenaanpak_mensenhandel --test-enable --stop-after-init`
# installs the addon with its demo data and runs its at_install and
# post_install tests (TEST_TAGS: only those, e.g. TEST_TAGS=keten_access or
# TEST_TAGS=/ketenaanpak_mensenhandel:TestProcess).
#
# scripts/odoo_test_report.py then fails the run on a failed test, an error, a
# skipped test, or an ERROR/CRITICAL line not allowed by
# ketenaanpak_mensenhandel/tests/log_guard.py; without TEST_TAGS also when the
# tests Odoo ran are not exactly the tests `pytest --collect-only` finds (the
# two runners must run the same tests). The database is dropped afterwards
# (KEEP_DB=1 keeps it).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

ODOO_TESTS_PORT=${ODOO_TESTS_PORT:-8170}
KEEP_DB=${KEEP_DB:-0}
TEST_TAGS=${TEST_TAGS:-}
MODE=${1:-neighbours}
label="make test-odoo"
[[ $MODE != addon ]] || label="make test-odoo-addon"
# Test methods of the named classes in Odoo 18.0: TestACL 6, TestIrRule 1,
# TestResourceCalendar 1, test_mail 4 + 6 + 14, mail 1 + 2 (tours).
MIN_TESTS=35

NEIGHBOURS=(TestACL TestIrRule TestResourceCalendar TestActivityRights
    TestActivityFlow TestActivityMixin)
MAIL_CLASSES=(TestMailActivityIntegrity TestMailActivityChatter)

tags=()
for class in "${NEIGHBOURS[@]}"; do tags+=("keten_neighbours/$MODULE:$class"); done
for class in "${MAIL_CLASSES[@]}"; do tags+=("/mail:$class"); done
test_tags=$(
    IFS=,
    echo "${tags[*]}"
)

t_total=$(now)
timings=()
db=keten_odoo_tests_$(date +%Y%m%d%H%M%S)_$$
conf=$LOCAL_DIR/odoo-$db.conf
created_db=""
ids_file=""

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $created_db && $KEEP_DB != 1 ]]; then
        log "Dropping database $created_db"
        drop_db "$created_db" || rc=1
    fi
    rm -f "$conf" "$ids_file"
    stop_private_pg
    timings+=("total              $(seconds_since "$t_total") s")
    log "Timings:"
    printf '    %s\n' "${timings[@]}" >&2
    if [[ $rc == 0 ]]; then log "$label: OK"; else log "$label: FAILED"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_odoo
ensure_postgres
port_free "$ODOO_TESTS_PORT" ||
    die "ODOO_TESTS_PORT $ODOO_TESTS_PORT is in use; pick another ($label ODOO_TESTS_PORT=8171)"
db_exists "$db" && die "database $db exists already"
write_odoo_conf "$conf" "$db" "$ODOO_TESTS_PORT"
mkdir -p "$LOCAL_DIR/logs"

if [[ $MODE == addon ]]; then
    if [[ -z $TEST_TAGS ]]; then
        # What pytest (make test) would run of the addon, to compare with.
        ids_file=$(mktemp)
        log "Collecting the addon's tests with pytest"
        t=$(now)
        python3 -m pytest --collect-only -q -p no:cacheprovider --odoo-config="$conf" \
            --odoo-database="$db" "$MODULE/tests" >"$ids_file" 2>&1 || {
            tail -n 30 "$ids_file" >&2
            die "pytest could not collect the tests"
        }
        timings+=("pytest collection  $(seconds_since "$t") s")
    fi

    depends=$(python3 -c 'import ast, sys; print(",".join(ast.literal_eval(
        open(sys.argv[1]).read())["depends"]))' "$MODULE/__manifest__.py")
    install_log=$LOCAL_DIR/logs/$db-depends.log
    log "Installing the dependencies ($depends) with demo data in database $db"
    log "    (log: ${install_log#"$REPO_ROOT"/})"
    created_db=$db
    t=$(now)
    odoo -c "$conf" -d "$db" -i "$depends" --stop-after-init --no-http \
        >"$install_log" 2>&1 || {
        tail -n 40 "$install_log" >&2
        die "installing the dependencies failed"
    }
    check_odoo_log "$install_log" || die "installing the dependencies logged errors"
    timings+=("dependencies       $(seconds_since "$t") s")

    test_log=$LOCAL_DIR/logs/$db-tests.log
    tag_args=()
    [[ -z $TEST_TAGS ]] || tag_args=(--test-tags "$TEST_TAGS")
    log "odoo -i $MODULE --test-enable ${tag_args[*]} (log: ${test_log#"$REPO_ROOT"/})"
    t=$(now)
    rc=0
    odoo -c "$conf" -d "$db" -i "$MODULE" --test-enable "${tag_args[@]}" --stop-after-init \
        --http-port "$ODOO_TESTS_PORT" --log-level=info >"$test_log" 2>&1 || rc=$?
    timings+=("install and tests  $(seconds_since "$t") s")
    [[ $rc == 0 ]] || log "odoo exited with status $rc"

    report_args=("$test_log")
    [[ -z $ids_file ]] || report_args+=(--pytest-ids "$ids_file")
    python3 scripts/odoo_test_report.py "${report_args[@]}" || rc=1
    if [[ $rc != 0 ]]; then
        grep -nE ' (ERROR|CRITICAL) ' "$test_log" | head -n 30 | cut -c1-300 >&2 || true
        log "see ${test_log#"$REPO_ROOT"/}"
    fi
    exit "$rc"
fi

install_log=$LOCAL_DIR/logs/$db-install.log
log "Installing $MODULE and test_mail in database $db (log: ${install_log#"$REPO_ROOT"/})"
created_db=$db
t=$(now)
odoo -c "$conf" -d "$db" -i "$MODULE,test_mail" --without-demo=all --stop-after-init \
    --no-http >"$install_log" 2>&1 || {
    tail -n 40 "$install_log" >&2
    die "installing failed"
}
check_odoo_log "$install_log" || die "the install logged errors"
timings+=("install            $(seconds_since "$t") s")
# Odoo's tests log in as admin, a Beheerder: without a second factor in this
# throwaway test database (docs/security.md).
log "Second factor for keten users switched off in $db (a test database)"
set_keten_param "$db" mfa_required False

test_log=$LOCAL_DIR/logs/$db-tests.log
log "Running Odoo's tests with the addon installed (log: ${test_log#"$REPO_ROOT"/})"
log "    --test-tags $test_tags"
t=$(now)
rc=0
odoo -c "$conf" -d "$db" --test-tags "$test_tags" --stop-after-init \
    --http-port "$ODOO_TESTS_PORT" --log-level=info >"$test_log" 2>&1 || rc=$?
timings+=("tests              $(seconds_since "$t") s")

summary=$(grep -E 'post-tests in|failed, [0-9]+ error\(s\) of [0-9]+ tests' "$test_log" || true)
printf '%s\n' "$summary" >&2
ran=$(grep -oE 'error\(s\) of [0-9]+ tests' "$test_log" | grep -oE '[0-9]+' | tail -n 1 || true)
if [[ ${ran:-0} -lt $MIN_TESTS ]]; then
    log "only ${ran:-0} tests ran, expected at least $MIN_TESTS"
    rc=1
fi
missing=()
for class in "${NEIGHBOURS[@]}" "${MAIL_CLASSES[@]}"; do
    grep -qE "(Starting|running) $class\." "$test_log" || missing+=("$class")
done
if [[ ${#missing[@]} != 0 ]]; then
    log "these classes did not run: ${missing[*]}"
    rc=1
fi
if ! check_odoo_log "$test_log"; then
    rc=1
fi
if [[ $rc != 0 ]]; then
    grep -nE ' (ERROR|FAIL)[: ]' "$test_log" | head -n 30 >&2 || true
    log "see ${test_log#"$REPO_ROOT"/}"
fi
exit "$rc"
