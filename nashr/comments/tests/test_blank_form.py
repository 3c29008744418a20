"""The empty comment form of an article, drawn once per language and process (forms.blank_form_fields)."""

import re

from django.template.loader import render_to_string
from django.test import TestCase
from django.utils import translation

from nashr.articles.tests.factories import articles_in_editions, make_article
from nashr.comments.forms import CommentForm, blank_form_fields
from nashr.core.tests.factories import translate


def fields_of(html):
    """The form's fields as the page shows them: from its first field to its button."""
    return re.search(r'<p class="form__help">.*?</p>\s*(.*?)\s*<button type="submit"', html, re.S)[1]


class BlankCommentFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        articles_in_editions(cls)
        cls.article = make_article(cls.section, "Snow day")
        cls.fa_article = translate(cls.article, "fa", title="روز برفی", slug="snow-day-fa")

    def test_each_edition_shows_the_form_a_new_comment_form_draws_in_its_language(self):
        for page, language, label in [
            (self.article, "en", "Name"),
            (self.fa_article, "fa", "نام"),
            (self.article, "en", "Name"),  # after the Farsi page in the same process: still English
        ]:
            with self.subTest(language=language):
                shown = fields_of(self.client.get(page.url).content.decode())
                with translation.override(language):
                    fresh = render_to_string("components/form_fields.html", {"form": CommentForm()}).strip()
                    self.assertEqual(shown, fresh)
                    self.assertEqual(str(blank_form_fields()), fresh)
                self.assertIn(f">{label}", shown)
                self.assertIn('name="body"', shown)
                self.assertNotIn("form__error", shown)

    def test_the_form_sent_back_with_errors_shows_them_and_what_was_written(self):
        response = self.client.post(f"/en/comments/{self.article.pk}/", {"name": "", "body": "Kept text"})
        self.assertEqual(response.status_code, 400)
        shown = fields_of(response.content.decode())
        self.assertIn("Kept text", shown)
        self.assertIn('aria-invalid="true"', shown)
        self.assertIn("Please correct the errors below.", shown)
        # and the next reader of the article gets the empty form again
        self.assertNotIn("Kept text", fields_of(self.client.get(self.article.url).content.decode()))
