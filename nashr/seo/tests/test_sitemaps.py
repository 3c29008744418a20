import datetime as dt
from pathlib import Path

import xmlschema
from django.conf import settings
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from lxml import etree

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import ImageFactory, days_ago, translate
from nashr.publishing.dependencies import dependent_urls, extra_static_paths

from .newsroom import build_newsroom

ROOT = "http://localhost"
SCHEMAS = Path(__file__).parent / "schemas"
SITEMAP_XSD = settings.BASE_DIR / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"
XHTML_XSD = Path(xmlschema.__file__).parent / "schemas" / "XHTML" / "xhtml1-strict.xsd"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def _schema(imports):
    """A schema importing the sitemaps.org schema and the extensions, each from its own file."""
    lines = [f'<xs:import namespace="{ns}" schemaLocation="{path.as_uri()}"/>' for ns, path in imports]
    text = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">' + "".join(lines) + "</xs:schema>"
    return xmlschema.XMLSchema(text, allow="local")


URLSET_SCHEMA = _schema(
    [
        (NS["s"], SITEMAP_XSD),
        (NS["xhtml"], XHTML_XSD),
        (NS["image"], SCHEMAS / "sitemap-image.xsd"),
        (NS["news"], SCHEMAS / "sitemap-news.xsd"),
    ]
)
INDEX_SCHEMA = xmlschema.XMLSchema(str(SCHEMAS / "siteindex.xsd"), allow="local")


