"""The Dutch translation reaches the screens: nl.po loaded into the database
(within the test's transaction) translates every term of the module, and a
partner's menus, boards, forms, stage cards, printed agenda and e-mail come
out in Dutch. The completeness of nl.po itself is checked by tests/test_i18n.py
(`make i18n-check`)."""

import html
import re
import warnings
from collections import defaultdict

import polib
from lxml import etree

from odoo.exceptions import ValidationError
from odoo.modules import get_module_path
from odoo.tests import HttpCase, tagged
from odoo.tools.translate import (
    TranslationModuleReader,
    avoid_pattern,
)

from .common import KetenAccessCase, P, load_dutch
from .test_intake_form import enable_intake_form

MODULE = "ketenaanpak_mensenhandel"
NL = "nl_NL"


def _catalogue():
    return polib.pofile(f"{get_module_path(MODULE)}/i18n/nl.po")


def english_left(catalogue, text, occurrence_prefix):
    """Source strings of ``occurrence_prefix`` whose Dutch differs but that
    ``text`` still shows in English (long enough not to occur in Dutch)."""
    return [
        entry.msgid
        for entry in catalogue
        if entry.msgstr != entry.msgid
        and len(entry.msgid) >= 12
        and any(o.startswith(occurrence_prefix) for o, _ in entry.occurrences)
        and entry.msgid in text
    ]


