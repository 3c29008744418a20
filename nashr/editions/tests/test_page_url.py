from unittest import mock

from django.test import SimpleTestCase, TestCase
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation
from wagtail.models import Page, Site

from nashr.core.tests.factories import every_page_type_site
from nashr.core.tests.fresh_process import last_line
from nashr.editions.urls import edition_url, page_url


class PageUrlTests(TestCase):
    """`page_url` stands in for Wagtail's `page.url` in listings, menus and the editions menu: it must give
    the same address for every page of every edition, without reading the site's root paths."""

    @classmethod
    def setUpTestData(cls):
        every_page_type_site()

    def test_same_address_as_wagtail_for_every_page(self):
        pages = Page.objects.filter(depth__gt=1)
        self.assertGreater(pages.count(), 40)
        languages = set()
        for page in pages:
            with self.subTest(page=page.url_path):
                self.assertEqual(page_url(page.locale_id, page.url_path), page.url)
            languages.add(page.locale.language_code)
        self.assertEqual(languages, {"en", "fa", "ar", "sq"})

    def test_reads_neither_the_database_nor_the_sites_root_paths(self):
        page = Page.objects.filter(depth=3, locale__language_code="fa").first()
        page_url(page.locale_id, page.url_path)  # the edition's home address, once per process
        unread = mock.patch.object(Site, "get_site_root_paths", side_effect=AssertionError("read"))
        with unread, self.assertNumQueries(0):
            self.assertEqual(page_url(page.locale_id, page.url_path), f"/fa/{page.slug}/")

    def test_an_address_under_an_edition_is_what_django_reverses(self):
        paths = ["", "articles/", "tag/باران/", "category/a-b_c/", "author/ana/", "é/", "x", "a//b/", "a b/"]
        for language in ("en", "fa", "ar", "sq"):
            for path in paths:
                with self.subTest(language=language, path=path), translation.override(language):
                    try:
                        expected = reverse("wagtail_serve", args=[path])
                    except NoReverseMatch:
                        with self.assertRaises(NoReverseMatch):
                            edition_url(language, path)
                    else:
                        self.assertEqual(edition_url(language, path), expected)

    def test_under_a_script_prefix_too(self):
        try:
            set_script_prefix("/news/")
            for language in ("en", "fa", "ar", "sq"):
                with self.subTest(language=language), translation.override(language):
                    expected = reverse("wagtail_serve", args=["tag/باران/"])
                    self.assertEqual(edition_url(language, "tag/باران/"), expected)
                    self.assertTrue(edition_url(language).startswith(f"/news/{language}/"))
        finally:
            set_script_prefix("/")


class OtherEditionsCatalogsTests(SimpleTestCase):
    def test_linking_to_other_editions_loads_none_of_their_translations(self):
        # A fresh process: this one has loaded every catalog already.
        code = (
            "import django; django.setup();"
            "from django.utils import translation; from django.utils.translation import trans_real;"
            "from nashr.editions.urls import edition_url;"
            "translation.activate('en');"
            "[edition_url(c, p) for c in ('en','fa','ar','sq') for p in ('', 'articles/', 'tag/x/')];"
            "print(sorted(trans_real._translations))"
        )
        self.assertEqual(last_line(code), "['en']")