def read(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_newsroom(cls)

    def fetch(self, url, schema=URLSET_SCHEMA):
        path = url.removeprefix(ROOT)
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        self.assertEqual(response["Content-Type"], "application/xml; charset=utf-8")
        body = read(response)
        schema.validate(body.decode())  # raises with the first error
        return etree.fromstring(body)

    def index(self):
        return self.fetch(f"{ROOT}/sitemap.xml", INDEX_SCHEMA)

    def all_urls(self):
        """{loc: {hreflang: href}} over every edition sitemap named in the index."""
        urls = {}
        for loc in self.index().xpath("//s:sitemap/s:loc/text()", namespaces=NS):
            if "news" in loc:
                continue
            for url in self.fetch(loc).xpath("//s:url", namespaces=NS):
                location = url.findtext("s:loc", namespaces=NS)
                self.assertNotIn(location, urls)
                links = url.xpath("xhtml:link", namespaces=NS)
                urls[location] = {link.get("hreflang"): link.get("href") for link in links}
                self.assertEqual({link.get("rel") for link in links}, {"alternate"})
        return urls

    def test_the_index_lists_each_published_edition_and_the_news_sitemap_with_lastmod(self):
        index = self.index()
        locs = index.xpath("//s:sitemap/s:loc/text()", namespaces=NS)
        self.assertEqual(
            locs,
            [f"{ROOT}/sitemap-{code}-{part}.xml" for code in ("en", "fa", "ar") for part in ("1", "topics")]
            + [f"{ROOT}/sitemap-news.xml"],
        )
        lastmods = index.xpath("//s:sitemap/s:lastmod/text()", namespaces=NS)
        self.assertEqual(len(lastmods), 3)
        for value in lastmods:
            dt.datetime.fromisoformat(value)

    def test_edition_sitemaps_validate_and_list_every_published_page_with_lastmod_and_images(self):
        sitemap = self.fetch(f"{ROOT}/sitemap-en-1.xml")
        urls = {u.findtext("s:loc", namespaces=NS): u for u in sitemap.xpath("//s:url", namespaces=NS)}
        for page in (self.homes["en"], self.section, self.article, self.old_article, self.issue, self.book):
            self.assertIn(f"{ROOT}{page.url}", urls)
        article = urls[f"{ROOT}{self.article.url}"]
        self.assertTrue(article.findtext("s:lastmod", namespaces=NS))
        self.assertEqual(
            article.findtext("image:image/image:loc", namespaces=NS), f"{ROOT}{self.image.file.url}"
        )
        fa = self.fetch(f"{ROOT}/sitemap-fa-1.xml")
        self.assertIn(f"{ROOT}{self.fa_article.url}", fa.xpath("//s:loc/text()", namespaces=NS))
        self.assertIn("%D9%86", self.fa_article.url)  # the Unicode slug is percent-encoded as in page.url

    def test_hreflang_links_are_reciprocal_over_the_whole_sitemap(self):
        urls = self.all_urls()
        self.assertGreater(len(urls), 10)
        for loc, links in urls.items():
            with self.subTest(url=loc):
                self.assertIn(loc, links.values())  # each page names itself
                self.assertIn("x-default", links)
                self.assertIn(
                    links["x-default"], [href for code, href in links.items() if code != "x-default"]
                )
                for code, href in links.items():
                    self.assertIn(href, urls)  # every alternate is itself listed...
                    self.assertEqual(urls[href], links)  # ...with exactly the same links
                    if code != "x-default":
                        self.assertTrue(href.startswith(f"{ROOT}/{code}/"))
        article_links = urls[f"{ROOT}{self.article.url}"]
        self.assertEqual(list(article_links), ["en", "fa", "ar", "x-default"])
        self.assertEqual(article_links["x-default"], f"{ROOT}{self.article.url}")

    def test_category_author_and_tag_pages_are_listed_with_their_translations(self):
        urls = self.all_urls()
        culture = urls[f"{ROOT}/en/category/culture/"]
        self.assertEqual(culture["fa"], f"{ROOT}{self.fa_category.get_absolute_url()}")
        self.assertEqual(culture["x-default"], f"{ROOT}/en/category/culture/")
        self.assertIn(f"{ROOT}/en/author/ana/", urls)
        self.assertEqual(
            urls[f"{ROOT}/en/tag/books/"],
            {"en": f"{ROOT}/en/tag/books/", "x-default": f"{ROOT}/en/tag/books/"},
        )
        for url in urls:
            if "/category/" in url or "/author/" in url or "/tag/" in url:
                self.assertEqual(self.client.get(url.removeprefix(ROOT)).status_code, 200, url)
        self.assertEqual(self.client.get("/sitemap-sq-topics.xml").status_code, 404)

    def test_drafts_private_pages_and_unpublished_editions_never_appear(self):
        urls = self.all_urls()
        listed = " ".join([*urls, *(href for links in urls.values() for href in links.values())])
        for page in (self.draft, self.private, self.sq_article, self.homes["sq"]):
            self.assertNotIn(f"{ROOT}{page.url}", listed)
        self.assertNotIn("/sq/", listed)
        self.assertNotIn("/members/", listed)
        self.assertEqual(self.client.get("/sitemap-sq-1.xml").status_code, 404)
        news = read(self.client.get("/sitemap-news.xml")).decode()
        self.assertNotIn("Unfinished draft", news)
        self.assertNotIn("Members only", news)

    @override_settings(NASHR_SITEMAP_MAX_URLS=4)
    def test_an_edition_is_split_into_parts_of_at_most_the_limit(self):
        whole = {p.url for p in (self.homes["en"], self.article, self.book, self.issue)}
        locs = self.index().xpath("//s:sitemap/s:loc/text()", namespaces=NS)
        parts = [loc for loc in locs if "/sitemap-en-" in loc and not loc.endswith("-topics.xml")]
        self.assertGreater(len(parts), 1)
        seen = []
        for loc in parts:
            part = self.fetch(loc).xpath("//s:url/s:loc/text()", namespaces=NS)
            self.assertLessEqual(len(part), 4)
            seen += part
        self.assertEqual(len(seen), len(set(seen)))
        self.assertTrue({f"{ROOT}{url}" for url in whole} <= set(seen))
        self.assertEqual(self.client.get(f"/sitemap-en-{len(parts) + 1}.xml").status_code, 404)
        self.assertEqual(self.client.get("/sitemap-en-0.xml").status_code, 404)

    def test_a_sitemap_costs_a_fixed_number_of_queries_whatever_its_size(self):
        def count(path):
            with CaptureQueriesContext(connection) as queries:
                read(self.client.get(path))
            return len(queries)

        paths = [
            "/sitemap.xml",
            "/sitemap-en-1.xml",
            "/sitemap-fa-1.xml",
            "/sitemap-en-topics.xml",
            "/sitemap-news.xml",
        ]
        before = {path: count(path) for path in paths}
        for n in range(15):
            article = make_article(
                self.section, f"Weather note {n}", published_at=days_ago(0), lead_image=ImageFactory()
            )
            if n % 2:
                translate(article, "fa", title=f"یادداشت هوا {n}", slug=f"note-fa-{n}")
        for path, expected in before.items():
            with self.subTest(path=path), self.assertNumQueries(expected):
                read(self.client.get(path))
        with self.assertNumQueries(6):  # restrictions, editions, count, site, the pages, their translations
            read(self.client.get("/sitemap-en-1.xml"))

    def test_the_news_sitemap_lists_articles_of_the_last_48_hours(self):
        fresh = make_article(self.section, "Harvest festival today", published_at=days_ago(0))
        news = self.fetch(f"{ROOT}/sitemap-news.xml")
        locs = news.xpath("//s:url/s:loc/text()", namespaces=NS)
        self.assertIn(f"{ROOT}{fresh.url}", locs)
        self.assertIn(f"{ROOT}{self.article.url}", locs)  # published a day ago
        self.assertIn(f"{ROOT}{self.fa_article.url}", locs)
        self.assertNotIn(f"{ROOT}{self.old_article.url}", locs)
        entry = news.xpath(f"//s:url[s:loc='{ROOT}{fresh.url}']/news:news", namespaces=NS)[0]
        self.assertEqual(entry.findtext("news:publication/news:language", namespaces=NS), "en")
        self.assertEqual(entry.findtext("news:title", namespaces=NS), "Harvest festival today")
        self.assertTrue(entry.findtext("news:publication/news:name", namespaces=NS))

    def test_a_broken_sitemap_fails_validation(self):
        # The schemas are strict: an undeclared extension element or a bad date is rejected.
        body = read(self.client.get("/sitemap-en-1.xml")).decode()
        with self.assertRaises(xmlschema.XMLSchemaValidationError):
            URLSET_SCHEMA.validate(
                body.replace("<image:loc>", "<image:caption>x</image:caption><image:loc>", 1)
            )
        with self.assertRaises(xmlschema.XMLSchemaValidationError):
            URLSET_SCHEMA.validate(body.replace("<lastmod>", "<lastmod>yesterday", 1))

    def test_robots_txt_names_the_sitemap(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertIn(f"Sitemap: {ROOT}/sitemap.xml", response.content.decode())
        self.assertIn("Disallow: /admin/", response.content.decode())

    def test_sitemaps_join_the_dependency_map_and_the_static_output(self):
        urls = dependent_urls(self.article)
        for path in ["/sitemap.xml", "/sitemap-en-1.xml", "/sitemap-fa-1.xml", "/sitemap-news.xml"]:
            self.assertIn(path, urls)
        static = extra_static_paths()
        for path in [
            "/robots.txt",
            "/sitemap.xml",
            "/sitemap-ar-1.xml",
            "/sitemap-ar-topics.xml",
            "/sitemap-news.xml",
        ]:
            self.assertIn(path, static)
