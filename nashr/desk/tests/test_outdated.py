"""Publishing a source marks its translations outdated with what changed; sync and publish clears it."""

import datetime as dt

from django.test import TestCase
from wagtail.blocks import StreamValue
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.models import TranslationSource

from nashr.articles.models import Category
from nashr.articles.tests.factories import CategoryFactory, make_article
from nashr.core.tests.factories import add_section, build_editions, publish, translate
from nashr.desk.models import OutdatedTranslation

from .localize import translate_with_localize

BODY = [("paragraph", "<p>The reading room opens at nine.</p><p>Bring a card.</p>")]


def mark_of(page):
    return OutdatedTranslation.objects.of(page.translation_key, page.locale_id).first()


class OutdatedOnPublishTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.section = add_section(cls.homes["en"], "Articles")
        for language in ("fa", "ar", "sq"):
            translate(cls.section, language)

    def setUp(self):
        self.article = make_article(self.section, "Library hours", summary="Longer opening hours.", body=BODY)
        self.fa = translate_with_localize(self.article, "fa", {"Bring a card.": "کارت بیاورید."})
        self.ar = translate_with_localize(self.article, "ar")

    def edit_body(self, html, **fields):
        article = self.article.get_latest_revision_as_object()
        block = article.body[0]
        article.body = [("paragraph", html)]
        article.body[0].id = block.id
        for name, value in fields.items():
            setattr(article, name, value)
        return article.save_revision().publish()

    def test_a_changed_paragraph_marks_every_translation_with_counts(self):
        self.edit_body("<p>The reading room opens at eight.</p><p>Bring a card.</p>")
        for translation in (self.fa, self.ar):
            mark = mark_of(translation)
            self.assertEqual((mark.added, mark.changed, mark.removed), (0, 1, 0))
            self.assertEqual(mark.source_revision, self.article.get_latest_revision())
            self.assertFalse(mark.synced)

    def test_added_and_removed_paragraphs_are_counted_apart(self):
        self.edit_body("<p>The reading room opens at nine.</p><p>Bring a card.</p><p>Quiet, please.</p>")
        self.assertEqual((mark_of(self.fa).added, mark_of(self.fa).changed), (1, 0))
        self.edit_body("<p>Bring a card.</p>", summary="Longer hours.")
        mark = mark_of(self.fa)
        self.assertEqual((mark.added, mark.changed, mark.removed), (0, 1, 1))

    def test_blocks_added_removed_and_edited_among_many_are_counted(self):
        article = make_article(
            self.section,
            "Museum night",
            body=[("paragraph", f"<p>Room {n} opens.</p>") for n in range(6)]
            + [("quote", {"text": "Come.", "attribution": ""})],
        )
        fa = translate_with_localize(article, "fa")
        page = article.get_latest_revision_as_object()
        blocks = [(b.block_type, b.value, b.id) for b in page.body]
        blocks[1] = ("paragraph", RichText("<p>Room 1 opens late.</p>"), blocks[1][2])  # changed
        quote = blocks[6][1]
        quote["text"] = "Come early."  # changed, inside a block's field
        del blocks[3]  # removed
        blocks.insert(0, ("paragraph", RichText("<p>Free entry.</p>"), None))  # added
        page.body = StreamValue(page.body.stream_block, blocks)
        page.save_revision().publish()
        mark = mark_of(fa)
        self.assertEqual((mark.added, mark.changed, mark.removed), (1, 2, 1))

    def test_content_the_extraction_cannot_read_is_published_and_logged(self):
        page = self.article.get_latest_revision_as_object()
        page.body = [*BODY, ("quote", {"text": "Come."})]  # no attribution at all: None, not ""
        with self.assertLogs("nashr.desk.outdated", "ERROR") as logs:
            revision = page.save_revision()
            revision.publish()
        self.article.refresh_from_db()
        self.assertEqual(self.article.live_revision, revision)
        self.assertIn(str(self.article.pk), logs.output[0])
        self.assertFalse(OutdatedTranslation.objects.exists())

    def test_a_change_to_no_translated_field_marks_nothing(self):
        article = self.article.get_latest_revision_as_object()
        article.published_at = article.published_at - dt.timedelta(days=3)
        article.save_revision().publish()
        self.assertFalse(OutdatedTranslation.objects.exists())

    def test_undoing_the_change_before_a_sync_unmarks(self):
        self.edit_body("<p>The reading room opens at eight.</p><p>Bring a card.</p>")
        self.edit_body(BODY[0][1])
        self.assertFalse(OutdatedTranslation.objects.exists())

    def test_sync_then_publish_the_translation_makes_it_up_to_date(self):
        self.edit_body("<p>The reading room opens at eight.</p><p>Bring a card.</p>")
        source = TranslationSource.objects.get(
            object_id=self.article.translation_key, locale=self.article.locale
        )
        source.update_from_db()
        self.assertTrue(mark_of(self.fa).synced)
        publish(self.fa.get_latest_revision_as_object())
        self.assertIsNone(mark_of(self.fa))
        # Arabic was synced too but not published yet: still outdated, and a publish of the source that
        # changes nothing more leaves it so.
        self.assertIsNotNone(mark_of(self.ar))
        publish(self.article.get_latest_revision_as_object())
        self.assertIsNotNone(mark_of(self.ar))
        publish(self.ar.get_latest_revision_as_object())
        self.assertFalse(OutdatedTranslation.objects.exists())

    def test_a_change_after_the_sync_needs_another_sync_even_with_the_same_counts(self):
        self.edit_body("<p>The reading room opens at eight.</p><p>Bring a card.</p>")
        TranslationSource.objects.get(object_id=self.article.translation_key).update_from_db()
        self.assertTrue(mark_of(self.fa).synced)
        self.edit_body("<p>The reading room opens at eight.</p><p>Bring a library card.</p>")
        mark = mark_of(self.fa)
        self.assertEqual((mark.added, mark.changed, mark.removed), (0, 1, 0))
        self.assertFalse(mark.synced)
        publish(self.fa.get_latest_revision_as_object())
        self.assertIsNotNone(mark_of(self.fa))

    def test_a_page_translated_without_the_translation_editor_is_not_tracked(self):
        copy = translate(self.article, "sq")
        self.edit_body("<p>The reading room opens at eight.</p><p>Bring a card.</p>")
        self.assertIsNone(mark_of(copy))


class OutdatedSnippetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_editions()

    def test_a_renamed_category_marks_its_translation_until_it_is_synced_and_saved(self):
        category = CategoryFactory(name="Culture", slug="culture", description="Books and music.")
        fa = translate_with_localize(category, "fa", {"Culture": "فرهنگ"})
        self.assertEqual(fa.name, "فرهنگ")
        category.name = "Arts and culture"
        category.save()
        mark = mark_of(fa)
        self.assertEqual((mark.added, mark.changed, mark.removed), (0, 1, 0))

        category.parent = CategoryFactory(name="Life")
        category.save()  # the parent is no string to translate
        self.assertEqual(mark_of(fa).changed, 1)

        source = TranslationSource.objects.get(object_id=category.translation_key, locale=category.locale)
        source.update_from_db()
        translate_with_localize(category, "fa", {"Arts and culture": "هنر و فرهنگ"})
        self.assertIsNone(mark_of(fa))
        self.assertEqual(Category.objects.get(pk=fa.pk).name, "هنر و فرهنگ")
        self.assertEqual(Locale.objects.get(pk=fa.locale_id).language_code, "fa")
