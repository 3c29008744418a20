"""An image's alt text, caption and credit in each edition (NashrImage.texts, decision 0023)."""

import re

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile
from wagtail_localize.segments.extract import extract_segments

from nashr.articles.tests.factories import make_article
from nashr.caching.store import SITE, generations
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, translate
from nashr.images.models import NashrImage
from nashr.mail import render_issue
from nashr.publications.tests.factories import add_issue

ENGLISH = {"description": "Boats at dawn", "default_caption": "The harbour", "credit": "Photo: A. Name"}


def _imgs(html):
    """The alt attribute of every <img> in `html`."""
    return re.findall(r'<img [^>]*?alt="([^"]*)"', html)


class TextInTests(TestCase):
    def test_the_images_own_texts_serve_their_language_and_others_their_own(self):
        image = ImageFactory(**ENGLISH)
        image.set_text("fa", alt="قایق‌ها در سپیده‌دم", caption="بندر", credit="عکس: الف. نام")
        self.assertEqual(image.text_in("en").alt, "Boats at dawn")
        self.assertEqual(image.text_in("fa").alt, "قایق‌ها در سپیده‌دم")
        self.assertEqual(image.text_in("fa").caption, "بندر")
        self.assertEqual(image.text_in("fa").credit_language, "")

    def test_an_edition_without_texts_gets_no_alt_or_caption_and_the_credit_marked_with_its_language(self):
        image = ImageFactory(**ENGLISH)
        text = image.text_in("ar")
        self.assertEqual((text.alt, text.caption), ("", ""))
        self.assertEqual((text.credit, text.credit_language), ("Photo: A. Name", "en"))

    def test_blank_texts_are_dropped_and_the_own_language_writes_the_own_fields(self):
        image = ImageFactory()
        image.set_text("sq", alt="  ", caption="Porti")
        self.assertEqual(image.texts, {"sq": {"caption": "Porti"}})
        image.set_text("sq", caption="")
        self.assertEqual(image.texts, {})
        image.set_text("en", alt="Boats")
        self.assertEqual(image.description, "Boats")

    def test_texts_that_are_not_a_mapping_read_as_none(self):
        image = ImageFactory()
        image.texts = {"fa": "not a mapping"}
        self.assertEqual(image.text_in("fa").alt, "")


class PagesShowTheEditionsTextsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = add_section(homes["en"], "Articles")
        cls.image = ImageFactory(**ENGLISH)
        cls.image.set_text("fa", alt="قایق‌ها در سپیده‌دم", caption="بندر در بامداد", credit="عکس: الف. نام")
        cls.image.save()
        body = [("image", {"image": cls.image, "caption": "", "alt_text": ""})]
        cls.article = make_article(section, "Harbour", lead_image=cls.image, body=body)
        translate(section, "fa", title="مقاله‌ها")
        translate(section, "ar", title="مقالات")
        cls.fa = translate(cls.article, "fa", title="بندر", slug="bandar")
        cls.ar = translate(cls.article, "ar", title="الميناء", slug="almina")

    def setUp(self):
        cache.clear()

    def test_a_farsi_page_shows_the_farsi_alt_caption_and_credit_everywhere(self):
        html = self.client.get(self.fa.url).content.decode()
        self.assertEqual(set(_imgs(html)), {"قایق‌ها در سپیده‌دم"})
        self.assertIn("بندر در بامداد", html)
        self.assertIn("عکس: الف. نام", html)
        self.assertIn('<meta property="og:image:alt" content="قایق‌ها در سپیده‌دم"', html)
        for english in ("Boats at dawn", "The harbour", "Photo: A. Name"):
            self.assertNotIn(english, html)

    def test_an_edition_without_texts_shows_no_english_alt_or_caption_and_marks_the_credit(self):
        html = self.client.get(self.ar.url).content.decode()
        self.assertEqual(set(_imgs(html)), {""})
        self.assertNotIn("Boats at dawn", html)
        self.assertNotIn("The harbour", html)
        self.assertIn('lang="en">Photo: A. Name</span>', html)

    def test_the_english_page_keeps_the_images_own_texts(self):
        html = self.client.get(self.article.url).content.decode()
        self.assertIn('alt="Boats at dawn"', html)
        self.assertIn("The harbour", html)

    def test_the_farsi_feed_carries_the_farsi_texts(self):
        xml = self.client.get("/fa/rss.xml").getvalue().decode()
        self.assertIn("بندر در بامداد", xml)
        self.assertNotIn("Boats at dawn", xml)

    def test_more_pictures_cost_no_more_queries(self):
        """The texts sit on the image's row: a page of many pictures reads them with the images."""
        others = [ImageFactory() for _ in range(4)]
        for image in others:
            image.set_text("fa", alt=f"تصویر {image.pk}")
            image.save()
        cache.clear()
        self.client.get(self.fa.url)
        with CaptureQueriesContext(connection) as one:
            self.client.get(self.fa.url + "?a=1")
        body = [("image", {"image": i, "caption": "", "alt_text": ""}) for i in [self.image, *others]]
        self.fa.body = body
        self.fa.save_revision().publish()
        cache.clear()
        self.client.get(self.fa.url)
        with CaptureQueriesContext(connection) as five:
            html = self.client.get(self.fa.url + "?a=1").content.decode()
        self.assertEqual(len(five), len(one))
        self.assertIn(f'alt="تصویر {others[3].pk}"', html)


