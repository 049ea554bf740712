#!/usr/bin/env python3
"""Translation template and Dutch catalogue of the addon: export, merge, check.

The template ``i18n/ketenaanpak_mensenhandel.pot`` is exported by Odoo's own
exporter (``odoo.tools.translate.trans_export``, what ``odoo --i18n-export``
runs) from a database where the module is installed without demo data, then
normalised: the header carries no dates, so that exporting twice gives the
same file and a diff shows only real changes.

``update`` writes the template and merges it into ``i18n/nl.po``: every
translation whose source string is still in the template is kept, a new string
comes in with an empty translation, and a string that left the template stays
at the end of the file as an obsolete ``#~`` entry, so that its translation can
be reused for the string that replaced it. No fuzzy guesses are made.

``check`` fails, listing the strings, when the committed template differs from
a fresh export, or when ``nl.po`` has a string of the template that is missing,
untranslated or fuzzy, an obsolete or unknown entry, or a translation whose
placeholders (``%(name)s``, ``%s``, ``{}``, ``{{ }}``), markup (tags with their
non-translatable attributes, QWeb ``t-`` attributes, entities) or bullet lines
differ from its source string.

    python3 scripts/keten_i18n.py --config FILE --database DB update
    python3 scripts/keten_i18n.py --config FILE --database DB check
    python3 scripts/keten_i18n.py lint     # files only, no database: nl.po
                                           # against the committed template

``make i18n`` and ``make i18n-check`` run the first two (scripts/i18n.sh);
``tests/test_i18n.py`` runs the same checks inside ``make test``.
"""

import argparse
import io
import re
import sys
import warnings
from collections import Counter
from pathlib import Path

import polib

MODULE = "ketenaanpak_mensenhandel"
REPO_ROOT = Path(__file__).resolve().parent.parent
I18N_DIR = REPO_ROOT / MODULE / "i18n"
TEMPLATE_PATH = I18N_DIR / f"{MODULE}.pot"
CATALOGUE_PATH = I18N_DIR / "nl.po"
WRAPWIDTH = 78

# Header fields of the template; the export dates are left out on purpose.
TEMPLATE_METADATA = (
    ("Project-Id-Version", "Odoo Server 18.0"),
    ("Report-Msgid-Bugs-To", ""),
    ("Last-Translator", ""),
    ("Language-Team", ""),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", ""),
    ("Plural-Forms", ""),
)
CATALOGUE_HEADER = "Dutch translation of ketenaanpak_mensenhandel."
CATALOGUE_METADATA = (
    ("Project-Id-Version", "Odoo Server 18.0"),
    ("Report-Msgid-Bugs-To", ""),
    ("Last-Translator", ""),
    ("Language-Team", "Dutch"),
    ("Language", "nl"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", ""),
    ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
)

# What must come through a translation unchanged.
_PRINTF = r"%(?:\([^)]+\))?[#0\-+]*\d*(?:\.\d+)?[sdirfxXeEgGc%]"
_INLINE_TEMPLATE = r"\{\{.*?\}\}"
_FORMAT = r"\{[^{}\s]*\}"
_ENTITY = r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);"
PLACEHOLDER_RE = re.compile("|".join((_INLINE_TEMPLATE, _FORMAT, _PRINTF, _ENTITY)))
TAG_RE = re.compile(r"<(/?)([A-Za-z][\w.-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>")
ATTR_RE = re.compile(r"([^\s=/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
# Attribute values that are text for the reader (odoo.tools.translate
# TRANSLATED_ATTRS): they are translated, so they are not compared.
TRANSLATED_ATTRS = {
    "string",
    "add-label",
    "help",
    "sum",
    "avg",
    "confirm",
    "placeholder",
    "alt",
    "title",
    "aria-label",
    "aria-keyshortcuts",
    "aria-placeholder",
    "aria-roledescription",
    "aria-valuetext",
    "value_label",
    "data-tooltip",
    "label",
    "cancel-label",
    "confirm-label",
}
BULLET_RE = re.compile(r"^\s*(?:- |• )", re.MULTILINE)


# --- export ----------------------------------------------------------------


def export_template(cr):
    """The module's translation template, exported from the database of
    ``cr`` (module installed, no demo data), as normalised text."""
    from odoo.tools.translate import trans_export

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # babel imports pkg_resources while extracting, which warns
        warnings.filterwarnings("ignore", "pkg_resources is deprecated")
        trans_export(None, [MODULE], buffer, "po", cr)
    template = polib.pofile(buffer.getvalue().decode())
    template.metadata = dict(TEMPLATE_METADATA)
    return as_text(template)


def as_text(pofile):
    pofile.wrapwidth = WRAPWIDTH
    return str(pofile)


def parse(text):
    return polib.pofile(text, wrapwidth=WRAPWIDTH)


def read_text(path):
    return path.read_text(encoding="utf-8") if path.exists() else ""


# --- merge -----------------------------------------------------------------


def merge(template, catalogue):
    """A new catalogue: the template's entries (references and comments from the
    template) with the translations and flags of ``catalogue`` for the same
    strings; entries of ``catalogue`` no longer in the template follow as
    obsolete entries. Returns ``(new_catalogue, new_msgids, obsolete_msgids)``."""
    old = {e.msgid: e for e in catalogue if not e.obsolete}
    old_obsolete = {e.msgid: e for e in catalogue if e.obsolete}
    merged = polib.POFile(wrapwidth=WRAPWIDTH)
    merged.header = catalogue.header or CATALOGUE_HEADER
    merged.metadata = dict(CATALOGUE_METADATA)
    new = []
    for entry in template:
        if entry.obsolete:
            continue
        known = old.get(entry.msgid) or old_obsolete.get(entry.msgid)
        merged.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgstr=known.msgstr if known else "",
                comment=entry.comment,
                occurrences=list(entry.occurrences),
                flags=[f for f in (known.flags if known else []) if f == "fuzzy"],
            )
        )
        if not known or not known.msgstr:
            new.append(entry.msgid)
    in_template = {e.msgid for e in template}
    obsolete = []
    for entry in list(old.values()) + list(old_obsolete.values()):
        if entry.msgid in in_template or not entry.msgstr:
            continue
        merged.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgstr=entry.msgstr,
                obsolete=True,
                comment=entry.comment,
            )
        )
        obsolete.append(entry.msgid)
    return merged, new, obsolete


