import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from nashr.core.tests.factories import ImageFactory, add_page, add_section, build_editions, publish
from nashr.multimedia.models import GalleryImage, GalleryPage, VideoPage
from nashr.publishing.dependencies import dependent_urls
from nashr.publishing.static import StaticWriter


class Recorder:
    """Another output of the static task (as a mirror is): records what it is given."""

    def __init__(self):
        self.written = {}

    def write(self, path, files):
        self.written[path] = files

    def remove(self, path):
        self.written.pop(path, None)

    def finish(self):
        pass


class GalleryStaticOutputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = add_section(homes["en"], "Media")
        images = [ImageFactory() for _ in range(3)]
        gallery = GalleryPage(title="Harbour", slug="harbour", lead_image=images[0])
        gallery.gallery_images = [
            GalleryImage(image=image, caption=f"Pier {n}") for n, image in enumerate(images, 1)
        ]
        cls.gallery = add_page(section, gallery)
        cls.video = add_page(
            section,
            VideoPage(title="Snow", slug="snow", external_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        )

    def setUp(self):
        self.out = Path(tempfile.mkdtemp(prefix="nashr-static-"))
        self.addCleanup(shutil.rmtree, self.out, ignore_errors=True)

    def test_the_static_output_writes_every_picture_page(self):
        call_command("publish_static", str(self.out), stdout=StringIO())
        for n in (1, 2, 3):
            body = (self.out / f"en/media/harbour/{n}/index.html").read_text()
            self.assertIn(f"Pier {n}", body)
            self.assertTrue((self.out / f"en/media/harbour/{n}/index.html.br").exists())
        self.assertFalse((self.out / "en/media/harbour/4").exists())

    def test_picture_pages_are_rewritten_with_their_gallery_and_removed_when_taken_out(self):
        self.assertEqual(dependent_urls(self.gallery)[:4], [self.gallery.url, *self.gallery.picture_urls()])
        call_command("publish_static", str(self.out), stdout=StringIO())
        with override_settings(NASHR_STATIC_DIR=str(self.out)), self.captureOnCommitCallbacks(execute=True):
            gallery = GalleryPage.objects.get(pk=self.gallery.pk)
            items = list(gallery.gallery_images.all())
            gallery.gallery_images = [items[1]]
            items[1].caption = "The lighthouse"
            publish(gallery)
        self.assertIn("The lighthouse", (self.out / "en/media/harbour/1/index.html").read_text())
        self.assertFalse((self.out / "en/media/harbour/2/index.html").exists())
        self.assertFalse((self.out / "en/media/harbour/3/index.html").exists())

    def test_unpublishing_a_gallery_removes_its_picture_pages(self):
        call_command("publish_static", str(self.out), stdout=StringIO())
        with override_settings(NASHR_STATIC_DIR=str(self.out)), self.captureOnCommitCallbacks(execute=True):
            self.gallery.unpublish()
        self.assertFalse((self.out / "en/media/harbour/index.html").exists())
        for n in (1, 2, 3):
            self.assertFalse((self.out / f"en/media/harbour/{n}/index.html").exists(), n)

    def test_a_page_with_its_own_policy_is_left_to_the_app_but_given_to_other_outputs(self):
        (self.out / "en/media/snow").mkdir(parents=True)
        (self.out / "en/media/snow/index.html").write_text("old")
        mirror = Recorder()
        writer = StaticWriter(self.out, outputs=[mirror])
        self.assertEqual(writer.write_path(self.video.url), [])
        self.assertFalse((self.out / "en/media/snow/index.html").exists())
        self.assertIn(b"data-embed", mirror.written[self.video.url][0][1])
        self.assertTrue(writer.write_path(self.gallery.url))
        self.assertTrue((self.out / "en/media/harbour/index.html").exists())


class OwnPathsTests(TestCase):
    def test_a_gallerys_pictures_are_among_the_addresses_gone_with_it(self):
        from nashr.publishing.dependencies import own_paths

        homes = build_editions()
        section = add_section(homes["en"], "Media")
        gallery = GalleryPage(title="Harbour", slug="harbour")
        gallery.gallery_images = [GalleryImage(image=ImageFactory()), GalleryImage(image=ImageFactory())]
        gallery = add_page(section, gallery)
        plain = section.get_children().get(pk=gallery.pk)  # not specific, as a section's descendants are
        self.assertEqual(own_paths(plain), ["/en/media/harbour/1/", "/en/media/harbour/2/"])
        self.assertEqual(own_paths(section), [])
