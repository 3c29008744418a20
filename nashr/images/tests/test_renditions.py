"""Readers never wait for a rendition: they are made in the background when an image is saved."""

import io
import pickle
import re
import struct
import zlib
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Filter
from wagtail.models import Collection

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import ImageFactory, add_section, build_editions
from nashr.images.models import NashrImage, NashrRendition
from nashr.images.pictures import picture
from nashr.images.renditions import OG_IMAGE, PICTURE, PUBLIC_SPECS, filter_for, share_renditions

TEMPLATES = Path(settings.BASE_DIR) / "nashr" / "jinja2"  # the readers' templates
# Wagtail's image() and picture() functions with their filter spec: image(page.lead_image, "width-1200|...")
IMAGE_CALL = re.compile(r"\b(?:image|picture)\([^,()]+,\s*\"([^\"]+)\"")


def template_specs():
    """Every rendition the templates' image() and picture() ask for, and PICTURE where
    `responsive_picture()` draws it (images/pictures.py)."""
    specs = set()
    for path in TEMPLATES.rglob("*.html"):
        if "responsive_picture(" in path.read_text():
            specs.update(Filter.expand_spec(PICTURE))
        for spec in IMAGE_CALL.findall(path.read_text()):
            specs.update(Filter.expand_spec(spec))
    return specs


