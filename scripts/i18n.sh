#!/usr/bin/env bash
# `make i18n` (scripts/i18n.sh update): install or update the addon without
# demo data in database I18N_DB (default keten_i18n), export the translation
# template i18n/ketenaanpak_mensenhandel.pot with Odoo's exporter and merge it
# into i18n/nl.po, listing the strings left to translate.
#
# `make i18n-check` (scripts/i18n.sh check): the same database, then fail,
# listing the strings, when the committed template is out of date or nl.po
# has an untranslated, fuzzy or obsolete entry or a translation whose
# placeholders or markup differ from its source.
#
# I18N_UPDATE=0 skips the install/update (the database is up to date, only
# nl.po changed since): a few seconds instead of about a minute.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

command=${1:?usage: scripts/i18n.sh update|check}
I18N_DB=${I18N_DB:-keten_i18n}
I18N_UPDATE=${I18N_UPDATE:-1}
check_db_name "$I18N_DB"

trap stop_private_pg EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_odoo
ensure_postgres

if [[ $I18N_UPDATE != 0 || $(module_state "$I18N_DB") != installed ]]; then
    TEST_DB=$I18N_DB scripts/test.sh prepare
    ensure_postgres # test.sh stops a private cluster it started
fi
if [[ $(psql -XAtq -d "$I18N_DB" -c "SELECT demo FROM ir_module_module WHERE name = 'base'") != f ]]; then
    die "database $I18N_DB has demo data: the template is exported from a database without
       demo data (pick another I18N_DB)"
fi

conf=$LOCAL_DIR/odoo-i18n-$I18N_DB.conf
write_odoo_conf "$conf" "$I18N_DB" 0
log "Translations: $command (database $I18N_DB)"
python3 scripts/keten_i18n.py --config "$conf" --database "$I18N_DB" "$command"
