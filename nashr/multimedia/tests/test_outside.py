from django.core.files.base import ContentFile
from django.test import SimpleTestCase, TestCase, override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from nashr.core.outside import OutsideVideo, PosterError, fetch_poster
from nashr.core.tests.factories import ImageFactory, add_section, build_editions
from nashr.multimedia.forms import VideoPageForm
from nashr.multimedia.models import VideoPage

from .standin import VideoHostStandIn


class ParseTests(SimpleTestCase):
    def test_youtube_addresses_play_from_the_no_cookie_host(self):
        for url in (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
            "https://youtu.be/dQw4w9WgXcQ",
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
        ):
            video = OutsideVideo.parse(url)
            self.assertEqual(video.provider, "youtube", url)
            self.assertEqual(video.embed_url, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")
            self.assertEqual(video.frame_origin, "https://www.youtube-nocookie.com")
            self.assertEqual(video.watch_url, "https://www.youtube.com/watch?v=dQw4w9WgXcQ")

    def test_vimeo_plays_without_tracking(self):
        video = OutsideVideo.parse("https://vimeo.com/76979871")
        self.assertEqual(video.embed_url, "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1")
        self.assertEqual(video.frame_origin, "https://player.vimeo.com")

    def test_peertube_plays_from_its_own_instance(self):
        for url in (
            "https://tube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
            "https://tube.example.org/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d",
            "https://TUBE.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d/",
        ):
            video = OutsideVideo.parse(url)
            self.assertEqual(video.provider, "peertube", url)
            self.assertEqual(video.frame_origin, "https://tube.example.org")
            self.assertTrue(video.embed_url.startswith("https://tube.example.org/videos/embed/9c9de5e8-"))
            self.assertEqual(video.oembed_url.split("?")[0], "https://tube.example.org/services/oembed")

    def test_anything_else_is_no_outside_video(self):
        for url in (
            "",
            None,
            "https://video.example.org/watch/first-snow",
            "https://www.youtube.com/watch?v=<script>",
            "https://www.youtube.com/channel/abcdefgh",
            "javascript:alert(1)",
            "ftp://tube.example.org/w/9c9de5e8",
            "https://vimeo.com/channels/staffpicks",
            "http://[::1",
        ):
            self.assertIsNone(OutsideVideo.parse(url), url)


class PosterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Videos")

    def test_the_server_stores_the_hosts_thumbnail_as_our_image(self):
        with VideoHostStandIn() as host:
            video = OutsideVideo.parse(f"{host.origin}/w/abcdef123456")
            image = fetch_poster(video, "Rehearsal")
        self.assertEqual(host.requests[1], "/thumb.png")
        self.assertTrue(host.requests[0].startswith("/services/oembed?url="))
        self.assertEqual((image.title, image.width, image.height), ("Rehearsal", 320, 180))

    def test_a_host_that_sends_no_picture_gives_a_poster_error(self):
        for host in (
            VideoHostStandIn(thumbnail=b"<html>not a picture</html>"),
            VideoHostStandIn(oembed_status=404),
        ):
            with host, self.assertRaises(PosterError):
                fetch_poster(OutsideVideo.parse(f"{host.origin}/w/abcdef123456"), "Rehearsal")
        self.assertFalse(get_image_model().objects.exists())

    def form(self, instance, **data):
        form_class = VideoPage.get_edit_handler().get_form_class()
        fields = {"title": instance.title, "slug": instance.slug, "published_at": "2026-11-01 10:00"}
        return form_class(data={**fields, **data}, instance=instance, parent_page=self.section)

    @override_settings(NASHR_FETCH_VIDEO_POSTERS=True)
    def test_saving_an_outside_video_without_a_poster_fetches_one(self):
        with VideoHostStandIn() as host:
            page = VideoPage(title="Snow", slug="snow")
            form = self.form(page, external_url=f"{host.origin}/w/abcdef123456")
            self.assertTrue(form.is_valid(), form.errors)
            page = form.save(commit=False)
            self.section.add_child(instance=page)
        self.assertIsNotNone(page.lead_image)
        self.assertEqual(page.lead_image.width, 320)

    @override_settings(NASHR_FETCH_VIDEO_POSTERS=True)
    def test_a_chosen_poster_is_kept_and_nothing_is_fetched(self):
        poster = ImageFactory()
        with VideoHostStandIn() as host:
            page = VideoPage(title="Snow", slug="snow")
            form = self.form(page, external_url=f"{host.origin}/w/abcdef123456", lead_image=poster.pk)
            self.assertTrue(form.is_valid(), form.errors)
            page = form.save(commit=False)
        self.assertEqual((page.lead_image, host.requests), (poster, []))

    def test_without_fetching_the_page_saves_without_a_poster(self):
        with VideoHostStandIn() as host:
            form = self.form(
                VideoPage(title="Snow", slug="snow"), external_url=f"{host.origin}/w/abcdef123456"
            )
            self.assertTrue(form.is_valid(), form.errors)
            page = form.save(commit=False)
        self.assertEqual((page.lead_image, host.requests), (None, []))

    def test_captions_must_be_webvtt(self):
        documents = get_document_model().objects
        text = documents.create(title="Notes", file=ContentFile(b"hello", name="notes.txt"))
        vtt = documents.create(title="Captions", file=ContentFile(b"WEBVTT\n", name="snow.vtt"))
        form = self.form(VideoPage(title="Snow", slug="snow"), captions=text.pk)
        self.assertFalse(form.is_valid())
        self.assertIn("captions", form.errors)
        self.assertTrue(self.form(VideoPage(title="Snow", slug="snow"), captions=vtt.pk).is_valid())
        self.assertTrue(issubclass(VideoPage.get_edit_handler().get_form_class(), VideoPageForm))
