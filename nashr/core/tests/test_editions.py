"""Every page type renders in every edition with the right lang and dir, and offers the other editions."""

from urllib.parse import quote

from django.test import TestCase

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import every_page_type_site

DIRECTIONS = {"en": "ltr", "fa": "rtl", "ar": "rtl", "sq": "ltr"}


class EveryPageTypeInEveryEditionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.pages = every_page_type_site()
        cls.sources = {kind: page for (language, kind), page in cls.pages.items() if language == "en"}

    def test_every_page_type_renders_in_every_edition_with_lang_and_dir(self):
        for (language, key), page in self.pages.items():
            with self.subTest(language=language, page=key):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(page.url.startswith(f"/{language}/"))
                self.assertContains(response, f'<html lang="{language}" dir="{DIRECTIONS[language]}">')

    def test_book_facts_use_the_edition_digits_and_keep_the_isbn_left_to_right(self):
        html = self.client.get(self.pages[("fa", "book")].url).content.decode()
        self.assertIn("<dd>۲۰۲۶</dd>", html)
        self.assertIn("<dd>۱۸۴</dd>", html)
        self.assertIn('<dd><bdi dir="ltr">9780000000002</bdi></dd>', html)

    def test_editions_menu_links_each_translation(self):
        for (language, key), page in self.pages.items():
            with self.subTest(language=language, page=key):
                response = self.client.get(page.url)
                for other in ["en", "fa", "ar", "sq"]:
                    url = self.pages[(other, key)].url
                    href = url if other == language else f"/edition/{other}/?next={quote(url)}"
                    self.assertContains(response, f'href="{href}" lang="{other}"')

    def test_untranslated_page_links_to_the_other_editions_homes(self):
        only_english = make_article(self.sources["section"], "Only in English")
        response = self.client.get(only_english.url)
        for language in ["fa", "ar", "sq"]:
            self.assertContains(response, f'href="/edition/{language}/?next=/{language}/" lang="{language}"')

    def test_root_redirects_to_the_best_matching_edition(self):
        cases = [
            ("fa-IR,fa;q=0.9,en;q=0.5", "/fa/"),
            ("ar", "/ar/"),
            ("sq-AL", "/sq/"),
            ("de-DE", "/en/"),
            ("", "/en/"),
        ]
        for header, expected in cases:
            with self.subTest(accept_language=header):
                self.client.cookies.clear()
                response = self.client.get("/", headers={"accept-language": header})
                self.assertRedirects(response, expected, fetch_redirect_response=False)

    def test_not_found_page_is_in_the_edition_language(self):
        for language, text in [
            ("en", "Page not found"),
            ("fa", 'dir="rtl"'),
            ("ar", 'lang="ar"'),
            ("sq", 'lang="sq"'),
        ]:
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/no-such-page/")
                self.assertEqual(response.status_code, 404)
                self.assertContains(response, text, status_code=404)