@tagged("post_install", "-at_install", "keten_i18n")
class TestDutch(KetenAccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_dutch(cls.env)
        cls.catalogue = _catalogue()
        cls.dutch = {e.msgid: e.msgstr for e in cls.catalogue if not e.obsolete}
        cls.user_partner_ggd.lang = NL
        cls.user_regie.lang = NL

    def nl(self, record):
        return record.with_context(lang=NL)

    def test_no_template_text_escapes_translation(self):
        """Odoo skips a template whose text starts with a DOCTYPE, on export and
        on translation: such a template may hold markup only, no text."""
        views = self.env["ir.ui.view"].search(
            [("model_data_id.module", "=", MODULE), ("type", "=", "qweb")]
        )
        self.assertTrue(views)
        untranslatable = {}
        for view in views:
            root = etree.fromstring(view.arch_db)
            if not avoid_pattern.match(root.text or ""):
                continue
            words = [
                text.strip()
                for node in root.iter()
                for text in (node.text, node.tail)
                if node is not root and text and re.search(r"[A-Za-z]{2}", text)
            ]
            if words:
                untranslatable[view.key] = words
        self.assertFalse(untranslatable, "text that can never be translated")

    def test_every_term_of_the_module_is_dutch_in_the_database(self):
        """Odoo's exporter, asked for Dutch, finds a translation for every term
        of every record of the module: nothing was refused on import (a term
        whose markup does not match is silently left in English)."""
        with warnings.catch_warnings():
            # babel imports pkg_resources while extracting, which warns
            warnings.filterwarnings("ignore", "pkg_resources is deprecated")
            reader = TranslationModuleReader(self.env.cr, modules=[MODULE], lang=NL)
        # Only the terms nl.po names: a database where a module adding fields to
        # mail.thread (sms) was installed before this one gives this module's
        # models fields the template, exported where it came after, lacks.
        occurrences = {o for e in self.catalogue for o, _line in e.occurrences}
        missing = defaultdict(list)
        terms = 0
        for _module, kind, name, res_id, source, value, _comments in reader:
            if kind == "code":
                continue
            terms += 1
            if f"{kind}:{name}:{res_id}" not in occurrences:
                continue
            if not value and self.dutch.get(source, "") not in ("", source):
                missing[f"{name} {res_id}"].append(source[:80])
        self.assertGreater(terms, 1000)
        self.assertFalse(dict(missing), "terms left in English after loading nl.po")

    def test_menus_are_dutch(self):
        menus = (
            self.env["ir.ui.menu"]
            .with_user(self.user_partner_ggd)
            .with_context(lang=NL)
            .load_menus(False)
        )
        names = {m["xmlid"]: m["name"] for m in menus.values() if m.get("xmlid")}
        self.assertEqual(names[P + "keten_menu_root"], "Ketenaanpak")
        self.assertEqual(names[P + "keten_dossier_menu_boards"], "Borden")
        self.assertEqual(
            names[P + "keten_dossier_menu_signalering"],
            "2. Signaleren, melden en kwalificatie",
        )
        self.assertEqual(names[P + "keten_work_menu"], "Casuswerk")
        english = {
            xmlid: name
            for xmlid, name in names.items()
            if xmlid.startswith(P) and self.dutch.get(name) not in (None, name)
        }
        self.assertFalse(english, "menus still in English")

    def test_board_and_form_of_a_dossier_are_dutch(self):
        Dossier = self.env["keten.dossier"].with_user(self.user_partner_ggd)
        result = Dossier.with_context(lang=NL).get_views(
            [(False, "kanban"), (False, "form"), (False, "search")]
        )
        fields = result["models"]["keten.dossier"]["fields"]
        self.assertEqual(fields["stage_id"]["string"], "Fase")
        self.assertEqual(
            fields["verschijningsvorm_ids"]["string"], "Verschijningsvormen"
        )
        self.assertEqual(
            fields["involved_organisation_ids"]["string"], "Betrokken organisaties"
        )
        self.assertIn(
            ("2", "Acuut"), [tuple(s) for s in fields["urgency"]["selection"]]
        )
        english = [
            f"{name}: {f['string']}"
            for name, f in fields.items()
            if self.dutch.get(f["string"]) not in (None, f["string"])
        ]
        self.assertFalse(english, "field labels still in English")
        form = result["views"]["form"]["arch"]
        self.assertIn("Organisatie betrekken", form)
        self.assertIn("Nazorg en afsluiten", form)
        self.assertNotIn("Involve organisation", form)
        search = result["views"]["search"]["arch"]
        self.assertIn("Mijn dossiers", search)
        self.assertNotIn("My dossiers", search)
        stages = Dossier.with_context(lang=NL).read_group(
            [], ["stage_id"], ["stage_id"]
        )
        self.assertIn(
            "Melding ontvangen", [g["stage_id"][1] for g in stages if g["stage_id"]]
        )

    def test_stage_card_is_dutch(self):
        stage = self.nl(self.env.ref(P + "stage_eerste_weging"))
        html = str(stage._render_card())
        self.assertIn("Benodigde informatie", html)
        self.assertIn("De volgende weging wordt gemaakt", html)
        english = str(stage.with_context(lang="en_US")._render_card())
        self.assertEqual(self.html_bullets(html), self.html_bullets(english))
        self.assertEqual(
            self.nl(self.env.ref(P + "hoofdstap_uitvoering")).name,
            "Uitvoering en monitoring",
        )
        self.assertEqual(self.nl(self.vorm_onbekend).name, "Onbekend")

    @staticmethod
    def html_bullets(html):
        return html.count("<li")

    def test_printed_agenda_is_dutch(self):
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_partner_ggd)
            .with_context(lang=NL)
            ._render_qweb_html(
                P + "keten_casusoverleg_report_agenda", self.overleg.ids
            )[0]
            .decode()
        )
        self.assertIn("Vertrouwelijk: need-to-know", html)
        self.assertIn("Agendapunt zonder toegang", html)
        self.assertIn("Er loopt een strafrechtelijk traject", html)
        self.assertFalse(
            english_left(
                self.catalogue,
                html,
                "model_terms:ir.ui.view,arch_db:" + P + "casusoverleg_",
            )
        )

    def test_receipt_mail_is_dutch(self):
        template = self.nl(self.env.ref(P + "mail_template_melding_receipt"))
        self.assertIn("Ontvangstbevestiging van uw melding", template.subject)
        self.assertIn("Dank u voor uw melding.", template.body_html)
        self.assertIn('t-out="object.name or', template.body_html)

    def test_python_messages_are_dutch(self):
        melding = self.nl(self.dossier_a.melding_ids[:1])
        with self.assertRaisesRegex(
            ValidationError, f"Melding {melding.name} hoort bij een dossier en kan"
        ):
            melding.handled_without_dossier = True


@tagged("post_install", "-at_install", "keten_i18n")
class TestDutchIntakePage(HttpCase):
    """The web form for professionals without an account, in Dutch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_dutch(cls.env)
        enable_intake_form(cls.env)

    def test_form_page_is_dutch(self):
        response = self.url_open("/meldpunt/formulier")
        self.assertEqual(response.status_code, 200)
        page = re.sub(r"<style.*?</style>", "", response.text, flags=re.S)
        text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
        self.assertIn('<html lang="nl-NL"', page)
        for dutch in (
            "Melden bij het meldpunt mensenhandel",
            "Naar de inhoud",
            "Bij acuut gevaar: bel 112.",
            "Persoon 2 (als er meer zijn)",
            "Maximaal 5 bestanden van",
            "Melding versturen",
        ):
            self.assertIn(dutch, text)
        self.assertFalse(
            english_left(
                _catalogue(), text, "model_terms:ir.ui.view,arch_db:" + P + "intake_"
            )
        )
        self.assertFalse(english_left(_catalogue(), text, "code:"))
