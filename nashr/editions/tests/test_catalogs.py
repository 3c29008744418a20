"""Texts kept with the active language's catalog (editions/catalogs.py) are Django's."""

from unittest import mock

from django.test import SimpleTestCase
from django.utils import translation
from django.utils.translation import gettext_lazy, pgettext_lazy, trans_real

from nashr.editions import catalogs


class CatalogsTests(SimpleTestCase):
    def test_a_text_is_djangos_in_every_edition_and_with_none_active(self):
        lazies = [
            gettext_lazy("By"),
            pgettext_lazy("social network", "Telegram"),
            gettext_lazy("No such text"),
        ]
        for language in ["en", "fa", "ar", "sq", "fa", None]:
            with self.subTest(language=language), translation.override(language):
                for message in ["By", "Comments", "No such text"]:
                    self.assertEqual(catalogs.gettext(message), translation.gettext(message))
                self.assertEqual([catalogs.text(lazy) for lazy in lazies], [str(lazy) for lazy in lazies])
        with translation.override("fa"):
            self.assertEqual(catalogs.gettext("By"), "نوشتهٔ")
        self.assertIsNone(catalogs.text(None))
        self.assertEqual(catalogs.text("plain"), "plain")

    def test_a_catalog_loaded_again_keeps_nothing_of_the_one_before(self):
        with translation.override("fa"):
            lazy = gettext_lazy("By")
            self.assertEqual(catalogs.text(lazy), "نوشتهٔ")
            loaded = trans_real._translations.pop("fa")
            try:
                translation.activate("fa")
                with mock.patch.object(
                    type(trans_real._translations["fa"]), "gettext", return_value="changed"
                ):
                    self.assertEqual(catalogs.gettext("By"), "changed")
                    self.assertEqual(catalogs.text(lazy), "changed")
            finally:
                trans_real._translations["fa"] = loaded

    def test_lazy_texts_made_per_call_are_not_piled_up(self):
        with translation.override("sq"), mock.patch.object(catalogs, "LAZY_KEPT", 3):
            texts = catalogs.kept("_nashr_lazy")
            texts.clear()
            for _ in range(10):
                self.assertEqual(catalogs.text(gettext_lazy("By")), translation.gettext("By"))
            self.assertLessEqual(len(texts), 3)
