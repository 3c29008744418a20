from pathlib import Path

import polib
from django.conf import settings
from django.test import SimpleTestCase


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