# --- checks ----------------------------------------------------------------


def short(text, width=100):
    text = text.replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 3] + "..."


def _tag_key(match):
    closing, name, attrs, selfclosing = match.groups()
    kept = sorted(
        (key, value or "")
        for key, value in ATTR_RE.findall(attrs)
        if key.lower() not in TRANSLATED_ATTRS
        and not (key.startswith("t-attf-") and key[7:] in TRANSLATED_ATTRS)
    )
    return (closing, name.lower(), tuple(kept), selfclosing)


def markup(text):
    """The parts of ``text`` a translation must keep: a Counter of placeholders,
    tags (with their non-translatable attributes) and the number of bullet
    lines."""
    parts = Counter(PLACEHOLDER_RE.findall(TAG_RE.sub(" ", text)))
    parts.update(_tag_key(m) for m in TAG_RE.finditer(text))
    bullets = len(BULLET_RE.findall(text))
    if bullets:
        parts[("bullet lines",)] = bullets
    return parts


def _describe(parts):
    shown = []
    for part, count in sorted(parts.items(), key=str):
        if isinstance(part, tuple) and len(part) == 4:
            closing, name, attrs, selfclosing = part
            attrs = "".join(f" {k}={v}" if v else f" {k}" for k, v in attrs)
            part = f"<{closing}{name}{attrs}{selfclosing}>"
        elif isinstance(part, tuple):
            part = part[0]
        shown.append(f"{part}" + (f" x{count}" if count > 1 else ""))
    return ", ".join(shown)


def markup_problem(msgid, msgstr):
    """Why ``msgstr`` does not keep the markup of ``msgid``, or None."""
    source, translation = markup(msgid), markup(msgstr)
    if source == translation:
        return None
    missing, extra = source - translation, translation - source
    what = []
    if missing:
        what.append("missing " + _describe(missing))
    if extra:
        what.append("extra " + _describe(extra))
    return "; ".join(what)


def template_problems(fresh_text, committed_text):
    """Differences between a fresh export and the committed template."""
    if fresh_text == committed_text:
        return []
    fresh, committed = parse(fresh_text), parse(committed_text or "")
    fresh_ids = {e.msgid: e for e in fresh}
    committed_ids = {e.msgid: e for e in committed}
    problems = [
        f"not in the committed template: {short(m)!r}"
        for m in fresh_ids
        if m not in committed_ids
    ]
    problems += [
        f"in the committed template, no longer in the module: {short(m)!r}"
        for m in committed_ids
        if m not in fresh_ids
    ]
    problems += [
        f"references or comments changed: {short(m)!r}"
        for m, e in fresh_ids.items()
        if m in committed_ids
        and (
            e.occurrences != committed_ids[m].occurrences
            or e.comment != committed_ids[m].comment
        )
    ]
    if not problems:
        problems = ["the committed template differs from a fresh export (layout)"]
    return [f"{TEMPLATE_PATH.name}: {p}" for p in problems]


