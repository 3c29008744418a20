"""Comments: a moderator of the Arabic edition sees and moderates the comments on Arabic pages only."""

from django.urls import reverse

from nashr.comments.models import Comment

from .site import EditionSiteTestCase, snippet_url


class CommentModeratorTests(EditionSiteTestCase):
    def setUp(self):
        super().setUp()
        self.sign_in("moderator", "ar")

    def test_the_queue_lists_the_editions_comments_only(self):
        response = self.client.get(snippet_url(Comment, "list"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["object_list"]), [self.comments["ar"]])
        self.assertContains(response, "Reader ar")
        self.assertNotContains(response, "Reader fa")

    def test_the_moderator_approves_a_comment_of_the_edition(self):
        comment = self.comments["ar"]
        data = {"status": Comment.Status.APPROVED, "name": comment.name, "body": comment.body}
        response = self.client.post(snippet_url(Comment, "edit", comment.pk), data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        comment.refresh_from_db()
        self.assertEqual(comment.status, Comment.Status.APPROVED)

    def test_another_editions_comment_is_refused_by_address(self):
        comment = self.comments["fa"]
        data = {"status": Comment.Status.APPROVED, "name": comment.name, "body": comment.body}
        for view in ("edit", "delete", "history", "usage"):
            url = snippet_url(Comment, view, comment.pk)
            self.assertRefused(self.client.get(url), url)
            self.assertRefused(self.client.post(url, data), url)
        comment.refresh_from_db()
        self.assertEqual(comment.status, Comment.Status.PENDING)

    def test_bulk_delete_reaches_the_editions_comments_only(self):
        url = reverse("wagtail_bulk_action", args=["comments", "comment", "delete"])
        ids = "&".join(f"id={comment.pk}" for comment in self.comments.values())
        self.client.post(f"{url}?{ids}", {})
        left = set(Comment.objects.values_list("page__locale__language_code", flat=True))
        self.assertEqual(left, {"en", "fa"})

    def test_another_editions_moderator_and_an_editor_see_none_of_them(self):
        self.sign_in("editor", "fa")
        self.assertRefused(self.client.get(snippet_url(Comment, "list")))
        self.assertRefused(self.client.get(snippet_url(Comment, "edit", self.comments["fa"].pk)))
