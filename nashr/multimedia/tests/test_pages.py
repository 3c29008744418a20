import re

from django.core.files.base import ContentFile
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model

from nashr.core.tests.factories import ImageFactory, add_page, add_section, build_editions
from nashr.multimedia.models import GalleryImage, GalleryPage, VideoPage


def policy(response):
    """The response's Content-Security-Policy as {directive: [sources]}."""
    parts = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: sources for name, *sources in parts}


class VideoPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Videos")
        cls.poster = ImageFactory()
        cls.youtube = add_page(
            cls.section,
            VideoPage(
                title="First snow",
                slug="first-snow",
                lead_image=cls.poster,
                external_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            ),
        )
        cls.peertube = add_page(
            cls.section,
            VideoPage(title="Choir", slug="choir", external_url="https://tube.example.org/w/abcdef123456"),
        )
        documents = get_document_model().objects
        cls.file = documents.create(
            title="Clip", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="clip.mp4")
        )
        cls.captions = documents.create(title="Captions", file=ContentFile(b"WEBVTT\n", name="clip.vtt"))
        cls.own = add_page(
            cls.section,
            VideoPage(
                title="Our clip",
                slug="our-clip",
                lead_image=cls.poster,
                video_file=cls.file,
                captions=cls.captions,
                external_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            ),
        )

    def test_an_outside_video_is_a_facade_that_loads_nothing_from_its_host(self):
        response = self.client.get(self.youtube.url)
        html = response.content.decode()
        self.assertNotIn("<iframe", html)
        # The host is named only in the link a reader may follow and the player address kept for the script.
        sources = re.findall(r'(?:src|srcset|poster)="([^"]*)"', html)
        self.assertFalse([s for s in sources if "youtube" in s], sources)
        self.assertIn('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"', html)
        self.assertIn('data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"', html)
        self.assertIn("/static/js/media.js", html)

    def test_only_a_page_with_an_outside_video_may_frame_that_host(self):
        self.assertEqual(
            policy(self.client.get(self.youtube.url))["frame-src"], ["https://www.youtube-nocookie.com"]
        )
        self.assertEqual(
            policy(self.client.get(self.peertube.url))["frame-src"], ["https://tube.example.org"]
        )
        for url in (self.own.url, self.section.url, "/en/"):
            response = self.client.get(url)
            self.assertEqual(policy(response)["frame-src"], ["'none'"], url)
            self.assertNotIn("youtube-nocookie", response["Content-Security-Policy"], url)

    def test_the_rest_of_the_policy_stays_strict(self):
        strict = policy(self.client.get("/en/"))
        framed = policy(self.client.get(self.youtube.url))
        self.assertEqual(
            {k: v for k, v in framed.items() if k != "frame-src"},
            {k: v for k, v in strict.items() if k != "frame-src"},
        )

    def test_a_video_without_a_poster_shows_a_placeholder(self):
        html = self.client.get(self.peertube.url).content.decode()
        self.assertIn("video-facade__frame", html)
        self.assertIn('href="https://tube.example.org/w/abcdef123456"', html)
        self.assertNotIn("<img", html.split("video-facade__frame", 1)[1].split("</figure>", 1)[0])

    def test_our_own_file_plays_natively_with_poster_size_and_captions(self):
        html = self.client.get(self.own.url).content.decode()
        video = re.search(r"<video[^>]*>", html).group(0)
        for attribute in ("controls", 'preload="none"', 'poster="', 'width="', 'height="'):
            self.assertIn(attribute, video)
        self.assertIn(f'<track kind="captions" src="{self.captions.url}" srclang="en"', html)
        self.assertNotIn("data-embed", html)
        self.assertIn("Watch on the video platform", html)


class GalleryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = add_section(homes["en"], "Galleries")
        cls.images = [ImageFactory() for _ in range(3)]
        gallery = GalleryPage(title="Harbour", slug="harbour", lead_image=cls.images[0])
        gallery.gallery_images = [
            GalleryImage(image=image, caption=f"Pier {n}", sort_order=n)
            for n, image in enumerate(cls.images, 1)
        ]
        cls.gallery = add_page(section, gallery)

    def test_each_picture_has_its_own_page_with_previous_and_next(self):
        first = self.client.get(f"{self.gallery.url}1/")
        self.assertEqual(first.status_code, 200)
        self.assertContains(first, "Picture 1 of 3")
        self.assertContains(first, "Pier 1")
        self.assertContains(first, f'rel="next" href="{self.gallery.url}2/"')
        self.assertNotContains(first, 'rel="prev"')
        middle = self.client.get(f"{self.gallery.url}2/")
        self.assertContains(middle, f'rel="prev" href="{self.gallery.url}1/"')
        self.assertContains(middle, f'rel="next" href="{self.gallery.url}3/"')
        last = self.client.get(f"{self.gallery.url}3/")
        self.assertNotContains(last, 'rel="next"')
        self.assertContains(last, f'href="{self.gallery.url}">All pictures')

    def test_addresses_past_the_pictures_or_not_numbers_are_not_found(self):
        for tail in ("0/", "4/", "99999999999999999999/", "abc/", "-1/", "1.5/", "%D9%A1/"):
            response = self.client.get(f"{self.gallery.url}{tail}")
            self.assertEqual(response.status_code, 404, tail)

    @override_settings(NASHR_FRAGMENTS=False)
    def test_the_pictures_of_the_gallery_read_their_renditions_in_one_query(self):
        """One query for the gallery's pictures, one for its lead image's (the link preview's picture)."""
        self.client.get(self.gallery.url)  # the renditions are made
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.gallery.url)
        self.assertContains(response, "<picture>", count=3)
        renditions = [q["sql"] for q in queries if "images_nashrrendition" in q["sql"]]
        self.assertEqual(len(renditions), 2, renditions)
        self.assertEqual(sum("width-1600" in sql for sql in renditions), 1, renditions)

    def test_the_gallery_links_each_picture_to_its_page(self):
        response = self.client.get(self.gallery.url)
        for n in (1, 2, 3):
            self.assertContains(response, f'href="{self.gallery.url}{n}/"')
        self.assertContains(response, '<dialog class="lightbox"')
        self.assertContains(response, "data-large=")
        self.assertContains(response, "Picture 2 of 3")
