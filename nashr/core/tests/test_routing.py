from unittest import mock

from django.http import Http404
from django.test import RequestFactory, TestCase
from django.utils import translation
from wagtail.models import Page

from nashr.articles.models import ArticlePage
from nashr.articles.tests.factories import make_article
from nashr.core.routing import route_for_request
from nashr.core.tests.factories import add_section, build_editions, every_page_type_site, translate
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


class RequestRoutingTests(TestCase):
    """A reader's request is routed from the site's root (core/routing.py) to what Wagtail's own
    `Page.route_for_request` finds, with the edition's home and the path's pages read in one query."""

    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.pages = every_page_type_site()

    def routes(self, path, language):
        """(ours, Wagtail's), each (page pk, view args) or None, for `path` in the edition `language`."""
        results = []
        for find in (route_for_request, Page.route_for_request):
            request = RequestFactory().get(path)
            with translation.override(language):
                try:
                    result = find(request, path)
                except Http404:
                    result = None
            results.append(None if result is None else (result.page.pk, *self.view(result.args)))
        return results

    @staticmethod
    def view(args):
        """A routable page's view by name, with its arguments (bound methods differ by instance)."""
        if not args:
            return ()
        view, view_args, view_kwargs = args
        return (view.__name__, view_args, view_kwargs)

    def test_every_page_and_topic_of_every_edition_routes_as_wagtail_routes_it(self):
        paths = set()
        for page in Page.objects.filter(depth__gt=1):
            language = page.locale.language_code
            url_path = page.url_path.split("/", 2)[2]  # below the edition's home
            paths |= {
                (url_path, language),
                (url_path + "missing/", language),
                ("missing/" + url_path, language),
            }
            paths |= {(url_path, other) for other in ("en", "fa") if other != language}
        paths |= {
            (f"{kind}/{slug}/", lang)
            for kind in ("category", "tag", "author")
            for slug in ("x", "fair")
            for lang in ("en", "ar")
        }
        routed = 0
        for path, language in sorted(paths):
            ours, wagtails = self.routes(path, language)
            with self.subTest(path=path, language=language):
                self.assertEqual(ours, wagtails)
            routed += ours is not None
        self.assertGreater(routed, 40)  # most paths lead somewhere: the comparison is not between two 404s

    def test_an_article_is_routed_in_three_queries(self):
        article = self.pages[("fa", "article")]
        path = article.url_path.split("/", 2)[2]
        with translation.override("fa"), self.assertNumQueries(3):  # the site, the pages, the article's type
            page = route_for_request(RequestFactory().get("/fa/" + path), path).page
        self.assertEqual(page, article)

    def test_a_draft_translation_of_the_home_leaves_that_edition_to_the_site_root(self):
        fa_home = self.homes["fa"]
        fa_home.unpublish()
        self.assertEqual(*self.routes("", "fa"))
        self.assertEqual(self.routes("", "fa")[0][0], self.homes["en"].pk)

    def test_wagtail_serves_the_page_this_routing_found(self):
        # Wagtail's view takes the route kept on the request (request._wagtail_route_for_request, named in
        # Wagtail's docstring) instead of routing again from the edition's home: were it renamed, this fails.
        article = self.pages[("en", "article")]
        with mock.patch.object(HomePage, "route", side_effect=AssertionError("routed again")):
            self.assertContains(self.client.get(article.url), article.title)
