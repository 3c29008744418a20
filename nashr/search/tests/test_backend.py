"""Plain-string searches (the admin's page search and choosers) are normalized like the search page's."""

from django.test import TestCase
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions
from nashr.search.backends import NormalizedQueriesMixin


class AdminSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        make_article(add_section(homes["ar"], "أخبار"), "معرض الكتاب في القاهرة")
        make_article(add_section(homes["fa"], "اخبار"), "کتاب‌های تازه")

    def test_the_configured_backend_normalizes_queries(self):
        self.assertIsInstance(get_search_backend(), NormalizedQueriesMixin)

    def test_plain_string_searches_find_every_spelling(self):
        for words, title in [
            ("الكتاب", "معرض الكتاب في القاهرة"),
            ("للكتاب", "معرض الكتاب في القاهرة"),
            ("كتابها", "کتاب‌های تازه"),
            ("تازه", "کتاب‌های تازه"),
        ]:
            with self.subTest(words=words):
                self.assertIn(title, [page.title for page in Page.objects.live().search(words)])

    def test_autocomplete_is_normalized_too(self):
        titles = [page.title for page in Page.objects.live().autocomplete("القاهر")]
        self.assertEqual(titles, ["معرض الكتاب في القاهرة"])

    def test_punctuation_only_finds_nothing(self):
        self.assertEqual(list(Page.objects.search("«»!")), [])
