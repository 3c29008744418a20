import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase, override_settings
from django.urls import reverse

from nashr.articles.tests.factories import make_article
from nashr.comments.models import Comment
from nashr.contact.models import ContactMessage
from nashr.core.tests.factories import add_section, build_editions

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@override_settings(NASHR_PAGE_CACHE=True)
class ReplyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(add_section(build_editions()["en"], "Articles"), "Harbour lights")
        cls.first = Comment.objects.create(
            page=cls.article, name="Ana", body="The lights were late.", status="approved"
        )

    def test_a_reply_posted_to_a_cached_article_appears_threaded_once_approved(self):
        self.assertEqual(self.client.get(self.article.url).status_code, 200)
        cached = self.client.get(self.article.url)
        self.assertEqual(cached["X-Page-Cache"], "HIT")
        reply_url = reverse("reply_to_comment", args=[self.article.pk, self.first.pk])
        self.assertContains(cached, f'href="{reply_url}"')  # the same link for every reader
        form = self.client.get(reply_url)
        self.assertEqual(form["Cache-Control"], "private")
        self.assertContains(form, "The lights were late.")
        self.assertContains(form, f'name="parent" value="{self.first.pk}"')
        self.assertNotContains(form, "csrfmiddlewaretoken")
        response = self.client.post(
            reverse("post_comment", args=[self.article.pk]),
            {"name": "Besa", "body": "They came at nine.", "parent": self.first.pk},
            **ORIGIN,
        )
        self.assertRedirects(
            response, f"{self.article.url}?comment=received#comments", fetch_redirect_response=False
        )
        reply = Comment.objects.get(name="Besa")
        self.assertEqual((reply.parent, reply.status), (self.first, Comment.Status.PENDING))
        self.assertNotContains(self.client.get(self.article.url), "They came at nine.")
        with self.captureOnCommitCallbacks(execute=True):
            Comment.objects.filter(pk=reply.pk).set_status(Comment.Status.APPROVED)
        page = self.client.get(self.article.url)
        self.assertEqual(page["X-Page-Cache"], "MISS")  # the approval renewed the cached article
        html = page.content.decode()
        self.assertRegex(
            html,
            re.compile(
                rf'id="comment-{self.first.pk}".*The lights were late.*'
                rf'class="comment comment--reply comment--depth-1" id="comment-{reply.pk}"'
                r".*They came at nine",
                re.S,
            ),
        )

    def test_a_reply_to_a_comment_not_shown_is_refused_on_the_reply_page(self):
        waiting = Comment.objects.create(page=self.article, name="C", body="Not yet shown")
        self.assertEqual(
            self.client.get(reverse("reply_to_comment", args=[self.article.pk, waiting.pk])).status_code, 404
        )
        response = self.client.post(
            reverse("post_comment", args=[self.article.pk]),
            {"name": "D", "body": "Answer", "parent": waiting.pk},
            **ORIGIN,
        )
        self.assertContains(response, "The comment you answer is no longer shown.", status_code=400)
        self.assertFalse(Comment.objects.filter(name="D").exists())

    def test_a_reply_with_errors_comes_back_on_its_reply_page(self):
        response = self.client.post(
            reverse("post_comment", args=[self.article.pk]),
            {"name": "", "body": "Answer", "parent": self.first.pk},
            **ORIGIN,
        )
        self.assertContains(response, "Reply to a comment", status_code=400)
        self.assertContains(response, "The lights were late.", status_code=400)
        self.assertEqual(response["Cache-Control"], "private")

    def test_a_reply_to_a_comment_on_another_page_is_refused(self):
        other = make_article(self.article.get_parent(), "Other story")
        response = self.client.post(
            reverse("post_comment", args=[other.pk]),
            {"name": "E", "body": "x", "parent": self.first.pk},
            **ORIGIN,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Comment.objects.filter(name="E").exists())

    def test_odd_reply_addresses_are_not_found(self):
        for path in (
            f"/en/comments/{self.article.pk}/reply/{2**70}/",
            f"/en/comments/{self.article.pk}/reply/0/",
            f"/en/comments/{self.article.pk}/reply/x/",
        ):
            self.assertEqual(self.client.get(path).status_code, 404, path)


class ModerationAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.en = make_article(add_section(homes["en"], "Articles"), "Rain")
        cls.fa = make_article(add_section(homes["fa"], "مقاله‌ها", slug="maghaleha"), "باران")
        cls.admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "x")
        cls.old_approved = Comment.objects.create(
            page=cls.en, name="Older-approved", body="Approved one", status="approved"
        )
        cls.waiting = [
            Comment.objects.create(page=cls.en, name="W1", body="waits", email="w1@example.org", notify=True),
            Comment.objects.create(page=cls.fa, name="W2", body="waits too"),
            Comment.objects.create(page=cls.fa, name="W3", body="waits three"),
        ]
        cls.newer_rejected = Comment.objects.create(
            page=cls.en, name="Newer-rejected", body="No", status="rejected"
        )
        ContactMessage.objects.create(
            name="R", email="r@example.org", subject="s", message="m" * 20, language="fa"
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def test_waiting_comments_are_listed_first(self):
        response = self.client.get(reverse(Comment.snippet_viewset.get_url_name("list")))
        html = response.content.decode()
        positions = [
            html.index(f"{c.name}: ") if f"{c.name}: " in html else html.index(c.name) for c in self.waiting
        ]
        self.assertLess(max(positions), html.index("Newer-rejected"))
        self.assertLess(max(positions), html.index("Older-approved"))

    def test_comments_are_approved_in_bulk_and_writers_who_asked_are_told(self):
        url = reverse("wagtail_bulk_action", args=["comments", "comment", "approve"])
        query = "?" + "&".join(f"id={c.pk}" for c in self.waiting)
        confirm = self.client.get(url + query)
        self.assertContains(confirm, "W2")
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url + query, {"next": "/admin/"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            set(Comment.objects.filter(pk__in=[c.pk for c in self.waiting]).values_list("status", flat=True)),
            {"approved"},
        )
        self.assertEqual([m.to for m in mail.outbox], [["w1@example.org"]])

    def test_comments_are_rejected_in_bulk(self):
        url = reverse("wagtail_bulk_action", args=["comments", "comment", "reject"])
        self.client.post(url + f"?id={self.waiting[1].pk}&id={self.waiting[2].pk}", {"next": "/admin/"})
        self.assertEqual(Comment.objects.filter(status="rejected").count(), 3)

    def test_deleting_in_bulk_keeps_the_replies(self):
        reply = Comment.objects.create(
            page=self.en, name="Reply", body="r", parent=self.old_approved, status="approved"
        )
        url = reverse("wagtail_bulk_action", args=["comments", "comment", "delete"])
        self.client.post(url + f"?id={self.old_approved.pk}", {"next": "/admin/"})
        self.assertFalse(Comment.objects.filter(pk=self.old_approved.pk).exists())
        self.assertIsNone(Comment.objects.get(pk=reply.pk).parent)

    def test_the_dashboard_counts_what_waits_per_edition(self):
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn("Waiting for moderators", html)
        panel = re.search(r'<section class="panel nashr-waiting".*?</section>', html, re.S).group(0)
        rows = dict(re.findall(r'<tr data-edition="(\w+)">(.*?)</tr>', panel, re.S))
        cells = {code: re.findall(r"<td>(?:<a[^>]*>)?(\d+)", row) for code, row in rows.items()}
        self.assertEqual(cells, {"en": ["1", "0"], "fa": ["2", "1"], "ar": ["0", "0"], "sq": ["0", "0"]})
        self.assertIn("/admin/snippets/comments/comment/?status=pending", html)
