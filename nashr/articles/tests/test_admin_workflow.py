"""An editor writes an article in the admin, sends it for translation, translates it and publishes it."""

from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, Translation

from nashr.articles.models import ArticlePage
from nashr.articles.tests.factories import CategoryFactory, PersonFactory
from nashr.core.tests.factories import add_section, build_editions, translate


class EditorTranslationWorkflowTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Articles")
        cls.fa_section = translate(cls.section, "fa", title="مقاله‌ها")
        cls.category = CategoryFactory(name="Books", slug="books")
        cls.fa_category = CategoryFactory(
            name="کتاب",
            slug="books",
            locale=Locale.objects.get(language_code="fa"),
            translation_key=cls.category.translation_key,
        )
        fa = Locale.objects.get(language_code="fa")
        cls.author = PersonFactory(name="Mina Sadeghi", slug="mina")
        cls.fa_author = PersonFactory(
            name="مینا صادقی", slug="mina", locale=fa, translation_key=cls.author.translation_key
        )
        cls.translator = PersonFactory(name="Reza Tavakoli", slug="reza")
        cls.fa_translator = PersonFactory(
            name="رضا توکلی", slug="reza", locale=fa, translation_key=cls.translator.translation_key
        )
        cls.editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
        cls.editor.groups.add(Group.objects.get(name="Moderators"))

    def setUp(self):
        self.client.force_login(self.editor)

    def test_editor_creates_translates_and_publishes_an_article(self):
        add_url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", self.section.pk])
        data = nested_form_data(
            {
                "title": "Library opens late",
                "slug": "library-opens-late",
                "summary": "Reading rooms stay open until midnight.",
                "published_at": "2026-11-20 09:00",
                "body": streamfield(
                    [("paragraph", rich_text("<p>The city library keeps its doors open.</p>"))]
                ),
                "article_authors": inline_formset([{"person": self.author.pk}]),
                "translator": self.translator.pk,
                "original_publication": "Ciel & Curiosités",
                "original_language": "fr",
                "tags": "library, night",
                "action-publish": "publish",
            }
        )
        data["categories"] = [self.category.pk]  # a multiple choice, which nested_form_data would flatten
        response = self.client.post(add_url, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        article = ArticlePage.objects.get(slug="library-opens-late")
        self.assertIs(article.live, True)
        self.assertEqual(list(article.categories.all()), [self.category])
        self.assertContains(self.client.get(article.url), "The city library keeps its doors open.")

        fa = Locale.objects.get(language_code="fa")
        submit_url = reverse("wagtail_localize:submit_page_translation", args=[article.pk])
        response = self.client.post(submit_url, {"locales": [fa.pk]})
        self.assertEqual(response.status_code, 302)
        fa_article = article.get_translation(fa)
        self.assertIs(fa_article.live, False)

        translation = Translation.objects.get(source__object_id=article.translation_key, target_locale=fa)
        translated = {
            "Library opens late": "کتابخانه تا دیروقت باز است",
            "Reading rooms stay open until midnight.": "تالارهای مطالعه تا نیمه‌شب باز می‌مانند.",
            "The city library keeps its doors open.": "کتابخانهٔ شهر درهایش را باز نگه می‌دارد.",
        }
        for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
            value = translated.get(segment.string.data, segment.string.data)
            url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
            response = self.client.put(
                url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
            )
            self.assertIn(response.status_code, (200, 201), response.content[:500])

        edit_url = reverse("wagtailadmin_pages:edit", args=[fa_article.pk])
        with self.captureOnCommitCallbacks(execute=True):  # wagtail-localize publishes on commit
            response = self.client.post(edit_url, {"action": "publish"}, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "in فارسی")
        fa_article = article.get_translation(fa)
        self.assertIs(fa_article.live, True)
        self.assertEqual(fa_article.translation_key, article.translation_key)

        fa_specific = fa_article.specific
        self.assertEqual(list(fa_specific.categories.all()), [self.fa_category])
        self.assertEqual(fa_specific.authors, [self.fa_author])
        self.assertEqual(fa_specific.translator, self.fa_translator)
        response = self.client.get(fa_article.url)
        self.assertContains(response, "کتابخانه تا دیروقت باز است")
        self.assertContains(response, "کتابخانهٔ شهر درهایش را باز نگه می‌دارد.")
        self.assertContains(response, '<html lang="fa" dir="rtl">')
        html = response.content.decode()
        for expected in [
            'href="/fa/category/books/"',
            'href="/fa/author/mina/" rel="author"><bdi>مینا صادقی</bdi>',
            'href="/fa/author/reza/"><bdi>رضا توکلی</bdi>',
        ]:
            self.assertTrue(expected in html, f"{expected} is missing from the Farsi article")
        self.fa_translator.refresh_from_db()
        self.assertEqual(self.fa_translator.name, "رضا توکلی")  # the edition's own spelling survives
        self.assertContains(
            self.client.get(article.url), f'href="/edition/fa/?next={quote(fa_article.url)}" lang="fa"'
        )
