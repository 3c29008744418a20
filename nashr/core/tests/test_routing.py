from django.core.cache import cache
from django.test import TestCase, override_settings
from wagtail.models import PageViewRestriction, Site

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions, translate


@override_settings(NASHR_CACHE_LOOKUPS=True)
class RoutingTests(TestCase):
    """Pages are found by their url_path in one query, and everything else is left to Wagtail."""

    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.section = add_section(cls.homes["en"], "Articles")
        cls.sub = add_section(cls.section, "Culture")
        cls.article = make_article(cls.sub, "Book fair opens", tags=["books"])
        cls.draft = make_article(cls.section, "Not yet", live=False)
        translate(cls.section, "fa", title="مقاله‌ها", slug="maqale")

    def setUp(self):
        cache.clear()
        self.client.get("/en/")  # the site's record, read once per process

    def test_a_page_three_levels_down_is_routed_in_one_query(self):
        from nashr.core.routing import route_for_request

        request = self.client.get(self.article.url).wsgi_request  # where the URL leads is now known
        del request._wagtail_route_for_request
        with self.assertNumQueries(1):
            page, args, kwargs = route_for_request(request, "articles/culture/book-fair-opens/")
        self.assertEqual(page.specific, self.article)
        self.assertIs(type(page), type(self.article))

    def test_a_page_read_with_sql_built_once_is_the_page_the_orm_reads(self):
        from nashr.articles.models import ArticlePage
        from nashr.core.routing import _read_page

        expected = ArticlePage.objects.get(pk=self.article.pk)
        fields = ArticlePage._meta.concrete_fields
        for _ in range(2):  # the SQL is built, then reused
            page = _read_page(ArticlePage, self.article.pk, self.article.url_path)
            self.assertIs(type(page), ArticlePage)
            self.assertEqual(
                [f.value_to_string(page) for f in fields], [f.value_to_string(expected) for f in fields]
            )
        self.assertIsNone(_read_page(ArticlePage, self.article.pk, "/home/elsewhere/"))
        self.assertIsNone(_read_page(ArticlePage, self.draft.pk, self.draft.url_path))  # not live

    def test_pages_of_every_depth_and_edition_are_served(self):
        for url in ["/en/", "/en/articles/", "/en/articles/culture/", self.article.url, "/fa/maqale/"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_routes_of_routable_pages_still_reach_wagtail(self):
        response = self.client.get("/en/tag/books/")
        self.assertContains(response, "Book fair opens")

    def test_unknown_paths_and_drafts_are_not_found(self):
        for url in [
            "/en/articles/nothing-here/",
            self.draft.url or "/en/articles/not-yet/",
            "/en/articles/x/y/",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_page_in_another_edition_is_not_found_under_this_one(self):
        self.assertEqual(self.client.get("/en/maqale/").status_code, 404)

    def test_a_moved_or_unpublished_page_is_not_served_from_its_old_address(self):
        old = self.article.url
        self.assertEqual(self.client.get(old).status_code, 200)
        self.article.move(self.section, pos="last-child")  # in a test: no purge reaches the cache
        self.article.refresh_from_db()
        moved = self.client.get(old)  # Wagtail's automatic redirect, not the page from the old address
        self.assertEqual((moved.status_code, moved["Location"]), (301, self.article.url))
        self.assertEqual(self.client.get(self.article.url).status_code, 200)
        self.article.unpublish()
        self.assertEqual(self.client.get(self.article.url).status_code, 404)

    def test_a_changed_site_is_read_afresh(self):
        site = Site.objects.get()
        site.site_name = "Renamed"
        site.hostname = "news.example.org"
        site.is_default_site = False
        site.save()  # testserver no longer matches any site
        self.assertEqual(self.client.get(self.article.url).status_code, 404)


@override_settings(NASHR_CACHE_LOOKUPS=True)
class CachedRestrictionTests(TestCase):
    """Private sections are kept in the cache, and forgotten the moment a restriction or the tree changes."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.open = add_section(homes["en"], "Articles")
        cls.closed = add_section(homes["en"], "Members")
        cls.article = make_article(cls.open, "Sports day")

    def setUp(self):
        cache.clear()

    def test_a_new_restriction_applies_at_once(self):
        self.assertEqual(self.client.get(self.article.url).status_code, 200)
        restriction = PageViewRestriction.objects.create(
            page=self.open, restriction_type=PageViewRestriction.PASSWORD, password="fair"
        )
        response = self.client.get(self.article.url)
        self.assertContains(response, 'name="password"')
        self.assertNotContains(response, "Sports day</h1>")
        restriction.delete()
        self.assertContains(self.client.get(self.article.url), "Sports day")

    def test_a_page_moved_into_a_private_section_is_private(self):
        PageViewRestriction.objects.create(page=self.closed, restriction_type=PageViewRestriction.LOGIN)
        self.assertEqual(self.client.get(self.article.url).status_code, 200)
        self.article.move(self.closed, pos="last-child")
        self.article.refresh_from_db()
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 302)  # to the login form
        self.assertIn("login", response["Location"])
        self.assertNotIn("Sports day", self.client.get("/en/articles/").content.decode())
