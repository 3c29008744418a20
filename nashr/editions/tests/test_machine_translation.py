"""Machine translation through a LibreTranslate server: a stand-in run as its own process on a local port."""

import socket
import subprocess
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, override_settings
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, translate
from nashr.editions.machine import translator_setting
from nashr.users.tests.site import EditionSiteTestCase

PORT, CLOSED_PORT = 18510, 18511
KEY = "newsroom-key"
BODY = '<p>Boats are <a href="https://example.org/harbour">back</a> in the <b>old</b> harbour.</p>'


def libretranslate(port=PORT, key=KEY):
    return translator_setting(
        {
            "NASHR_MACHINE_TRANSLATOR": "libretranslate",
            "NASHR_LIBRETRANSLATE_URL": f"http://127.0.0.1:{port}/",
            "NASHR_LIBRETRANSLATE_KEY": key,
            "NASHR_MACHINE_TRANSLATOR_TIMEOUT": "5",
        }
    )


def start_standin(port, key):
    process = subprocess.Popen(
        [sys.executable, "-m", "nashr.editions.tests.libretranslate_standin", str(port), key],
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    if process.stdout.readline().strip() != b"ready":
        process.kill()
        raise RuntimeError("the LibreTranslate stand-in did not start")
    return process


def stop_standin(process):
    process.terminate()
    process.wait(10)
    process.stdout.close()


class TranslatorSettingTests(SimpleTestCase):
    def test_off_unless_named(self):
        self.assertIsNone(translator_setting({}))
        self.assertIsNone(translator_setting({"NASHR_LIBRETRANSLATE_URL": "http://127.0.0.1:5000"}))

    def test_libretranslate_without_its_address_is_a_clear_error(self):
        with self.assertRaisesMessage(ImproperlyConfigured, "NASHR_LIBRETRANSLATE_URL"):
            translator_setting({"NASHR_MACHINE_TRANSLATOR": "libretranslate"})

    def test_deepl_needs_its_key_and_unknown_names_are_refused(self):
        with self.assertRaisesMessage(ImproperlyConfigured, "NASHR_DEEPL_KEY"):
            translator_setting({"NASHR_MACHINE_TRANSLATOR": "deepl"})
        deepl = translator_setting({"NASHR_MACHINE_TRANSLATOR": "DeepL", "NASHR_DEEPL_KEY": "k:fx"})
        self.assertEqual(deepl["OPTIONS"]["AUTH_KEY"], "k:fx")
        with self.assertRaisesMessage(ImproperlyConfigured, "libretranslate, deepl"):
            translator_setting({"NASHR_MACHINE_TRANSLATOR": "babelfish"})
        with self.assertRaisesMessage(ImproperlyConfigured, "seconds"):
            translator_setting(
                {"NASHR_MACHINE_TRANSLATOR": "deepl", "NASHR_MACHINE_TRANSLATOR_TIMEOUT": "soon"}
            )

    def test_the_address_loses_its_trailing_slash(self):
        self.assertEqual(libretranslate()["OPTIONS"]["LIBRETRANSLATE_URL"], f"http://127.0.0.1:{PORT}")


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=libretranslate())
class MachineTranslationTests(EditionSiteTestCase):
    @classmethod
    def setUpClass(cls):
        cls.standin = start_standin(PORT, KEY)
        cls.addClassCleanup(stop_standin, cls.standin)
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        world = add_section(cls.homes["en"], "World")
        for code in ("fa", "ar", "sq"):
            translate(world, code, title=f"World {code}")
        cls.article = make_article(world, "Harbour reopens", body=[("paragraph", BODY)])
        cls.boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.boss)

    def translation_into(self, code):
        self.client.post(
            reverse("wagtail_localize:submit_page_translation", args=[self.article.pk]),
            {"locales": [self.locales[code].pk if code in self.locales else self.sq().pk]},
        )
        source = TranslationSource.objects.get_for_instance(self.article)
        return Translation.objects.get(source=source, target_locale__language_code=code)

    def sq(self):
        from wagtail.models import Locale

        return Locale.objects.get(language_code="sq")

    def segment(self, translation, text):
        return StringSegment.objects.get(source=translation.source, string__data__startswith=text)

    def ask(self, translation, segment):
        url = reverse("nashr_machine_translate_segment", args=[translation.pk, segment.pk])
        return self.client.post(url)

    def test_a_segment_comes_back_translated_with_its_tags_and_nothing_is_saved(self):
        translation = self.translation_into("fa")
        segment = self.segment(translation, "Boats")
        self.assertEqual(segment.string.data, 'Boats are <a id="a1">back</a> in the <b>old</b> harbour.')
        response = self.ask(translation, segment)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(
            response.json(),
            {
                "text": '[en>fa] BOATS ARE <a id="a1">BACK</a> IN THE <b>OLD</b> HARBOUR.',
                "translator": "LibreTranslate",
            },
        )
        self.assertFalse(StringTranslation.objects.filter(locale__language_code="fa").exists())

    def test_the_title_goes_from_the_source_language_to_the_target(self):
        translation = self.translation_into("ar")
        response = self.ask(translation, self.segment(translation, "Harbour reopens"))
        self.assertEqual(response.json()["text"], "[en>ar] HARBOUR REOPENS")

    def test_a_translator_of_another_edition_is_refused(self):
        translation = self.translation_into("ar")
        self.sign_in("translator", "fa")
        response = self.ask(translation, self.segment(translation, "Boats"))
        self.assertEqual(response.status_code, 403)
        self.assertIn("error", response.json())
        fa = self.translation_into_as_boss("fa")
        self.sign_in("translator", "fa")
        self.assertEqual(self.ask(fa, self.segment(fa, "Boats")).status_code, 200)

    def translation_into_as_boss(self, code):
        self.client.force_login(self.boss)
        return self.translation_into(code)

    def test_a_segment_of_another_translation_is_refused(self):
        fa = self.translation_into("fa")
        writer = self.people["en"]
        self.client.post(
            reverse("wagtail_localize:submit_snippet_translation", args=["people", "person", writer.pk]),
            {"locales": [self.locales["fa"].pk]},
        )
        other = StringSegment.objects.get(
            source=TranslationSource.objects.get_for_instance(writer), string__data=writer.name
        )
        response = self.ask(fa, other)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["error"], "This text is not part of this translation.")

    def test_a_refused_key_is_told_with_the_servers_reason(self):
        translation = self.translation_into("fa")
        with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=libretranslate(key="wrong")):
            response = self.ask(translation, self.segment(translation, "Boats"))
        self.assertEqual(response.status_code, 502)
        self.assertEqual(response.json()["error"], "The translation server refused (403): Invalid API key")

    def test_a_language_the_server_lacks_is_told(self):
        translation = self.translation_into("sq")
        response = self.ask(translation, self.segment(translation, "Boats"))
        self.assertEqual(response.status_code, 502)
        self.assertEqual(
            response.json()["error"], "The translation server refused (400): sq is not supported"
        )

    def test_a_server_that_is_down_is_told(self):
        translation = self.translation_into("fa")
        with socket.socket() as probe:  # nothing listens there
            self.assertNotEqual(probe.connect_ex(("127.0.0.1", CLOSED_PORT)), 0)
        with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=libretranslate(port=CLOSED_PORT)):
            response = self.ask(translation, self.segment(translation, "Boats"))
        self.assertEqual(response.status_code, 502)
        self.assertIn(f"127.0.0.1:{CLOSED_PORT} could not be reached", response.json()["error"])

    def test_without_a_translator_the_address_says_so(self):
        translation = self.translation_into("fa")
        with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=None):
            response = self.ask(translation, self.segment(translation, "Boats"))
        self.assertEqual(response.status_code, 501)
        self.assertEqual(response.json()["error"], "Machine translation is not set up on this site.")

    def test_the_whole_page_action_translates_every_segment(self):
        translation = self.translation_into("fa")
        url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
        response = self.client.post(url, {"next": "/admin/"})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        saved = StringTranslation.objects.filter(locale__language_code="fa")
        self.assertIn("[en>fa] HARBOUR REOPENS", [s.data for s in saved])
        self.assertEqual({s.translation_type for s in saved}, {StringTranslation.TRANSLATION_TYPE_MACHINE})

    def test_the_whole_page_action_is_refused_to_a_translator_of_another_edition(self):
        translation = self.translation_into("ar")
        self.sign_in("translator", "fa")
        response = self.client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
        self.assertRefused(response)
        self.assertFalse(StringTranslation.objects.filter(locale__language_code="ar").exists())

    def test_the_whole_page_action_tells_a_server_that_is_down(self):
        translation = self.translation_into("fa")
        with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=libretranslate(port=CLOSED_PORT)):
            response = self.client.post(
                reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
            )
        self.assertEqual(response.status_code, 302)
        told = [str(message) for message in get_messages(response.wsgi_request)]
        self.assertTrue(any("could not be reached" in message for message in told), told)
        self.assertFalse(StringTranslation.objects.filter(locale__language_code="fa").exists())

    def test_the_translation_editor_names_both_languages_for_the_script(self):
        translation = self.translation_into("fa")
        response = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk])
        )
        html = response.content.decode()
        self.assertIn('data-source-lang="en" data-source-dir="ltr"', html)
        self.assertIn('data-target-lang="fa" data-target-dir="rtl"', html)
        self.assertIn(reverse("nashr_machine_translate_segment", args=[translation.pk, 0]), html)
        self.assertIn("LibreTranslate", html)  # the whole-page action, in the app's props
