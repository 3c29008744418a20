"""components/picture.html's `<picture>`, written from rendition rows (images/pictures.py), is the one
Wagtail's `Picture` writes from rendition instances."""

from unittest import mock

from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.test import TestCase, override_settings
from django.utils.safestring import mark_safe
from wagtail.images.models import Picture

from nashr.core.tests.factories import ImageFactory
from nashr.images import pictures
from nashr.images.models import NashrImage, NashrRendition
from nashr.images.renditions import RENDITION_FIELDS, share_renditions

SIZES = "(max-width: 40rem) 100vw, 20rem"


def wagtails(image, sizes, alt, eager):
    attrs = {"sizes": sizes, "alt": alt, "decoding": "async"}
    attrs.update({"fetchpriority": "high"} if eager else {"loading": "lazy"})
    return Picture(image.get_renditions(*pictures.FILTERS), attrs).__html__()


class PictureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):  # the renditions, made as on save
            cls.large = ImageFactory(title="Large", file__width=1400, file__height=800)
            cls.small = ImageFactory(title="Small", file__width=300, file__height=200)  # below every width
            cls.odd = ImageFactory(
                title="Odd", file__width=900, file__height=900, file__filename="rain & sun (2).jpg"
            )

    def setUp(self):
        cache.clear()

    def fresh(self, *images):
        return list(NashrImage.objects.filter(pk__in=[i.pk for i in images]).order_by("pk"))

    def test_the_markup_is_wagtails_for_every_size_attribute_and_alt_text_alone_or_in_a_listing(self):
        for shared in (False, True):
            images = self.fresh(self.large, self.small, self.odd)
            if shared:
                share_renditions(images)
            for image in images:
                for eager in (False, True):
                    for alt in ("", 'A "quoted" <b>alt</b> & more', "باران"):
                        with self.subTest(shared=shared, image=image.title, eager=eager, alt=alt):
                            ours = pictures.picture(image, SIZES, alt, eager)
                            self.assertEqual(ours, wagtails(self.fresh(image)[0], SIZES, alt, eager))
        self.assertIn('width="300"', pictures.picture(self.fresh(self.small)[0], SIZES, "", False))

    def test_a_listing_reads_its_pictures_rows_in_one_query(self):
        for image in self.fresh(self.large, self.small, self.odd):
            image.get_renditions(*pictures.FILTERS)  # made first: what is counted is reading them
        images = self.fresh(self.large, self.small, self.odd)
        share_renditions(images)
        with self.assertNumQueries(1):
            for image in images:
                pictures.picture(image, SIZES, "", False)
                image.get_renditions(*pictures.FILTERS)  # instances, when asked, from the same rows

    def test_attributes_are_written_as_djangos_flatatt_writes_them(self):
        attrs = {"b": "x\"<&'", "a": 3, "c": True, "d": False, "e": None, "f": mark_safe("&amp;"), "aa": True}
        self.assertEqual(pictures._attributes(attrs), str(flatatt(attrs)))
        self.assertEqual(
            pictures._attributes({"alt": "باران", "width": 480}), str(flatatt({"alt": "باران", "width": 480}))
        )

    def test_the_rows_columns_are_the_renditions_fields(self):
        self.assertEqual(RENDITION_FIELDS, [f.attname for f in NashrRendition._meta.concrete_fields])

    def test_a_missing_rendition_is_made_the_way_wagtail_makes_it(self):
        NashrRendition.objects.filter(image=self.large, filter_spec="format-webp|width-800").delete()
        image = self.fresh(self.large)[0]
        share_renditions([image])
        markup = pictures.picture(image, SIZES, "", False)
        self.assertTrue(
            NashrRendition.objects.filter(image=image, filter_spec="format-webp|width-800").exists()
        )
        self.assertEqual(markup, wagtails(self.fresh(self.large)[0], SIZES, "", False))

    def test_a_rendition_made_for_another_focal_point_is_not_used(self):
        NashrRendition.objects.filter(image=self.large).update(focal_point_key="ffffffff")
        image = self.fresh(self.large)[0]
        share_renditions([image])
        before = NashrRendition.objects.filter(image=image).count()
        # width-N does not depend on the focal point (its key is ""): the rows keyed otherwise are not it.
        markup = pictures.picture(image, SIZES, "", False)
        self.assertGreater(NashrRendition.objects.filter(image=image).count(), before)
        self.assertEqual(markup, wagtails(self.fresh(self.large)[0], SIZES, "", False))

    def test_addresses_are_the_storages(self):
        storage = NashrRendition._meta.get_field("file").storage
        names = ["images/a.format-webp.width-480.webp", "images/rain_&_sun_(2).jpg", "images/بار ان.jpg"]
        expected = [storage.url(name) for name in names]
        with mock.patch.object(FileSystemStorage, "url", side_effect=AssertionError("asked")):
            url = pictures._url_maker(self.large)
            self.assertEqual([url(name) for name in names], expected)  # written, not asked of the storage

    @override_settings(MEDIA_URL="https://media.example.org/m/")
    def test_another_base_address_or_storage_is_asked_as_it_is(self):
        storage = FileSystemStorage(base_url="https://media.example.org/m/")
        self.assertEqual("https://media.example.org/m/images/a%20b.jpg", storage.url("images/a b.jpg"))
        image = self.fresh(self.large)[0]
        markup = pictures.picture(image, SIZES, "", False)
        self.assertIn("https://media.example.org/m/images/", str(markup))
        self.assertEqual(markup, wagtails(self.fresh(self.large)[0], SIZES, "", False))

    def test_the_component_draws_it(self):
        image = self.fresh(self.large)[0]
        html = render_to_string("components/picture.html", {"image": image, "sizes": SIZES, "alt": "Rain"})
        self.assertIn(str(pictures.picture(image, SIZES, "Rain", False)), html)
