"""An article body's embed block: a video we can play is the video page's facade (core/outside.py), which
contacts nobody before the reader plays it, and only that article frames the player's host."""

import re
import shutil
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from nashr.articles.models import ArticlePage
from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, translate
from nashr.multimedia.tests.standin import VideoHostStandIn
from nashr.publishing.static import StaticWriter

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
PEERTUBE = "https://tube.example.org/w/abcdef123456"


def embed(url, title="The evening concert", thumbnail=None):
    return ("embed", {"url": url, "title": title, "provider": "", "thumbnail": thumbnail})


def policy(response):
    """The response's Content-Security-Policy as {directive: [sources]}."""
    parts = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def loaded_addresses(html):
    """Every address the page makes the browser load by itself: src, srcset and poster attributes."""
    addresses = []
    for name, value in re.findall(r'\s(src|srcset|poster)="([^"]*)"', html):
        candidates = value.split(",") if name == "srcset" else [value]
        addresses += [candidate.split()[0] for candidate in candidates if candidate.strip()]
    return addresses


class ArticleEmbedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Articles")
        translate(cls.section, "fa", title="مقاله‌ها")
        cls.poster = ImageFactory()
        cls.video = make_article(
            cls.section,
            "Festival ends",
            body=[("paragraph", "<p>The last night.</p>"), embed(YOUTUBE, thumbnail=cls.poster)],
        )
        cls.two_hosts = make_article(cls.section, "Two films", body=[embed(YOUTUBE), embed(PEERTUBE)])
        cls.link = make_article(
            cls.section, "Festival post", body=[embed("https://social.example.org/@fest/1", "Our post")]
        )
        cls.fa_video = translate(cls.video, "fa", title="پایان جشنواره", slug="festival-fa")

    def html(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_video_embed_is_the_facade_and_names_no_outside_host_before_the_click(self):
        html = self.html(self.video)
        self.assertIn("data-video-facade", html)
        self.assertNotIn("<iframe", html)
        addresses = loaded_addresses(html)
        self.assertTrue(addresses)  # the poster and the script, from this site
        self.assertEqual([a for a in addresses if not re.match(r"^/(?!/)", a)], [])
        self.assertIn(f'href="{YOUTUBE}"', html)  # without script: a link to the video
        self.assertIn('data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"', html)
        self.assertIn('data-title="The evening concert"', html)
        self.assertIn("/static/js/media.js", html)
        self.assertIn("Play on YouTube", html)
        self.assertIn('<span class="video-facade__caption" dir="auto">The evening concert</span>', html)

    def test_the_poster_is_ours_and_lazy_in_the_body(self):
        facade = self.html(self.video).split("data-video-facade", 1)[1].split("</figure>", 1)[0]
        self.assertIn('loading="lazy"', facade)
        self.assertNotIn('fetchpriority="high"', facade)

    def test_any_other_address_stays_a_link_card_without_script(self):
        html = self.html(self.link)
        self.assertIn('class="embed-card"', html)
        self.assertIn('href="https://social.example.org/@fest/1"', html)
        self.assertNotIn("data-video-facade", html)
        self.assertNotIn("media.js", html)

    def test_only_an_article_with_a_video_may_frame_its_player(self):
        self.assertEqual(
            policy(self.client.get(self.video.url))["frame-src"], ["https://www.youtube-nocookie.com"]
        )
        self.assertEqual(
            policy(self.client.get(self.two_hosts.url))["frame-src"],
            ["https://tube.example.org", "https://www.youtube-nocookie.com"],
        )
        for url in (self.link.url, self.section.url, "/en/"):
            self.assertEqual(policy(self.client.get(url))["frame-src"], ["'none'"], url)

    def test_the_rest_of_the_policy_stays_strict(self):
        strict = policy(self.client.get(self.link.url))
        framed = policy(self.client.get(self.video.url))
        self.assertEqual(
            {k: v for k, v in framed.items() if k != "frame-src"},
            {k: v for k, v in strict.items() if k != "frame-src"},
        )

    def test_the_farsi_translation_shows_the_facade_in_its_own_direction(self):
        response = self.client.get(self.fa_video.url)
        html = response.content.decode()
        self.assertIn('dir="rtl"', html)
        self.assertIn("data-video-facade", html)
        self.assertIn("YouTube", html.split("video-facade__label", 1)[1].split("</span>", 1)[0])
        self.assertNotIn("Play on", html)
        self.assertEqual(policy(response)["frame-src"], ["https://www.youtube-nocookie.com"])


class ArticleEmbedStaticOutputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = add_section(homes["en"], "Articles")
        cls.video = make_article(section, "Festival ends", body=[embed(PEERTUBE)])
        cls.link = make_article(section, "Festival post", body=[embed("https://social.example.org/@f/1")])

    def test_an_article_with_a_video_is_left_to_the_app_but_given_to_other_outputs(self):
        out = Path(tempfile.mkdtemp(prefix="nashr-static-"))
        self.addCleanup(shutil.rmtree, out, ignore_errors=True)
        given = {}

        class Output:
            def write(self, path, files):
                given[path] = files

            def remove(self, path):
                given.pop(path, None)

            def finish(self):
                pass

        folder = out / self.video.url.strip("/")
        folder.mkdir(parents=True)
        (folder / "index.html").write_text("old")
        writer = StaticWriter(out, outputs=[Output()])
        self.assertEqual(writer.write_path(self.video.url), [])
        self.assertFalse((folder / "index.html").exists())
        self.assertIn(b"data-embed", given[self.video.url][0][1])
        self.assertTrue(writer.write_path(self.link.url))
        self.assertTrue((out / self.link.url.strip("/") / "index.html").exists())


class EmbedPosterTests(TestCase):
    """Saved in the admin, a video embed without a thumbnail gets the host's, stored as our image (as a video
    page's poster is); the reader's browser never asks the host for it."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Articles")
        cls.editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.editor)

    def add(self, slug, url, thumbnail=""):
        data = nested_form_data(
            {
                "title": slug.title(),
                "slug": slug,
                "published_at": "2026-11-20 09:00",
                "body": streamfield(
                    [("embed", {"url": url, "title": "Rehearsal", "provider": "", "thumbnail": thumbnail})]
                ),
                "article_authors": inline_formset([]),
            }
        )
        add_url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", self.section.pk])
        response = self.client.post(add_url, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return ArticlePage.objects.get(slug=slug).body[0].value

    @override_settings(NASHR_FETCH_VIDEO_POSTERS=True)
    def test_saving_a_video_embed_without_a_thumbnail_fetches_the_hosts(self):
        with VideoHostStandIn() as host:
            value = self.add("rehearsal", f"{host.origin}/w/abcdef123456")
        self.assertEqual(host.requests[1], "/thumb.png")
        self.assertEqual((value["thumbnail"].title, value["thumbnail"].width), ("Rehearsal", 320))

    @override_settings(NASHR_FETCH_VIDEO_POSTERS=True)
    def test_a_chosen_thumbnail_or_another_address_fetches_nothing(self):
        chosen = ImageFactory()
        with VideoHostStandIn() as host:
            kept = self.add("chosen", f"{host.origin}/w/abcdef123456", thumbnail=chosen.pk)
            link = self.add("link", f"{host.origin}/about")
        self.assertEqual((kept["thumbnail"], link["thumbnail"], host.requests), (chosen, None, []))

    def test_without_fetching_the_embed_saves_without_a_thumbnail(self):
        with VideoHostStandIn() as host:
            value = self.add("plain", f"{host.origin}/w/abcdef123456")
        self.assertEqual((value["thumbnail"], host.requests), (None, []))
