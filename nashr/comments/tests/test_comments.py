from django.core.cache import cache
from django.test import TestCase, override_settings

from nashr.articles.tests.factories import make_article
from nashr.comments.models import Comment
from nashr.core.tests.factories import add_section, build_editions


class CommentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.article = make_article(add_section(homes["en"], "Articles"), "Snow day")

    def setUp(self):
        cache.clear()  # the rate limit lives in the cache

    def test_comment_is_held_for_moderation_and_not_shown(self):
        response = self.client.post(
            f"/en/comments/{self.article.pk}/",
            {"name": "Ola", "body": "Nice piece!", "email": "ola@example.org"},
        )
        self.assertRedirects(
            response, f"{self.article.url}?comment=received#comments", fetch_redirect_response=False
        )
        comment = Comment.objects.get()
        self.assertEqual(comment.status, Comment.Status.PENDING)
        page = self.client.get(self.article.url + "?comment=received")
        self.assertContains(page, "will appear once a moderator has read it")
        self.assertNotContains(page, "Nice piece!")
        self.assertContains(page, "0 comments")

    def test_approved_comment_is_shown_without_the_email(self):
        Comment.objects.create(
            page=self.article,
            name="Ola",
            email="ola@example.org",
            body="Nice piece!",
            status=Comment.Status.APPROVED,
        )
        page = self.client.get(self.article.url)
        self.assertContains(page, "Nice piece!")
        self.assertNotContains(page, "ola@example.org")

    def test_invalid_comment_rerenders_the_article_with_errors(self):
        response = self.client.post(
            f"/en/comments/{self.article.pk}/", {"name": "", "body": "", "website": "x"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "This field is required.", status_code=400)
        self.assertFalse(Comment.objects.exists())

    def test_comment_on_a_missing_page_is_not_found(self):
        self.assertEqual(
            self.client.post("/en/comments/999999/", {"name": "a", "body": "b"}).status_code, 404
        )
        self.assertEqual(self.client.get(f"/en/comments/{self.article.pk}/").status_code, 405)

    @override_settings(NASHR_FORM_RATE={"comment": (1, 600)})
    def test_a_burst_of_comments_is_slowed_down(self):
        url = f"/en/comments/{self.article.pk}/"
        self.assertEqual(self.client.post(url, {"name": "Ola", "body": "First"}).status_code, 302)
        response = self.client.post(url, {"name": "Ola", "body": "Second"})
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Please wait a few minutes.", status_code=429)
        self.assertEqual(Comment.objects.count(), 1)

    def test_a_comment_sent_from_another_site_is_refused_and_one_from_the_site_needs_no_token(self):
        client = self.client_class(enforce_csrf_checks=True)
        url = f"/en/comments/{self.article.pk}/"
        data = {"name": "Ola", "body": "Hello"}
        self.assertEqual(client.post(url, data, HTTP_ORIGIN="https://elsewhere.example").status_code, 403)
        self.assertFalse(Comment.objects.exists())
        self.assertEqual(client.post(url, data, HTTP_ORIGIN="http://testserver").status_code, 302)
        self.assertEqual(Comment.objects.count(), 1)
        self.assertNotContains(self.client.get(self.article.url), "csrfmiddlewaretoken")
