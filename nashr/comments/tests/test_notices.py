import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from nashr.articles.tests.factories import make_article
from nashr.comments.models import Comment
from nashr.comments.notify import moderators_of
from nashr.comments.tasks import announce_comment
from nashr.contact.models import ContactMessage, ContactPage
from nashr.core.tests.factories import add_section, build_editions, publish
from nashr.mail.tests.smtp import LoopbackSMTP
from nashr.users import roles

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def make_moderators():
    User = get_user_model()
    group = Group.objects.create(name="Comment moderators")
    group.permissions.add(
        Permission.objects.get(codename="change_comment", content_type__app_label="comments")
    )
    by_group = User.objects.create_user("grouped", "grouped@example.org", "x")
    by_group.groups.add(group)
    direct = User.objects.create_user("direct", "direct@example.org", "x")
    direct.user_permissions.add(
        Permission.objects.get(codename="change_comment", content_type__app_label="comments")
    )
    User.objects.create_superuser("chief", "chief@example.org", "x")
    User.objects.create_user("writer", "writer@example.org", "x", is_staff=True)  # no moderation rights
    gone = User.objects.create_user("gone", "gone@example.org", "x", is_active=False)
    gone.groups.add(group)
    User.objects.create_user("silent", "", "x").groups.add(group)


class ModeratorsTests(TestCase):
    def test_moderators_are_who_may_change_comments_and_superusers_with_an_address(self):
        make_moderators()
        self.assertEqual(
            sorted(user.username for user in moderators_of("fa")), ["chief", "direct", "grouped"]
        )

    def test_a_moderator_of_one_edition_hears_of_that_edition_only(self):
        build_editions()
        roles.set_up()
        make_moderators()
        ar = get_user_model().objects.create_user("ar-moderator", "ar@example.org", "x")
        roles.grant(ar, "moderator", "ar")
        self.assertIn("ar-moderator", [user.username for user in moderators_of("ar")])
        self.assertNotIn("ar-moderator", [user.username for user in moderators_of("fa")])
        # those granted moderation for every edition hear of each
        self.assertEqual(
            sorted(user.username for user in moderators_of("fa")), ["chief", "direct", "grouped"]
        )


class NoticeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.article = make_article(add_section(homes["fa"], "مقاله‌ها", slug="maghaleha"), "باران")
        make_moderators()

    def setUp(self):
        cache.clear()  # a mail scheduled by another test (its key outlives the test's database)

    def post(self, path, data):
        return self.client.post(path, data, HTTP_ORIGIN="http://testserver")

    def comment(self, **fields):
        fields = {"page": self.article, "name": "Dara", "body": "A first thought.", **fields}
        with self.captureOnCommitCallbacks(execute=True):
            return Comment.objects.create(**fields)

    def approve(self, comment):
        with self.captureOnCommitCallbacks(execute=True):
            Comment.objects.filter(pk=comment.pk).set_status(Comment.Status.APPROVED)

    def test_a_writer_who_asked_is_told_once_when_published(self):
        comment = self.comment(email="dara@example.org", notify=True)
        mail.outbox.clear()
        self.approve(comment)
        self.approve(comment)  # approved again: not told twice
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PENDING)
        self.approve(comment)
        self.assertEqual([m.to for m in mail.outbox], [["dara@example.org"]])
        notice = mail.outbox[0]
        self.assertIn(f"{self.article.full_url}#comment-{comment.pk}", notice.body)
        self.assertIn(self.article.title, notice.body)
        self.assertIn('dir="rtl"', notice.alternatives[0][0])  # in the edition's language and direction

    def test_a_writer_who_did_not_ask_is_not_told(self):
        comment = self.comment(email="dara@example.org")
        mail.outbox.clear()
        self.approve(comment)
        self.assertEqual(mail.outbox, [])

    def test_the_writer_answered_is_told_without_anything_of_the_answer(self):
        parent = self.comment(email="dara@example.org", notify=True, status=Comment.Status.APPROVED)
        reply = self.comment(
            name="Shirin", email="shirin@example.org", body="Secret reply text", parent=parent, notify=False
        )
        mail.outbox.clear()
        self.approve(reply)
        self.assertEqual([m.to for m in mail.outbox], [["dara@example.org"]])
        notice = mail.outbox[0]
        for part in (notice.subject, notice.body, notice.alternatives[0][0]):
            self.assertNotIn("Shirin", part)
            self.assertNotIn("shirin@example.org", part)
            self.assertNotIn("Secret reply", part)

    def test_a_reader_asking_without_an_address_is_told_what_is_missing(self):
        response = self.post(
            f"/fa/comments/{self.article.pk}/", {"name": "Dara", "body": "Hello there", "notify": "on"}
        )
        self.assertEqual(response.status_code, 400)
        with translation.override("fa"):  # the Farsi edition answers in Farsi
            missing = translation.gettext("Give your e-mail address to be told, or untick the box.")
        self.assertNotIn("Give your e-mail address", missing)
        self.assertContains(response, missing, status_code=400)
        self.assertFalse(Comment.objects.exists())

    def test_notices_go_through_a_real_smtp_server(self):
        comment = self.comment(email="dara@example.org", notify=True)
        with LoopbackSMTP() as smtp:
            self.approve(comment)
            sender, recipients, message = smtp.wait_for(1)[0]
        self.assertEqual(recipients, ["dara@example.org"])
        self.assertEqual(message["To"], "dara@example.org")
        self.assertEqual(
            {part.get_content_type() for part in message.walk()},
            {"multipart/alternative", "text/plain", "text/html"},
        )
        self.assertIn(f"#comment-{comment.pk}", message.get_body(("plain",)).get_content())

    def test_one_mail_per_moderator_lists_what_waits(self):
        mail.outbox.clear()
        self.comment(body="The first waiting comment.")
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox),
            ["chief@example.org", "direct@example.org", "grouped@example.org"],
        )
        self.assertIn("The first waiting comment.", mail.outbox[0].body)
        self.assertIn("/admin/snippets/comments/comment/?status=pending", mail.outbox[0].body)

    @override_settings(TASKS=DB_TASKS, NASHR_MODERATION_MAIL_DELAY=600)
    def test_comments_waiting_close_together_make_one_mail(self):
        mail.outbox.clear()
        started = timezone.now()
        self.comment(body="First comment waiting.")
        self.comment(body="Second comment waiting.")
        scheduled = DBTaskResult.objects.filter(task_path="nashr.comments.tasks.mail_moderators")
        self.assertEqual(scheduled.count(), 1)  # the second joined the first's mail
        task = scheduled.get()
        self.assertGreaterEqual(task.run_after, started + dt.timedelta(seconds=590))
        self.assertEqual(mail.outbox, [])
        task.task.call(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])  # the worker, ten minutes on
        self.assertEqual(len(mail.outbox), 3)  # one per moderator
        for message in mail.outbox:
            self.assertIn("First comment waiting.", message.body)
            self.assertIn("Second comment waiting.", message.body)
        self.comment(body="Third, after the mail.")
        self.assertEqual(scheduled.count(), 2)  # a new mail is scheduled

    def test_a_contact_message_tells_the_editions_moderators_but_not_what_it_says(self):
        home = self.article.get_parent().get_parent()
        page = ContactPage(title="تماس", slug="tamas")
        home.add_child(instance=page)
        publish(page)
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post(
                f"/fa/contact-form/{page.pk}/",
                {
                    "name": "R",
                    "email": "r@example.org",
                    "subject": "A tip",
                    "message": "Confidential words here",
                },
            )
        self.assertEqual(response.status_code, 302)
        message = ContactMessage.objects.get()
        self.assertEqual(len(mail.outbox), 3)
        for notice in mail.outbox:
            self.assertNotIn("Confidential", notice.body + notice.alternatives[0][0])
            self.assertNotIn("r@example.org", notice.body + notice.alternatives[0][0])
            self.assertIn(f"/admin/snippets/contact/contactmessage/inspect/{message.pk}/", notice.body)

    def test_a_purged_comment_is_not_announced(self):
        comment = self.comment(email="dara@example.org", notify=True)
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED)
        Comment.objects.filter(pk=comment.pk).forget()
        mail.outbox.clear()
        self.assertEqual(announce_comment.call(comment.pk), 0)
        self.assertEqual(mail.outbox, [])
