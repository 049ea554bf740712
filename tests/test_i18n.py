"""The translation template is up to date and the Dutch catalogue complete.

`make test` runs these with Odoo loaded by pytest-odoo: the template is exported
from the test database (the module installed without demo data) with Odoo's
exporter, in about a second, and compared with the committed
`i18n/ketenaanpak_mensenhandel.pot`; `i18n/nl.po` must translate every string,
with nothing fuzzy or obsolete, and keep the placeholders and markup of each
source string. The same checks as `make i18n-check` (scripts/keten_i18n.py).

Without Odoo in the process (`pytest -p no:odoo tests/test_i18n.py`) the file
checks run and the export test is skipped.
"""

import importlib.util
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "keten_i18n", REPO_ROOT / "scripts" / "keten_i18n.py"
)
keten_i18n = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(keten_i18n)


def _fail(problems):
    if problems:
        hint = "Run `make i18n`, translate in nl.po, then `make i18n-check`."
        pytest.fail(
            f"{len(problems)} problem(s):\n  " + "\n  ".join(problems) + "\n" + hint
        )


@pytest.fixture(scope="module")
def template():
    return keten_i18n.parse(keten_i18n.read_text(keten_i18n.TEMPLATE_PATH))


@pytest.fixture(scope="module")
def catalogue():
    return keten_i18n.parse(keten_i18n.read_text(keten_i18n.CATALOGUE_PATH))


def test_template_is_up_to_date():
    try:
        import odoo
    except ImportError:
        pytest.skip("needs Odoo")
    db_name = odoo.tools.config.get("db_name")
    if not db_name:
        pytest.skip("needs the Odoo database of make test (pytest-odoo)")
    registry = odoo.modules.registry.Registry(db_name)
    with registry.cursor() as cr:
        try:
            fresh = keten_i18n.export_template(cr)
        finally:
            cr.rollback()
    assert len(keten_i18n.parse(fresh)) > 1000, "the export found almost nothing"
    _fail(
        keten_i18n.template_problems(
            fresh, keten_i18n.read_text(keten_i18n.TEMPLATE_PATH)
        )
    )


def test_every_string_is_translated(template, catalogue):
    assert len(template) > 1000
    _fail(keten_i18n.catalogue_problems(template, catalogue))


def test_translations_keep_placeholders_and_markup(catalogue):
    _fail(keten_i18n.placeholder_problems(catalogue))


def test_catalogue_is_written_as_make_i18n_writes_it(template, catalogue):
    """nl.po is the merge of the template (references, order, wrapping), so that
    `make i18n` after a translator's edit changes nothing but new strings."""
    merged, _new, _obsolete = keten_i18n.merge(template, catalogue)
    text = keten_i18n.read_text(keten_i18n.CATALOGUE_PATH)
    if keten_i18n.as_text(merged) != text:
        pytest.fail("nl.po is not in the layout make i18n writes: run make i18n")


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("%(name)s is empty.", "%(naam)s is leeg."),
        ("%(name)s is empty.", "Leeg."),
        ("%s of %s", "%s van"),
        ("Hello {name}", "Hallo"),
        ("Receipt {{ object.name }}", "Ontvangst"),
        ("<b>Result:</b> done", "Resultaat: klaar"),
        ("<b>Result:</b> done", "<strong>Resultaat:</strong> klaar"),
        (
            '<strong t-out="object.name">ML-1</strong>',
            '<strong t-out="object.ref">ML-1</strong>',
        ),
        ('<span class="a">x</span>', '<span class="b">x</span>'),
        ("a&nbsp;b", "a b"),
        ("- one\n- two", "- een, twee"),
    ],
)
def test_markup_check_catches(msgid, msgstr):
    assert keten_i18n.markup_problem(msgid, msgstr)


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("%(a)s and %(b)s", "%(b)s en %(a)s"),
        ('<span title="Open">x</span>', '<span title="Openen">x</span>'),
        ("<b>Result:</b> done", "Klaar: <b>resultaat</b>"),
        ("- one\n- two\nend", "- een\n- twee\neinde"),
        ("100% sure", "100% zeker"),
    ],
)
def test_markup_check_allows(msgid, msgstr):
    assert keten_i18n.markup_problem(msgid, msgstr) is None


def test_merge_keeps_translations_and_makes_no_guesses():
    template = keten_i18n.parse(
        'msgid ""\nmsgstr ""\n\n'
        '#. module: m\nmsgid "Kept"\nmsgstr ""\n\n'
        '#. module: m\nmsgid "Changed string"\nmsgstr ""\n'
    )
    catalogue = keten_i18n.parse(
        'msgid ""\nmsgstr ""\n\n'
        'msgid "Kept"\nmsgstr "Bewaard"\n\n'
        'msgid "Change string"\nmsgstr "Gewijzigd"\n'
    )
    merged, new, obsolete = keten_i18n.merge(template, catalogue)
    by_id = {e.msgid: e for e in merged}
    assert by_id["Kept"].msgstr == "Bewaard"
    assert by_id["Kept"].comment == "module: m"
    assert by_id["Changed string"].msgstr == ""
    assert not by_id["Changed string"].flags
    assert by_id["Change string"].obsolete
    assert new == ["Changed string"]
    assert obsolete == ["Change string"]
    problems = keten_i18n.catalogue_problems(template, merged)
    assert any("untranslated: 'Changed string'" in p for p in problems)
    assert any("obsolete (remove it): 'Change string'" in p for p in problems)
