"""The editions menu's links open the chosen edition and remember it for the site's root address."""

from django.conf import settings
from django.test import TestCase

from nashr.core.tests.factories import add_section, build_editions, translate


class ChooseEditionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Articles")
        cls.fa_section = translate(cls.section, "fa", title="مطالب")

    def test_opens_the_page_and_remembers_the_edition(self):
        response = self.client.get(f"/edition/fa/?next={self.fa_section.url}")
        self.assertRedirects(response, self.fa_section.url, fetch_redirect_response=False)
        cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
        self.assertEqual(cookie.value, "fa")
        self.assertEqual(cookie["samesite"], "Lax")
        self.assertGreater(int(cookie["max-age"]), 30 * 24 * 3600)
        root = self.client.get("/", headers={"accept-language": "en"})
        self.assertRedirects(root, "/fa/", fetch_redirect_response=False)

    def test_another_site_or_edition_in_next_goes_to_the_edition_home(self):
        for target in ["https://elsewhere.example/fa/", "//elsewhere.example/fa/", self.section.url, ""]:
            with self.subTest(next=target):
                response = self.client.get("/edition/fa/", {"next": target})
                self.assertRedirects(response, "/fa/", fetch_redirect_response=False)

    def test_unknown_edition_is_not_found_and_sets_nothing(self):
        response = self.client.get("/edition/de/?next=/de/", follow=True)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(settings.LANGUAGE_COOKIE_NAME, self.client.cookies)
