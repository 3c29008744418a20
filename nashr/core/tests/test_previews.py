"""Previews go through middleware loaded once per process (core/previews.py), and are what Wagtail's are:
the unsaved page, a private response, the admin's own preview view."""

from unittest import mock

from django.contrib.auth import get_user_model
from django.core.handlers.base import BaseHandler
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from nashr.articles.tests.factories import articles_in_editions, make_article
from nashr.core import previews


class PreviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        articles_in_editions(cls)
        cls.article = make_article(cls.section, "Saved title", categories=[cls.culture])

    def setUp(self):
        previews._handlers.clear()

    def test_the_middleware_is_loaded_once_for_every_preview(self):
        load = BaseHandler.load_middleware
        with mock.patch.object(BaseHandler, "load_middleware", autospec=True, side_effect=load) as loading:
            for title in ("First draft", "Second draft", "Third draft"):
                self.article.title = title
                response = self.article.make_preview_request()
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, f">{title}</h1>", html=False)
        self.assertEqual(loading.call_count, 1)

    def test_a_preview_is_private_and_never_the_live_page(self):
        self.article.title = "Unsaved title"
        response = self.article.make_preview_request()
        self.assertIn("private", response["Cache-Control"])
        self.assertContains(response, "Unsaved title")
        self.assertNotContains(self.client.get(self.article.url), "Unsaved title")

    def test_another_middleware_list_gets_its_own_handler(self):
        self.article.make_preview_request()
        from django.conf import settings

        fewer = [name for name in settings.MIDDLEWARE if "clickjacking" not in name]
        with override_settings(MIDDLEWARE=fewer):
            response = self.article.make_preview_request()
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("X-Frame-Options", response)
        self.assertEqual(len(previews._handlers), 2)

    def test_the_admins_preview_shows_the_edit_form_as_posted(self):
        editor = get_user_model().objects.create_superuser(
            "editor", "editor@example.org", "a long passphrase"
        )
        self.client.force_login(editor)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.article.pk])
        data = nested_form_data(
            {
                "title": "Edited, not saved",
                "slug": self.article.slug,
                "summary": "A summary being written.",
                "published_at": "2026-11-20 09:00",
                "body": streamfield([("paragraph", rich_text("<p>A paragraph being written.</p>"))]),
                "article_authors": inline_formset([]),
                "comments": inline_formset([]),
            }
        )
        data["categories"] = [self.culture.pk]
        posted = self.client.post(url, data)
        self.assertEqual(posted.json(), {"is_valid": True, "is_available": True})
        for _ in range(2):
            response = self.client.get(url)
            self.assertContains(response, "Edited, not saved")
            self.assertContains(response, "A paragraph being written.")
        self.assertEqual(len(previews._handlers), 1)
        self.assertNotContains(self.client.get(self.article.url), "Edited, not saved")
