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
                mo = Path(po.fpath).with_suffix(".mo")
                self.assertGreaterEqual(mo.stat().st_mtime, Path(po.fpath).stat().st_mtime - 1, "compile the .po")
