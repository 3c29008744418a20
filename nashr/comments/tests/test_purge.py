import datetime as dt
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone

from nashr.articles.tests.factories import make_article
from nashr.comments.models import Comment
from nashr.contact.models import ContactMessage
from nashr.core.tests.factories import add_section, build_editions


class PurgeReaderDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        article = make_article(add_section(build_editions()["en"], "Articles"), "Rain")
        old = timezone.now() - dt.timedelta(days=400)
        cls.old_approved = Comment.objects.create(page=article, name="A", body="ok", status="approved")
        cls.old_pending = Comment.objects.create(page=article, name="B", body="hm", email="b@example.org")
        cls.new = Comment.objects.create(page=article, name="C", body="new", email="b@example.org")
        Comment.objects.filter(pk__in=[cls.old_approved.pk, cls.old_pending.pk]).update(created_at=old)
        cls.message = ContactMessage.objects.create(
            name="B", email="B@example.org", subject="s", message="m" * 20
        )

    def run_command(self, *args):
        out = StringIO()
        call_command("purge_reader_data", *args, stdout=out)
        return out.getvalue()

    def test_forgets_everything_a_reader_sent_by_address(self):
        self.assertIn(
            "Deleted 2 comments and 1 contact messages", self.run_command("--email", "b@example.org")
        )
        self.assertEqual(list(Comment.objects.all()), [self.old_approved])
        self.assertFalse(ContactMessage.objects.exists())

    def test_deletes_by_age_and_can_keep_approved_comments(self):
        self.run_command("--older-than", "365", "--keep-approved")
        self.assertEqual(set(Comment.objects.all()), {self.old_approved, self.new})

    def test_dry_run_deletes_nothing(self):
        self.assertIn("Would delete 2 comments", self.run_command("--older-than", "365", "--dry-run"))
        self.assertEqual(Comment.objects.count(), 3)

    def test_refuses_to_run_without_a_criterion(self):
        with self.assertRaisesMessage(CommandError, "Say what to delete"):
            self.run_command()
        with self.assertRaisesMessage(CommandError, "zero or more"):
            self.run_command("--older-than", "-1")
