"""The message itself: mirror links from the `nashr_mirror_urls` hook, lengths as Telegram counts them, and
article pages that Telegram's Instant View can read."""

import re

from django.test import TestCase
from wagtail import hooks

from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article

from ..message import CAPTION_LIMIT, MIRROR_URLS_HOOK, compose, shorten, visible_length
from ..standin import parse_html
from .helpers import build_site


class MessageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.sections, cls.channels = build_site()

    def test_mirror_addresses_from_the_hook_are_linked_after_the_primary_one(self):
        page = make_article(self.sections["en"], "Town hall")

        def mirrors(p):
            return [f"https://mirror-one.example.net{p.url}", f"https://mirror-two.example.org{p.url}", ""]

        with hooks.register_temporarily(MIRROR_URLS_HOOK, mirrors):
            message = compose(page, "en")
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', message.text)
        self.assertEqual(
            links,
            [
                (page.get_full_url(), "Read on the site"),
                (f"https://mirror-one.example.net{page.url}", "Mirror"),
                (f"https://mirror-two.example.org{page.url}", "Mirror"),
            ],
        )

    def test_without_the_hook_only_the_primary_address_is_linked(self):
        message = compose(make_article(self.sections["en"], "Park"), "en")
        self.assertEqual(len(re.findall("<a ", message.text)), 1)

    def test_a_long_persian_summary_is_cut_at_a_word_within_the_caption_limit(self):
        from nashr.core.tests.factories import ImageFactory

        words = "خبرنگاران ما از بازار کتاب گزارش می‌دهند و ناشران تازه را معرفی می‌کنند " * 40
        page = make_article(self.sections["fa"], "نمایشگاه 😀 کتاب", summary=words, lead_image=ImageFactory())
        message = compose(page, "fa")
        visible = parse_html(message.text)
        self.assertLessEqual(visible_length(visible), CAPTION_LIMIT)
        self.assertGreater(visible_length(visible), CAPTION_LIMIT - 40)
        summary = visible.split("\n\n")[1]
        self.assertTrue(summary.endswith("…"))
        self.assertIn(summary[1:-1].split(" ")[-1], words.split(" "))  # a whole word before the ellipsis

    def test_shorten_counts_characters_outside_the_basic_plane_twice(self):
        self.assertEqual(shorten("😀😀 😀😀", 5), "😀😀…")
        self.assertEqual(shorten("short", 5), "short")
        self.assertEqual(shorten("anything", 1), "")


class InstantViewTests(TestCase):
    """Instant View reads an `article` element with the title, and Open Graph and `article:` metadata."""

    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.sections, cls.channels = build_site()
        cls.page = make_article(
            cls.sections["en"],
            "Lighthouse restored",
            summary="Volunteers repainted it.",
            categories=[CategoryFactory(name="Heritage", slug="heritage")],
            tags=["coast"],
            authors=[PersonFactory(name="Mina Arad", slug="mina")],
            body=[("paragraph", "<p>The lamp shines again.</p>")],
        )

    def test_the_article_page_carries_what_instant_view_reads(self):
        html = self.client.get(self.page.url).content.decode()
        article = re.search(r"<article\b.*?</article>", html, re.S)
        self.assertIsNotNone(article)
        self.assertRegex(article.group(0), r"<h1[^>]*>\s*Lighthouse restored\s*</h1>")
        self.assertIn("The lamp shines again.", article.group(0))
        properties = ["og:title", "og:description", "og:url", "article:published_time"]
        properties += ["article:modified_time", "article:author", "article:section", "article:tag"]
        for prop in properties:
            self.assertRegex(html, rf'<meta property="{prop}" content="[^"]+">', prop)
        self.assertIn('<meta property="og:type" content="article">', html)
        self.assertIn('<meta property="article:section" content="Heritage">', html)
        self.assertNotRegex(html, r"<iframe|<script[^>]+src=")  # nothing Instant View would have to run