class ImageTextChangesRenewTheSiteTests(TestCase):
    def test_a_new_text_in_one_edition_renews_every_page(self):
        image = ImageFactory()
        before = generations(SITE)
        image.set_text("fa", alt="قایق")
        with self.captureOnCommitCallbacks(execute=True):
            image.save()
        self.assertNotEqual(generations(SITE), before)


@override_settings(NASHR_REQUIRE_2FA=False)
class ImageFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw-for-tests-only")

    def setUp(self):
        self.client.force_login(self.user)
        self.image = ImageFactory(title="Harbour", credit="Photo: A. Name")

    def _post(self, **extra):
        data = {
            "title": "Harbour",
            "collection": self.image.collection_id,
            "credit": "Photo: A. Name",
            "default_caption": "",
            "description": "Boats",
            "language": "en",
            "tags": "",
            **extra,
        }
        return self.client.post(reverse("wagtailimages:edit", args=[self.image.pk]), data)

    def test_the_form_has_one_group_per_other_edition_in_its_language_and_direction(self):
        html = self.client.get(reverse("wagtailimages:edit", args=[self.image.pk])).content.decode()
        self.assertIn('name="text_fa_alt"', html)
        self.assertIn('name="text_ar_credit"', html)
        self.assertNotIn('name="text_en_alt"', html)
        field = re.search(r'<input[^>]*name="text_fa_alt"[^>]*>', html).group()
        self.assertIn('dir="rtl"', field)
        self.assertIn('lang="fa"', field)

    def test_an_editor_reading_farsi_gets_the_form_in_farsi(self):
        profile = UserProfile.get_for_user(self.user)
        profile.preferred_language = "fa"
        profile.save()
        response = self.client.get(reverse("wagtailimages:edit", args=[self.image.pk]))
        self.assertContains(response, '<html lang="fa" dir="rtl"')
        self.assertContains(response, "پدیدآورنده")  # "credit"
        self.assertContains(response, "زیرنویس پیش‌فرض")  # "default caption"
        self.assertContains(response, "(العربية)")  # each edition by its own name

    def test_uploading_several_images_offers_the_texts_too(self):
        response = self.client.get(reverse("wagtailimages:add_multiple"))
        self.assertEqual(response.status_code, 200)
        upload = SimpleUploadedFile(
            "harbour.jpg", ImageFactory.build().file.read(), content_type="image/jpeg"
        )
        response = self.client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload})
        self.assertEqual(response.json()["success"], True, response.json())
        form = response.json()["form"]
        self.assertRegex(form, r'name="uploaded-image-\d+-text_fa_alt" lang="fa" dir="rtl"')

    def test_saving_stores_each_editions_texts(self):
        response = self._post(text_fa_alt="قایق‌ها", text_sq_caption="Porti", text_ar_credit="تصوير: أ. اسم")
        self.assertEqual(response.status_code, 302)
        self.image.refresh_from_db()
        self.assertEqual(
            self.image.texts,
            {"fa": {"alt": "قایق‌ها"}, "sq": {"caption": "Porti"}, "ar": {"credit": "تصوير: أ. اسم"}},
        )

    def test_a_text_too_long_is_refused_with_an_error_and_nothing_is_lost(self):
        self.image.set_text("fa", alt="قایق")
        self.image.save()
        response = self._post(text_fa_alt="قایق", text_fa_caption="ب" * 501, text_sq_alt="Varka")
        self.assertEqual(response.status_code, 200)
        self.assertIn("text_fa_caption", response.context["form"].errors)
        self.assertContains(response, "Varka")  # what was typed is shown again
        self.image.refresh_from_db()
        self.assertEqual(self.image.texts, {"fa": {"alt": "قایق"}})

    def test_changing_the_language_moves_nothing_wrongly(self):
        self._post(language="fa", description="قایق‌ها", text_fa_alt="ignored", text_en_alt="")
        self.image.refresh_from_db()
        self.assertEqual((self.image.language, self.image.description), ("fa", "قایق‌ها"))
        self.assertNotIn("fa", self.image.texts)
        self.assertIsInstance(NashrImage.objects.get(pk=self.image.pk).texts, dict)


