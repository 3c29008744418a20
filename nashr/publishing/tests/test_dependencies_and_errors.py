import re

from django.test import RequestFactory, TestCase

from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, days_ago, translate
from nashr.core.views import server_error
from nashr.publishing.dependencies import dependent_urls


class DependentUrlsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = add_section(homes["en"], "Articles")
        translate(section, "fa", title="مقاله‌ها")
        cls.section = section
        cls.article = make_article(
            section,
            "Harvest day",
            categories=[CategoryFactory(slug="community")],
            tags=["garden"],
            authors=[PersonFactory(slug="ana")],
            translator=PersonFactory(slug="leo"),
        )
        cls.fa_article = translate(cls.article, "fa", title="روز برداشت", slug="harvest-fa")
        cls.older = make_article(section, "Seed swap", published_at=days_ago(9))
        cls.newer = make_article(section, "Rain day", published_at=days_ago(-1))

    def test_lists_every_page_that_shows_an_article(self):
        urls = dependent_urls(self.article)
        self.assertEqual(urls[0], "/en/articles/harvest-day/")
        for expected in [
            self.fa_article.url,
            "/en/",
            "/en/articles/",
            "/en/category/community/",
            "/en/tag/garden/",
            "/en/author/ana/",
            "/en/author/leo/",
            self.older.url,  # their newer/older links name it
            self.newer.url,
        ]:
            self.assertIn(expected, urls)
        self.assertEqual(len(urls), len(set(urls)))

    def test_names_a_page_once_when_it_shows_the_article_twice(self):
        # Its author is also its translator: the author page is reached twice, and rendered once.
        ana = self.article.authors[0]
        article = make_article(self.section, "Seed bank", authors=[ana], translator=ana)
        urls = dependent_urls(article)
        self.assertEqual(urls.count(ana.get_absolute_url()), 1, urls)


class ErrorPageTests(TestCase):
    def test_server_error_page_speaks_the_edition_language_without_the_database(self):
        request = RequestFactory().get("/fa/articles/broken/")
        with self.assertNumQueries(0):
            response = server_error(request)
        self.assertEqual(response.status_code, 500)
        html = response.content.decode()
        self.assertIn('<html lang="fa" dir="rtl">', html)
        self.assertIn('href="/fa/"', html)


class PrivacyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.article = make_article(
            add_section(homes["en"], "Articles"),
            "Quiet page",
            lead_image=ImageFactory(),
            body=[
                (
                    "embed",
                    {
                        "url": "https://video.example.org/v/2",
                        "title": "Clip",
                        "provider": "",
                        "thumbnail": None,
                    },
                )
            ],
        )

    def test_a_reader_loads_nothing_from_another_site(self):
        html = self.client.get(self.article.url).content.decode()
        # Canonical, hreflang and feed links name addresses for crawlers and feed readers; browsers load none.
        html = re.sub(r'<link rel="(?:canonical|alternate)"[^>]*>', "", html)
        loaded = re.findall(
            r'<(?:img|script|iframe|source|link|video|audio)\b[^>]*?(?:src|href|srcset)="([^"]+)"', html
        )
        self.assertTrue(loaded)
        outside = [url for url in loaded if re.match(r"^(https?:)?//", url)]
        self.assertEqual(outside, [])
        self.assertNotIn("<iframe", html)
        # The only script element is the JSON-LD data block, which browsers never run.
        self.assertNotRegex(html, r'<script(?! type="application/ld\+json">)')

    def test_pages_send_a_strict_content_security_policy(self):
        policy = self.client.get(self.article.url)["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertIn("script-src 'self'", policy)
        self.assertIn("frame-src 'none'", policy)
