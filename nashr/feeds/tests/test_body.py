"""A feed entry's body is the page's body: the same components render both, in their variant for feed
readers (absolute addresses, plain pictures), so a change to a block's template reaches the feeds too."""

import json
from urllib.parse import urljoin

import feedparser
import lxml.html
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from nashr.articles.models import ArticlePage
from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import ImageFactory, days_ago
from nashr.multimedia.models import VideoPage
from nashr.seo.tests.newsroom import build_newsroom

from .test_feeds import ROOT, read

POST_BODY = "//div[contains(concat(' ', normalize-space(@class), ' '), ' post__body ')]"


def every_block(other_page, picture, thumbnail, gallery):
    """(block type, value) of a body with one block of each type."""
    return [
        (
            "paragraph",
            f'<p>Read <a linktype="page" id="{other_page.pk}">the spring story</a> and '
            '<a href="https://example.org/fair">the fair\'s site</a>.</p>',
        ),
        ("image", {"image": picture, "caption": "A stand", "alt_text": "Books on a table"}),
        ("quote", {"text": "Reading is\na conversation.", "attribution": "A visitor"}),
        (
            "embed",
            {
                "url": "https://video.example.org/w/fair",
                "title": "The fair in pictures",
                "provider": "PeerTube",
                "thumbnail": thumbnail,
            },
        ),
        (
            "gallery",
            {
                "images": [
                    {"image": gallery[0], "caption": "Hall A", "alt_text": ""},
                    {"image": gallery[1], "caption": "", "alt_text": "Readers queueing"},
                ]
            },
        ),
    ]


def words(element):
    return " ".join(element.text_content().split())


def links(element):
    return [urljoin(ROOT + "/", a.get("href")) for a in element.iter("a")]


def alts(element):
    return [img.get("alt") for img in element.iter("img")]


class FeedBodyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_newsroom(cls)
        cls.picture = ImageFactory(title="Stand", credit="Photo: Rana")
        cls.thumbnail = ImageFactory(title="Fair video")
        cls.gallery = [
            ImageFactory(title="Hall"),
            ImageFactory(title="Queue", default_caption="The main hall"),
        ]
        cls.blocks = every_block(cls.old_article, cls.picture, cls.thumbnail, cls.gallery)
        # One article per block type (no lead picture), so that an entry's content is that block alone.
        cls.one_block = {
            kind: make_article(cls.section, f"Only {kind}", published_at=days_ago(0), body=[(kind, value)])
            for kind, value in cls.blocks
        }
        cls.every = make_article(cls.section, "Every block", published_at=days_ago(0), body=cls.blocks)

    def setUp(self):
        cache.clear()  # a feed's entries are kept with the edition's pages: none from another test

    def entry_content(self, path, title):
        items = json.loads(read(self.client.get(path)))["items"]
        return next(item["content_html"] for item in items if item["title"] == title)

    def page_body(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return lxml.html.fromstring(response.content).xpath(POST_BODY)[0]

    def test_every_block_type_is_covered_here(self):
        stream_block = ArticlePage._meta.get_field("body").stream_block
        self.assertEqual(set(stream_block.child_blocks), {kind for kind, _ in self.blocks})

    def test_each_block_reads_the_same_in_the_feed_as_on_the_page(self):
        for kind, page in self.one_block.items():
            with self.subTest(block=kind):
                on_page = self.page_body(page)
                in_feed = lxml.html.fragment_fromstring(
                    self.entry_content("/en/feed.json", page.title), create_parent="div"
                )
                self.assertTrue(words(on_page))
                self.assertEqual(words(in_feed), words(on_page))
                self.assertEqual(links(in_feed), links(on_page))
                self.assertEqual(alts(in_feed), alts(on_page))

    def test_a_body_with_every_block_reads_the_same_in_every_format(self):
        on_page = words(self.page_body(self.every))
        for text in ("the spring story", "Photo: Rana", "The main hall", "Watch on PeerTube", "— A visitor"):
            self.assertIn(text, on_page)
        contents = [
            self.entry_content(path, "Every block") for path in ("/en/feed.json", "/en/articles/feed.json")
        ]
        for path in ("/en/rss.xml", "/en/atom.xml", "/en/articles/rss.xml"):
            entries = feedparser.parse(read(self.client.get(path))).entries
            contents.append(next(e.content[0].value for e in entries if e.title == "Every block"))
        for content in contents:
            self.assertEqual(words(lxml.html.fragment_fromstring(content, create_parent="div")), on_page)

    def test_links_and_pictures_are_absolute_and_plain(self):
        content = self.entry_content("/en/feed.json", "Every block")
        element = lxml.html.fragment_fromstring(content, create_parent="div")
        hrefs = [a.get("href") for a in element.iter("a")]
        self.assertIn(f"{ROOT}{self.old_article.url}", hrefs)
        self.assertIn("https://example.org/fair", hrefs)
        self.assertIn("https://video.example.org/w/fair", hrefs)
        self.assertTrue(all(h.startswith(("http://", "https://")) for h in hrefs), hrefs)
        srcs = [img.get("src") for img in element.iter("img")]
        expected = [self.picture, self.thumbnail, *self.gallery]
        self.assertEqual(srcs, [f"{ROOT}{image.file.url}" for image in expected])
        for img in element.iter("img"):
            self.assertTrue(img.get("width") and img.get("height"))
        for markup in (
            "<picture",
            "srcset",
            "<source",
            "<script",
            "<button",
            "loading=",
            "class=",
            "linktype",
        ):
            self.assertNotIn(markup, content)

    def test_pictures_carry_the_texts_of_the_feeds_edition(self):
        image = ImageFactory(
            title="Harbour",
            language="en",
            description="Boats in the harbour",
            default_caption="The harbour at dawn",
            credit="Photo: Sam",
        )
        image.set_text("fa", alt="قایق‌ها در بندر", caption="بندر در سپیده‌دم", credit="عکس: سام")
        image.save()
        body = [("image", {"image": image, "caption": "", "alt_text": ""})]
        make_article(self.section, "Harbour", published_at=days_ago(0), body=body, lead_image=image)
        make_article(self.fa_section, "بندر", published_at=days_ago(0), body=body, lead_image=image)
        fa = self.entry_content("/fa/feed.json", "بندر")
        en = self.entry_content("/en/feed.json", "Harbour")
        self.assertEqual(fa.count('alt="قایق‌ها در بندر"'), 2)  # the lead picture and the body's
        self.assertEqual(fa.count("بندر در سپیده‌دم"), 2)
        self.assertIn("عکس: سام", fa)
        for english in ("Boats in the harbour", "The harbour at dawn", "Photo: Sam"):
            self.assertNotIn(english, fa)
        self.assertEqual(en.count('alt="Boats in the harbour"'), 2)
        self.assertIn("Photo: Sam", en)
        self.assertNotIn("بندر", en)

    def test_queries_do_not_grow_with_bodies_full_of_pictures(self):
        def count():
            cache.clear()  # the entries built, not read from the edition's kept ones
            with CaptureQueriesContext(connection) as queries:
                read(self.client.get("/en/rss.xml"))
            return len(queries)

        before = count()
        for n in range(6):
            make_article(
                self.section,
                f"More pictures {n}",
                published_at=days_ago(0),
                body=every_block(self.old_article, ImageFactory(), ImageFactory(), [ImageFactory()] * 2),
            )
        self.assertEqual(count(), before)

    def test_a_video_hosted_elsewhere_is_its_poster_and_a_link(self):
        poster = ImageFactory(title="Snow poster")
        video = VideoPage(
            title="Snow on the pass",
            slug="snow",
            external_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            lead_image=poster,
            transcript="Snow <fell> on the pass.",
            published_at=days_ago(0),
        )
        self.section.add_child(instance=video)
        video.save_revision().publish()
        content = self.entry_content("/en/feed.json", "Snow on the pass")
        element = lxml.html.fragment_fromstring(content, create_parent="div")
        self.assertEqual([img.get("src") for img in element.iter("img")], [f"{ROOT}{poster.file.url}"])
        self.assertEqual(
            [a.get("href") for a in element.iter("a")], ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]
        )
        self.assertIn("Play on YouTube", words(element))
        self.assertIn("Snow &lt;fell&gt; on the pass.", content)
        for markup in ("<svg", "data-embed", "<script", "<button", "<iframe", "youtube-nocookie"):
            self.assertNotIn(markup, content)

    def test_a_video_embedded_in_a_text_keeps_its_poster_and_title_above_the_link(self):
        poster = ImageFactory(title="Harbour poster")
        value = {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "The harbour at dawn",
            "provider": "YouTube",
            "thumbnail": poster,
        }
        page = make_article(self.section, "Harbour video", published_at=days_ago(0), body=[("embed", value)])
        self.assertIn("data-embed", str(self.client.get(page.url).content))  # the page plays it in place
        content = self.entry_content("/en/feed.json", "Harbour video")
        element = lxml.html.fragment_fromstring(content, create_parent="div")
        self.assertEqual([img.get("src") for img in element.iter("img")], [f"{ROOT}{poster.file.url}"])
        self.assertEqual(
            [a.get("href") for a in element.iter("a")], ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]
        )
        self.assertEqual(words(element), "The harbour at dawn Play on YouTube")
        for markup in ("<svg", "data-embed", "<script", "<iframe", "youtube-nocookie"):
            self.assertNotIn(markup, content)
