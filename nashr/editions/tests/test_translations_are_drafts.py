"""Translate makes a draft in the other edition; only an editor's Publish shows a translation to readers."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from nashr.articles.models import ArticlePage
from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions, translate

TITLE = "Library opens late"


def read(response):
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


class TranslationsAreDraftsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.fa = Locale.objects.get(language_code="fa")
        cls.section = add_section(cls.homes["en"], "Articles")
        cls.fa_section = translate(cls.section, "fa", title="مقاله‌ها")
        cls.article = make_article(
            cls.section, TITLE, summary="Reading rooms stay open.", body=[("paragraph", "<p>Doors open.</p>")]
        )
        cls.editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
        cls.editor.groups.add(Group.objects.get(name="Moderators"))

    def setUp(self):
        cache.clear()  # fragments of other tests' pages outlive their rows
        self.client.force_login(self.editor)

    def reader_pages(self):
        """What the Farsi edition shows readers, page by page."""
        self.client.logout()
        paths = [self.homes["fa"].url, self.fa_section.url, "/fa/rss.xml", "/fa/atom.xml", "/fa/feed.json"]
        pages = {path: read(self.client.get(path)) for path in [*paths, "/sitemap-fa-1.xml"]}
        self.client.force_login(self.editor)
        return pages

    def press_translate(self, page, **data):
        url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        with self.captureOnCommitCallbacks(execute=True):  # wagtail-localize publishes on commit
            response = self.client.post(url, {"locales": [self.fa.pk], **data})
        self.assertEqual(response.status_code, 302, response.content[:1000])

    def publish_translation(self, page):
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(edit_url, {"action": "publish"})
        self.assertEqual(response.status_code, 302)

    def test_translate_makes_a_draft_that_readers_see_only_once_an_editor_publishes_it(self):
        self.press_translate(self.article)
        fa_article = self.article.get_translation(self.fa)
        self.assertIs(fa_article.live, False)
        for path, body in self.reader_pages().items():
            with self.subTest(path=path):
                self.assertNotIn(TITLE, body)
                self.assertNotIn(fa_article.slug, body)

        self.publish_translation(fa_article)
        fa_article.refresh_from_db()
        self.assertIs(fa_article.live, True)
        for path, body in self.reader_pages().items():
            with self.subTest(path=path):
                self.assertIn(fa_article.slug if path.startswith("/sitemap") else TITLE, body)

    def test_translating_a_section_with_its_subtree_makes_drafts_only(self):
        opinion = add_section(self.homes["en"], "Opinion")
        column = make_article(opinion, "A column")
        self.press_translate(opinion, include_subtree="on")
        fa_opinion = opinion.get_translation(self.fa)
        fa_column = column.get_translation(self.fa)
        self.assertEqual((fa_opinion.live, fa_column.live), (False, False))
        self.assertNotIn("A column", read(self.client.get("/fa/rss.xml")))

    def test_syncing_translations_from_the_source_publishes_none_of_them(self):
        self.press_translate(self.article)
        fa_article = self.article.get_translation(self.fa)
        self.publish_translation(fa_article)
        ArticlePage.objects.filter(pk=fa_article.pk).update(title="کتابخانه دیر باز است")
        self.article.title = "Library opens later"
        self.article.save_revision().publish()
        source = TranslationSource.objects.get(object_id=self.article.translation_key)
        url = reverse("wagtail_localize:update_translations", args=[source.pk])

        self.assertNotContains(self.client.get(url), "publish_translations")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"publish_translations": "on"})
        self.assertEqual(response.status_code, 302)
        fa_article.refresh_from_db()
        self.assertEqual(fa_article.title, "کتابخانه دیر باز است")
        self.assertIs(fa_article.has_unpublished_changes, False)
        self.assertNotIn("Library opens later", self.reader_pages()["/fa/rss.xml"])

    def test_a_draft_of_a_live_translation_leaves_what_readers_see_as_it_is(self):
        self.press_translate(self.article)
        fa_article = self.article.get_translation(self.fa)
        self.publish_translation(fa_article)
        self.article.title = "Library opens later"
        self.article.save_revision().publish()
        TranslationSource.update_or_create_from_instance(self.article)
        translation = Translation.objects.get(source__object_id=self.article.translation_key)

        with self.captureOnCommitCallbacks(execute=True):
            translation.save_target(user=self.editor, publish=False)
        fa_article.refresh_from_db()
        self.assertEqual(fa_article.title, TITLE)
        self.assertIs(fa_article.has_unpublished_changes, True)
        self.assertEqual(fa_article.get_latest_revision_as_object().title, "Library opens later")
        self.assertNotIn("Library opens later", self.reader_pages()["/fa/rss.xml"])
