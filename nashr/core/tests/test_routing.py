from django.http import Http404
from django.test import RequestFactory, TestCase

from nashr.articles.models import ArticlePage
from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions, translate
from nashr.home.models import HomePage


class RoutingTests(TestCase):
    """Wagtail's routing, with the pages along the path read in one query rather than two a level."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.home = HomePage.objects.get(pk=homes["en"].pk)
        cls.section = add_section(homes["en"], "Articles")
        cls.sub = add_section(cls.section, "Long reads")
        cls.article = make_article(cls.sub, "Rain at last")
        cls.draft = make_article(cls.section, "Not yet", live=False)
        translate(cls.section, "fa", title="مقالات", slug="مقالات")

    def route(self, *components, home=None):
        return (home or self.home).route(RequestFactory().get("/"), list(components))

    def test_a_page_three_levels_down_is_found_in_two_queries_as_its_own_type(self):
        with self.assertNumQueries(2):  # the pages along the path, then the page found as its type
            page, args, kwargs = self.route("articles", "long-reads", "rain-at-last")
        self.assertIsInstance(page, ArticlePage)
        self.assertEqual(page.pk, self.article.pk)
        with self.assertNumQueries(0):
            self.assertEqual(page.get_parent().pk, self.sub.pk)

    def test_a_missing_page_a_draft_and_a_path_through_a_page_are_not_found(self):
        for components in (["articles", "gone"], ["articles", "not-yet"], ["long-reads", "rain-at-last"]):
            with self.subTest(components), self.assertRaises(Http404):
                self.route(*components)

    def test_a_page_of_another_edition_is_not_found_under_this_one(self):
        fa_home = HomePage.objects.get(locale__language_code="fa")
        self.assertEqual(self.route("مقالات", home=fa_home).page.locale.language_code, "fa")
        with self.assertRaises(Http404):
            self.route("مقالات")

    def test_a_page_that_routes_on_its_own_gets_the_rest_of_the_path(self):
        page, args, kwargs = self.route("category", "weather")  # the home lists a category
        self.assertEqual(page.pk, self.home.pk)
        self.assertEqual(args[2], {"slug": "weather"})

    def test_a_reader_reaches_the_page(self):
        self.assertContains(self.client.get(self.article.url), "Rain at last")
        self.assertEqual(self.client.get(self.draft.url).status_code, 404)