class TranslatorsSeeTheTextsOfPicturesInPagesTests(TestCase):
    def test_a_pages_captions_and_alt_texts_are_segments_of_its_translation(self):
        """wagtail-localize offers what a page says of its pictures (the lead caption, a body image's caption
        and alt text, a gallery's captions) to translators with the rest of the page."""
        homes = build_editions()
        section = add_section(homes["en"], "Articles")
        image = ImageFactory()
        body = [("image", {"image": image, "caption": "Boats at dawn", "alt_text": "Three boats at sea"})]
        article = make_article(section, "Harbour", lead_image=image, lead_caption="The harbour", body=body)
        strings = {segment.string.data for segment in extract_segments(article) if hasattr(segment, "string")}
        self.assertLessEqual({"Boats at dawn", "Three boats at sea", "The harbour"}, strings)


class IssueMailTests(TestCase):
    def test_a_farsi_issue_mail_describes_its_cover_in_farsi(self):
        homes = build_editions()
        section = add_section(homes["fa"], "خبرنامه", "newsletter")
        cover = ImageFactory(**ENGLISH)
        cover.set_text("fa", caption="جلد شمارهٔ تازه")
        cover.save()
        issue = add_issue(section, "خبرنامه ۷", 7, periodical="newsletter", lead_image=cover)
        html = render_issue(issue).html
        self.assertRegex(html, r'<img[^>]*alt="جلد شمارهٔ تازه"')
        self.assertNotIn("Boats at dawn", html)
        self.assertNotIn("The harbour", html)


class PictureComponentTests(TestCase):
    def render(self, **context):
        with translation.override("fa"):
            return render_to_string("components/picture.html", context)

    def test_without_an_alt_the_picture_reads_the_editions_and_with_an_empty_one_is_decorative(self):
        cache.clear()
        image = ImageFactory(**ENGLISH)
        image.set_text("fa", alt="قایق‌ها")
        image.save()
        self.assertEqual(set(_imgs(self.render(image=image))), {"قایق‌ها"})
        self.assertEqual(set(_imgs(self.render(image=image, alt=""))), {""})
        self.assertEqual(set(_imgs(self.render(image=image, alt="سه قایق"))), {"سه قایق"})
        image.texts = {}
        image.save()
        self.assertEqual(set(_imgs(self.render(image=image))), {""})
