import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.test import SimpleTestCase

from nashr.editions.management.commands.makemessages import BuildFile, Command
from nashr.editions.template_messages import as_python, messages_of


class InterfaceTranslationTests(SimpleTestCase):
    def test_every_interface_string_is_translated_for_every_edition(self):
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            with self.subTest(edition=code):
                po = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"))
                self.assertEqual([e.msgid for e in po.untranslated_entries()], [])
                self.assertEqual([e.msgid for e in po.fuzzy_entries()], [])
                mo = polib.mofile(str(Path(po.fpath).with_suffix(".mo")))
                compiled = {(e.msgid, e.msgstr) for e in mo if e.msgid}
                source = {(e.msgid, e.msgstr) for e in po.translated_entries()}
                self.assertEqual(source - compiled, set(), "the .mo file is stale: run make messages")

    def test_every_string_of_the_readers_templates_is_in_every_catalog(self):
        """The Jinja2 templates' strings as makemessages finds them (editions/template_messages.py): each
        one, with its plural and context, is a translated entry of each edition's catalog."""
        templates = sorted(Path(settings.PROJECT_DIR, "jinja2").rglob("*.html"))
        self.assertGreater(len(templates), 50)
        wanted = set()
        for path in templates:
            for _line, function, parts in messages_of(path.read_text()):
                context = parts[0] if function in ("pgettext", "npgettext") else ""
                msgid = parts[1] if context else parts[0]
                wanted.add((context, msgid))
        self.assertIn(("", "%(counter)s comment"), wanted)
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            with self.subTest(edition=code):
                po = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"))
                translated = {(e.msgctxt or "", e.msgid) for e in po.translated_entries()}
                self.assertEqual(sorted(wanted - translated), [])

    def test_a_template_becomes_the_calls_xgettext_reads_on_the_same_lines(self):
        source = '<p>\n{{ _("Menu") }}</p>{{ pgettext("social network", "X") }}\n'
        source += "{% trans n=count %}{{ n }} piece{% pluralize %}{{ n }} pieces{% endtrans %}"
        self.assertEqual(
            as_python(source).splitlines(),
            [
                "",
                "gettext('Menu'); pgettext('social network', 'X'); ",
                "ngettext('%(n)s piece', '%(n)s pieces', 1); ",
            ],
        )

    def test_makemessages_gives_xgettext_a_jinja2_template_as_its_calls_and_a_django_one_templatized(self):
        from django.core.management.commands.makemessages import TranslatableFile

        with tempfile.TemporaryDirectory() as folder:
            made = {}
            for kind, source in (
                ("jinja2", '<p>{{ _("Menu") }}</p>'),
                ("templates", '{% translate "Menu" %}'),
            ):
                (Path(folder) / kind).mkdir()
                (Path(folder) / kind / "x.html").write_text(source)
                build = BuildFile(
                    Command(), "django", TranslatableFile(str(Path(folder) / kind), "x.html", None)
                )
                build.preprocess()
                made[kind] = Path(build.work_path).read_text()
        self.assertEqual(made["jinja2"], "gettext('Menu'); \n")
        self.assertEqual(made["templates"].strip(), "gettext(u'Menu')")  # Django's templatize