def png(width, height):
    """A grey PNG of `width` x `height`, a few hundred kilobytes however large, made row by row."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor, row, parts = zlib.compressobj(9), b"\0" * (width + 1), []
    for _ in range(height):
        parts.append(compressor.compress(row))
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def jpeg(color):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), color).save(buffer, "JPEG")
    return SimpleUploadedFile("picture.jpg", buffer.getvalue(), content_type="image/jpeg")


class RenditionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.section = add_section(cls.homes["en"], "Articles")
        cls.admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")

    def setUp(self):
        cache.clear()  # pictures are kept in fragments
        self.client.force_login(self.admin)

    def specs_of(self, image):
        return set(NashrRendition.objects.filter(image=image).values_list("filter_spec", flat=True))

    def test_every_rendition_the_templates_use_is_in_the_list(self):
        used = template_specs()
        self.assertIn("format-webp|width-480", used)  # the parser finds the tags
        self.assertEqual(used - set(PUBLIC_SPECS), set())

    def test_saving_an_image_makes_its_renditions_in_the_background(self):
        with self.captureOnCommitCallbacks(execute=True):
            image = ImageFactory(width=2400, height=1350)
        self.assertEqual(self.specs_of(image), set(PUBLIC_SPECS))

    def test_a_reader_of_a_page_with_a_new_image_makes_no_rendition(self):
        with self.captureOnCommitCallbacks(execute=True):
            lead, inside = ImageFactory(width=2400, height=1350), ImageFactory()
            article = make_article(
                self.section, "Harbour at dawn", lead_image=lead, body=[("image", {"image": inside})]
            )
        before = NashrRendition.objects.count()
        self.client.logout()
        for url in [article.url, self.homes["en"].url, self.section.url]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, ".format-webp.width-480.")
        self.assertEqual(NashrRendition.objects.count(), before)

    def test_a_page_read_again_writes_no_rendition_to_the_shared_cache(self):
        """Its pictures and its link preview's image (og:image) are found, not made: nothing is written back
        (Wagtail's get_rendition writes what it finds on every call)."""
        with self.captureOnCommitCallbacks(execute=True):
            article = make_article(
                self.section, "Harbour at noon", lead_image=ImageFactory(width=2400, height=1350)
            )
        self.client.logout()
        self.client.get(article.url)
        backend = NashrRendition.cache_backend
        with mock.patch.object(backend, "set") as one, mock.patch.object(backend, "set_many") as many:
            response = self.client.get(article.url)
        self.assertContains(response, 'property="og:image" content="http')
        self.assertContains(response, ".fill-1200x630.")
        self.assertEqual((one.call_args_list, many.call_args_list), ([], []))

    def test_a_new_file_in_the_admin_gets_its_renditions_again(self):
        with self.captureOnCommitCallbacks(execute=True):
            image = ImageFactory()
        data = {"title": image.title, "collection": image.collection_id, "file": jpeg("navy")}
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("wagtailimages:edit", args=[image.pk]), data)
        self.assertEqual(response.status_code, 302, response.content[:1000])
        image.refresh_from_db()
        self.assertEqual(image.width, 1600)
        self.assertEqual(self.specs_of(image), set(PUBLIC_SPECS))
        self.assertEqual(NashrRendition.objects.filter(image=image).count(), len(PUBLIC_SPECS))

    def test_an_image_of_too_many_pixels_is_refused_at_upload(self):
        upload = SimpleUploadedFile("huge.png", png(8000, 8000), content_type="image/png")
        data = {"title": "Huge", "collection": Collection.get_first_root_node().pk, "file": upload}
        response = self.client.post(reverse("wagtailimages:add"), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This file has too many pixels (64000000). Maximum pixels 60000000.")
        self.assertIs(NashrImage.objects.filter(title="Huge").exists(), False)


class SharedRenditionTests(TestCase):
    """A listing's pictures read their renditions together: one query, whatever the number of pictures."""

    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            cls.images = [ImageFactory(width=2400, height=1350) for _ in range(3)]

    def setUp(self):
        cache.clear()

    def fresh(self):
        return list(NashrImage.objects.filter(pk__in=[image.pk for image in self.images]).order_by("pk"))

    def test_pictures_of_a_listing_read_their_renditions_in_one_query(self):
        alone = {image.pk: image.get_renditions(*Filter.expand_spec(PICTURE)) for image in self.fresh()}
        cache.clear()
        images = self.fresh()
        share_renditions(images)
        with self.assertNumQueries(1):
            shared = {image.pk: image.get_renditions(*Filter.expand_spec(PICTURE)) for image in images}
        self.assertEqual(
            {pk: {spec: r.file.name for spec, r in found.items()} for pk, found in shared.items()},
            {pk: {spec: r.file.name for spec, r in found.items()} for pk, found in alone.items()},
        )
        self.assertIs(shared[images[0].pk]["format-webp|width-480"].image, images[0])

    def test_an_image_alone_reads_its_picture_and_link_preview_in_one_query_not_from_the_cache(self):
        specs = [*Filter.expand_spec(PICTURE), OG_IMAGE]
        made = {spec: r.file.name for spec, r in self.fresh()[0].get_renditions(*specs).items()}
        image = self.fresh()[0]
        backend = NashrRendition.cache_backend
        with self.assertNumQueries(1), mock.patch.object(backend, "get_many", side_effect=AssertionError):
            preview = image.get_renditions(filter_for(OG_IMAGE))[OG_IMAGE]  # the head's, asked first
            drawn = picture(image, "100vw", "")
        self.assertIn(made["format-webp|width-480"].split("/")[-1], drawn)
        self.assertEqual(preview.file.name, made[OG_IMAGE])

    def test_a_rendition_kept_in_the_cache_does_not_carry_the_listing(self):
        images = self.fresh()
        share_renditions(images)
        rendition = images[0].get_rendition("format-webp|width-480")  # get_rendition writes to the cache
        kept = pickle.loads(pickle.dumps(rendition))
        self.assertEqual(kept.image.pk, images[0].pk)
        self.assertIs(hasattr(kept.image, "rendition_batch"), False)
        self.assertIs(hasattr(images[0], "rendition_batch"), True)

    def test_another_spec_is_looked_up_as_usual(self):
        images = self.fresh()
        share_renditions(images)
        rendition = images[0].get_rendition(OG_IMAGE)
        self.assertEqual(rendition.filter_spec, OG_IMAGE)
        self.assertEqual(NashrRendition.objects.filter(image=images[0], filter_spec=OG_IMAGE).count(), 1)

    def test_a_missing_rendition_is_made(self):
        NashrRendition.objects.filter(image=self.images[1], filter_spec="format-jpeg|width-800").delete()
        images = self.fresh()
        share_renditions(images)
        found = images[1].get_renditions(*Filter.expand_spec(PICTURE))
        self.assertEqual(found["format-jpeg|width-800"].filter_spec, "format-jpeg|width-800")
        made = NashrRendition.objects.filter(image=images[1], filter_spec="format-jpeg|width-800")
        self.assertIs(made.exists(), True)