def catalogue_problems(template, catalogue):
    """Every string of the template must have a reviewed (non-fuzzy) Dutch
    translation that keeps its markup; no obsolete or unknown entries."""
    problems = []
    entries = {e.msgid: e for e in catalogue if not e.obsolete}
    for source in template:
        entry = entries.get(source.msgid)
        if entry is None:
            problems.append(f"missing: {short(source.msgid)!r}")
        elif not entry.msgstr:
            problems.append(f"untranslated: {short(source.msgid)!r}")
        elif "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {short(source.msgid)!r}")
    for entry in catalogue:
        if entry.obsolete:
            problems.append(f"obsolete (remove it): {short(entry.msgid)!r}")
    in_template = {e.msgid for e in template}
    for msgid in entries:
        if msgid not in in_template:
            problems.append(f"not in the template (run make i18n): {short(msgid)!r}")
    problems += placeholder_problems(catalogue)
    return [f"{CATALOGUE_PATH.name}: {p}" for p in problems]


def placeholder_problems(catalogue):
    problems = []
    for entry in catalogue:
        if entry.obsolete or not entry.msgstr:
            continue
        why = markup_problem(entry.msgid, entry.msgstr)
        if why:
            problems.append(f"markup differs ({why}): {short(entry.msgid)!r}")
    return problems


# --- command line ----------------------------------------------------------


def _cursor(config_file, database):
    import odoo
    from odoo.tools import config

    config.parse_config(
        ["-c", config_file, "-d", database, "--no-http", "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(database)
    return registry.cursor()


def _report(problems, what):
    if not problems:
        print(f"{what}: OK")
        return 0
    print(f"{what}: {len(problems)} problem(s)", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def cmd_update(cr):
    fresh = export_template(cr)
    changed = fresh != read_text(TEMPLATE_PATH)
    TEMPLATE_PATH.write_text(fresh, encoding="utf-8")
    template = parse(fresh)
    catalogue = parse(read_text(CATALOGUE_PATH) or 'msgid ""\nmsgstr ""\n')
    merged, new, obsolete = merge(template, catalogue)
    CATALOGUE_PATH.write_text(as_text(merged), encoding="utf-8")
    print(
        f"{TEMPLATE_PATH.relative_to(REPO_ROOT)}: {len(template)} strings"
        + (" (updated)" if changed else " (unchanged)")
    )
    print(
        f"{CATALOGUE_PATH.relative_to(REPO_ROOT)}: {len(new)} to translate, "
        f"{len(obsolete)} obsolete"
    )
    for msgid in new:
        print(f"  to translate: {short(msgid)!r}")
    for msgid in obsolete:
        print(f"  obsolete, reuse its translation and remove it: {short(msgid)!r}")
    if new or obsolete:
        print("Translate in nl.po, then: make i18n-check I18N_UPDATE=0")
    return 0


def cmd_check(cr):
    fresh = export_template(cr)
    problems = template_problems(fresh, read_text(TEMPLATE_PATH))
    problems += catalogue_problems(parse(fresh), parse(read_text(CATALOGUE_PATH)))
    if problems:
        problems.append("fix: make i18n, then translate in nl.po (see README.md)")
    return _report(problems, "translations")


def cmd_lint():
    problems = catalogue_problems(
        parse(read_text(TEMPLATE_PATH)), parse(read_text(CATALOGUE_PATH))
    )
    return _report(problems, "nl.po against the committed template")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", help="Odoo config file (database connection)")
    parser.add_argument("--database", help="database with the module installed")
    parser.add_argument("command", choices=("update", "check", "lint"))
    args = parser.parse_args(argv)
    if args.command == "lint":
        return cmd_lint()
    if not (args.config and args.database):
        parser.error(f"{args.command} needs --config and --database")
    with _cursor(args.config, args.database) as cr:
        try:
            return cmd_update(cr) if args.command == "update" else cmd_check(cr)
        finally:
            cr.rollback()


if __name__ == "__main__":
    sys.exit(main())
