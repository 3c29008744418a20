import datetime as dt
import json
from unittest import mock

import feedparser
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from nashr.articles.tests.factories import make_article
from nashr.core.models import PostPage
from nashr.core.tests.factories import ImageFactory, days_ago
from nashr.feeds import writers
from nashr.feeds.items import _content, feed_entries
from nashr.feeds.sources import FORMATS
from nashr.feeds.writers import written_items
from nashr.navigation.models import Navigation
from nashr.publishing.dependencies import dependent_urls, extra_static_paths
from nashr.seo.tests.newsroom import build_newsroom

ROOT = "http://localhost"
FEED_PATHS = [
    "/en/",
    "/en/articles/",
    "/en/category/culture/",
    "/en/tag/books/",
    "/en/author/ana/",
    "/en/periodical/newsletter/",
    "/fa/",
    "/fa/category/فرهنگ/",
]


def read(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_newsroom(cls)

    def setUp(self):
        cache.clear()  # a feed's entries are kept with the edition's pages: none from another test

    def get(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        return response

    def parse(self, path):
        feed = feedparser.parse(read(self.get(path)))
        self.assertFalse(feed.bozo, f"{path}: {feed.get('bozo_exception')}")
        return feed

    def test_rss_and_atom_feeds_parse_without_bozo_and_carry_every_required_element(self):
        for base in FEED_PATHS:
            for filename, version in (("rss.xml", "rss20"), ("atom.xml", "atom10")):
                with self.subTest(feed=base + filename):
                    feed = self.parse(base + filename)
                    self.assertEqual(feed.version, version)
                    self.assertTrue(feed.feed.title)
                    self.assertTrue(feed.feed.link.startswith(ROOT))
                    self.assertEqual(feed.feed.language, base.split("/")[1])
                    self.assertTrue(feed.entries)
                    for entry in feed.entries:
                        self.assertTrue(entry.title)
                        self.assertTrue(entry.link.startswith(f"{ROOT}/"))
                        self.assertTrue(entry.id.startswith("urn:uuid:"))
                        self.assertIsNotNone(entry.published_parsed)
                        if version == "rss20":  # Atom's summary is optional; RSS needs a description
                            self.assertTrue(entry.summary)
                        self.assertTrue(entry.content[0].value)

    def test_an_article_entry_has_dates_authors_content_and_its_lead_image_as_enclosure(self):
        rss = self.parse("/en/rss.xml")
        atom = self.parse("/en/atom.xml")
        rss_entry = next(e for e in rss.entries if e.title == "Book fair opens")
        atom_entry = next(e for e in atom.entries if e.title == "Book fair opens")
        url = f"{ROOT}{self.article.url}"
        self.assertEqual(rss_entry.link, url)
        self.assertEqual(atom_entry.link, url)
        self.assertEqual(rss_entry.id, atom_entry.id)
        published = self.article.published_at.astimezone(dt.UTC)
        self.assertEqual(
            dt.datetime(*rss_entry.published_parsed[:6], tzinfo=dt.UTC), published.replace(microsecond=0)
        )
        # RFC 822 (Django's feed generator writes the zone as +0000) and RFC 3339, both in UTC
        self.assertRegex(rss_entry.published, r"^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d (GMT|\+0000)$")
        self.assertRegex(atom.entries[0].updated, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$")
        self.assertEqual(rss_entry.author, "Ana Writer")
        self.assertEqual(atom_entry.authors[0]["name"], "Ana Writer")
        self.assertEqual(atom_entry.authors[0]["href"], f"{ROOT}/en/author/ana/")
        self.assertEqual(rss_entry.summary, "The autumn book fair opens with forty stands.")
        content = rss_entry.content[0].value
        self.assertIn("Stands from <b>forty</b> publishers", content)
        self.assertIn("<blockquote>", content)
        self.assertIn('alt="Books on a table"', content)
        self.assertEqual({t.term for t in rss_entry.tags}, {"Culture", "books", "fair"})
        for entry in (rss_entry, atom_entry):
            enclosure = entry.enclosures[0]
            self.assertEqual(enclosure.href, f"{ROOT}{self.image.file.url}")
            self.assertEqual(enclosure.type, "image/jpeg")
            self.assertGreater(int(enclosure.length), 0)

    def test_json_feed_follows_version_1_1(self):
        # feedparser's released version reads RSS and Atom only: JSON Feed is checked against the spec here.
        for base in FEED_PATHS:
            with self.subTest(feed=base):
                response = self.get(base + "feed.json")
                self.assertEqual(response["Content-Type"], "application/feed+json; charset=utf-8")
                feed = json.loads(read(response))
                self.assertEqual(feed["version"], "https://jsonfeed.org/version/1.1")
                self.assertEqual(
                    feed["feed_url"],
                    f"{ROOT}{base}feed.json".replace("فرهنگ", "%D9%81%D8%B1%D9%87%D9%86%DA%AF"),
                )
                self.assertTrue(feed["title"] and feed["home_page_url"].startswith(ROOT))
                self.assertEqual(feed["language"], base.split("/")[1])
                self.assertTrue(feed["items"])
                for item in feed["items"]:
                    self.assertTrue(item["id"] and item["url"].startswith(ROOT) and item["content_html"])
                    dt.datetime.fromisoformat(item["date_published"])
                    dt.datetime.fromisoformat(item["date_modified"])
        item = next(
            i for i in json.loads(read(self.get("/en/feed.json")))["items"] if i["title"] == "Book fair opens"
        )
        self.assertEqual(item["authors"], [{"name": "Ana Writer", "url": f"{ROOT}/en/author/ana/"}])
        self.assertEqual(item["attachments"][0]["mime_type"], "image/jpeg")
        self.assertEqual(item["image"], f"{ROOT}{self.image.file.url}")

    def test_a_category_and_a_tag_of_the_same_name_are_one_term_in_every_format(self):
        make_article(
            self.section,
            "Culture week",
            published_at=days_ago(0),
            categories=[self.category],
            tags=["culture", " CULTURE", "week", "Week"],
        )
        rss = next(e for e in self.parse("/en/rss.xml").entries if e.title == "Culture week")
        atom = next(e for e in self.parse("/en/atom.xml").entries if e.title == "Culture week")
        self.assertEqual([t.term for t in rss.tags], ["Culture", "week"])
        self.assertEqual([t.term for t in atom.tags], ["Culture", "week"])
        body = read(self.get("/en/rss.xml")).decode()
        self.assertEqual(body.count("<category>Culture</category>"), 2)  # this entry and "Book fair opens"
        self.assertNotIn("<category>culture</category>", body)
        item = next(
            i for i in json.loads(read(self.get("/en/feed.json")))["items"] if i["title"] == "Culture week"
        )
        self.assertEqual(item["tags"], ["Culture", "week"])

    def test_entries_keep_their_id_when_a_post_is_renamed(self):
        before = next(e.id for e in self.parse("/en/atom.xml").entries if e.title == "Book fair opens")
        self.article.title, self.article.slug = "Book fair opened", "book-fair-opened"
        with self.captureOnCommitCallbacks(execute=True):  # the edition is renewed when the publish commits
            self.article.save_revision().publish()
        after = next(e.id for e in self.parse("/en/atom.xml").entries if e.title == "Book fair opened")
        self.assertEqual(before, after)
        fa_id = next(e.id for e in self.parse("/fa/atom.xml").entries if e.title == self.fa_article.title)
        self.assertNotEqual(fa_id, after)

    def test_drafts_private_pages_and_unpublished_editions_never_appear(self):
        for base in ["/en/", "/en/articles/"]:
            for filename in ("rss.xml", "atom.xml", "feed.json"):
                body = read(self.get(base + filename)).decode()
                self.assertNotIn("Unfinished draft", body)
                self.assertNotIn("Members only", body)
        self.assertEqual(self.client.get("/en/members/rss.xml").status_code, 404)
        for path in ["/sq/rss.xml", "/sq/atom.xml", "/sq/feed.json", "/sq/articles/rss.xml"]:
            self.assertEqual(self.client.get(path).status_code, 404, path)

    def test_a_post_made_private_leaves_every_feed_that_listed_it(self):
        feeds = ["/en/rss.xml", "/en/articles/feed.json", "/en/tag/books/atom.xml", "/en/author/ana/rss.xml"]
        for path in feeds:
            self.assertIn("forty stands", read(self.get(path)).decode(), path)
        with self.captureOnCommitCallbacks(execute=True):  # the edition is renewed when the save commits
            PageViewRestriction.objects.create(page=self.article, restriction_type="password", password="x")
        for path in feeds:
            self.assertNotIn("forty stands", read(self.get(path)).decode(), path)

    def test_unknown_feeds_are_not_found(self):
        for path in [
            "/en/category/none/rss.xml",
            "/en/author/none/atom.xml",
            "/en/periodical/gazette/rss.xml",
            "/en/nowhere/feed.json",
            "/fa/category/culture/rss.xml",  # the English slug in the Farsi edition
        ]:
            self.assertEqual(self.client.get(path).status_code, 404, path)

    def test_feed_queries_do_not_grow_with_the_number_of_entries(self):
        def count(path):
            cache.clear()  # the entries built, not read from the edition's kept ones
            with CaptureQueriesContext(connection) as queries:
                read(self.get(path))
            return len(queries)

        before = {
            path: count(path) for path in ("/en/rss.xml", "/en/articles/atom.xml", "/en/author/ana/feed.json")
        }
        for n in range(12):
            make_article(
                self.section,
                f"More news {n}",
                published_at=days_ago(2),
                authors=[self.author],
                categories=[self.category],
                tags=[f"tag{n}"],
                lead_image=ImageFactory(),
                body=[("paragraph", f"<p>Text {n}</p>")],
            )
        for path, expected in before.items():
            cache.clear()
            with self.subTest(path=path), self.assertNumQueries(expected):
                read(self.get(path))
        cache.clear()
        with self.assertNumQueries(14):  # see feeds.items.feed_entries for what each query fetches
            read(self.get("/en/rss.xml"))

    def test_pages_announce_their_feeds(self):
        html = self.get(self.article.url).content.decode()
        self.assertIn(
            '<link rel="alternate" type="application/rss+xml" title="Nashr (RSS)" href="/en/rss.xml">', html
        )
        self.assertIn('type="application/atom+xml"', html)
        self.assertIn('href="/en/category/culture/feed.json"', html)
        self.assertIn('href="/en/tag/books/rss.xml"', self.get("/en/tag/books/").content.decode())
        self.assertIn('href="/en/articles/atom.xml"', self.get(self.section.url).content.decode())
        self.assertIn('href="/en/periodical/newsletter/rss.xml"', self.get(self.issue.url).content.decode())

    def test_feeds_join_the_dependency_map_and_the_static_output(self):
        urls = dependent_urls(self.article)
        for path in [
            "/en/rss.xml",
            "/en/articles/atom.xml",
            "/en/category/culture/feed.json",
            "/en/tag/books/rss.xml",
            "/en/author/leo/rss.xml",
        ]:
            self.assertIn(path, urls)
        self.assertIn("/en/periodical/newsletter/rss.xml", dependent_urls(self.issue))
        static = extra_static_paths()
        for path in [
            "/en/rss.xml",
            "/fa/atom.xml",
            "/en/author/ana/feed.json",
            "/en/tag/fair/rss.xml",
            "/en/articles/rss.xml",
        ]:
            self.assertIn(path, static)
        self.assertFalse([p for p in static if p.startswith("/sq/")])
        for path in static:
            self.assertEqual(self.client.get(path).status_code, 200, path)


class FeedFormatsTests(TestCase):
    """A feed's three formats carry the same entries, built once while the edition is unchanged."""

    @classmethod
    def setUpTestData(cls):
        build_newsroom(cls)

    def setUp(self):
        cache.clear()

    def test_the_three_formats_build_their_entries_once_until_the_edition_changes(self):
        with mock.patch("nashr.feeds.views.feed_entries", wraps=feed_entries) as built:
            bodies = [read(self.client.get(f"/en/articles/{name}")) for name in FORMATS]
            self.assertEqual(built.call_count, 1)
            self.assertTrue(all(b"Book fair opens" in body for body in bodies))
            read(self.client.get("/fa/articles/rss.xml"))  # another edition's feed: its own entries
            self.assertEqual(built.call_count, 2)
            with self.captureOnCommitCallbacks(
                execute=True
            ):  # the edition is renewed when the publish commits
                make_article(self.section, "Harbour reopens", published_at=days_ago(0))
            for name in FORMATS:
                self.assertIn(b"Harbour reopens", read(self.client.get(f"/en/articles/{name}")), name)
            self.assertEqual(built.call_count, 3)

    def test_a_post_is_written_once_for_every_feed_that_lists_it_until_the_edition_changes(self):
        feeds = ["/en/rss.xml", "/en/articles/rss.xml", "/en/tag/books/rss.xml", "/en/author/ana/rss.xml"]
        with mock.patch("nashr.feeds.items._content", wraps=_content) as written:
            for path in feeds:
                self.assertIn(b"forty stands", read(self.client.get(path)), path)
            # The edition's feed and the section's list both posts; the tag's and the author's none new.
            self.assertEqual(sorted(call.args[0].title for call in written.call_args_list), self.titles())
            written.reset_mock()
            with self.captureOnCommitCallbacks(execute=True):  # a correction renews the edition on commit
                self.article.summary = "The autumn book fair opens with fifty stands."
                self.article.save_revision().publish()
            for path in feeds:
                body = read(self.client.get(path))
                self.assertIn(b"fifty stands", body, path)
                self.assertNotIn(b"forty stands", body, path)
            self.assertEqual(sorted(call.args[0].title for call in written.call_args_list), self.titles())

    def test_each_posts_items_are_written_once_and_feeds_read_as_if_written_whole(self):
        feeds = ["/en/", "/en/articles/", "/en/tag/books/", "/en/author/ana/", "/fa/"]
        with (
            mock.patch("nashr.feeds.items.written_items", wraps=written_items) as written,
            mock.patch("nashr.feeds.writers._item_fields", wraps=writers._item_fields) as items,
        ):
            bodies = {base + name: read(self.client.get(base + name)) for base in feeds for name in FORMATS}
        # One call a post of each edition (English and Farsi), for RSS and Atom in all its feeds.
        posts = [call.args[0].title for call in written.call_args_list]
        self.assertEqual(len(posts), len(set(posts)))
        self.assertEqual(sorted(posts), sorted(self.titles() + self.titles("fa")))
        self.assertEqual(items.call_count, 2 * len(posts))  # its RSS item and Atom entry, nothing per feed
        # The same documents as Django's generator writes with the items in it (an entry kept by older code
        # has no written items: its feeds are written whole).
        cache.clear()
        with mock.patch("nashr.feeds.items.written_items", return_value=None):
            for path, body in bodies.items():
                self.assertEqual(read(self.client.get(path)), body, path)
        self.assertIn(b"<item><title>Book fair opens</title>", bodies["/en/rss.xml"])
        self.assertIn(b"<entry><title>Book fair opens</title>", bodies["/en/atom.xml"])

    def test_a_renamed_publication_titles_its_feeds_at_once(self):
        self.assertIn(b"<title>Nashr", read(self.client.get("/en/tag/books/rss.xml")))
        with self.captureOnCommitCallbacks(execute=True):  # the edition is renewed when the save commits
            Navigation.objects.update_or_create(
                locale=self.section.locale, defaults={"site_name": "Harbour Times", "tagline": "Daily"}
            )
        for name in FORMATS:
            body = read(self.client.get(f"/en/tag/books/{name}"))
            self.assertIn(b"Harbour Times", body, name)
            self.assertNotIn(b"Nashr", body.split(b"Harbour Times")[0], name)

    def titles(self, language="en"):
        pages = PostPage.objects.live().public().filter(locale__language_code=language)
        return sorted(p.title for p in pages)
