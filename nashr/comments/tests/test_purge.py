import datetime as dt
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone

from nashr.articles.tests.factories import make_article
from nashr.comments.models import Comment
from nashr.contact.models import ContactMessage
from nashr.core.reader_data import ReaderData, by_email_and_age, kinds, register
from nashr.core.tests.factories import add_section, build_editions


def run_command(*args):
    out = StringIO()
    call_command("purge_reader_data", *args, stdout=out)
    return out.getvalue()


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

    def test_forgets_everything_a_reader_sent_by_address_and_says_exactly_what(self):
        output = run_command("--email", "b@example.org")
        self.assertIn("comments: 2 deleted, 0 anonymised\n", output)
        self.assertIn("contact messages: 1 deleted\n", output)
        self.assertIn("Rows deleted in all: 2 comments.Comment (comments), 1 contact.ContactMessage", output)
        self.assertEqual(list(Comment.objects.all()), [self.old_approved])
        self.assertFalse(ContactMessage.objects.exists())

    def test_deletes_by_age_and_can_keep_approved_comments(self):
        self.assertIn("comments: 1 deleted", run_command("--older-than", "365", "--keep-approved"))
        self.assertEqual(set(Comment.objects.all()), {self.old_approved, self.new})

    def test_dry_run_counts_exactly_and_changes_nothing(self):
        self.new.parent = self.old_pending
        self.new.email = ""
        self.new.save()
        output = run_command("--older-than", "365", "--dry-run")
        self.assertIn("Dry run: nothing was changed", output)
        self.assertIn("comments: 1 deleted, 1 anonymised\n", output)
        self.assertEqual(Comment.objects.count(), 3)
        self.assertFalse(Comment.objects.filter(removed=True).exists())
        self.assertEqual(Comment.objects.get(pk=self.old_pending.pk).email, "b@example.org")

    def test_refuses_to_run_without_a_criterion(self):
        with self.assertRaisesMessage(CommandError, "Say what to delete"):
            run_command()
        with self.assertRaisesMessage(CommandError, "zero or more"):
            run_command("--older-than", "-1")


class PurgeKeepsOthersRepliesTests(TestCase):
    """Forgetting one reader keeps every other reader's reply in its place in the thread."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(add_section(build_editions()["en"], "Articles"), "Rain")

        def comment(name, parent=None, email=""):
            return Comment.objects.create(
                page=cls.article,
                name=name,
                body=f"{name} writes",
                email=email,
                parent=parent,
                status="approved",
            )

        gone = "gone@example.org"
        cls.top = comment("Gone", email=gone)  # answered by Other: a placeholder
        cls.reply = comment("Other", cls.top)
        cls.own_reply = comment("Gone again", cls.reply, email=gone)  # unanswered: deleted
        cls.chain = comment("Gone thrice", email=gone)  # answered only by Gone, who is answered by Other
        cls.middle = comment("Gone four", cls.chain, email=gone)
        cls.late = comment("Late", cls.middle)
        cls.alone = comment("Gone alone", email=gone)  # nobody answered: deleted
        cls.output = run_command("--email", gone.upper())

    def test_a_comment_others_answered_stays_as_a_placeholder_without_what_its_writer_sent(self):
        for pk in (self.top.pk, self.chain.pk, self.middle.pk):
            placeholder = Comment.objects.get(pk=pk)
            self.assertTrue(placeholder.removed)
            self.assertEqual((placeholder.name, placeholder.email, placeholder.body), ("", "", ""))
        self.assertFalse(Comment.objects.filter(pk__in=[self.own_reply.pk, self.alone.pk]).exists())
        self.assertIn("comments: 2 deleted, 3 anonymised", self.output)

    def test_the_replies_keep_their_place_in_the_thread(self):
        thread = Comment.objects.approved().filter(page=self.article).threaded()
        self.assertEqual(
            [(c.pk, c.depth) for c in thread],
            [
                (self.top.pk, 0),
                (self.reply.pk, 1),
                (self.chain.pk, 0),
                (self.middle.pk, 1),
                (self.late.pk, 2),
            ],
        )
        self.assertEqual(Comment.objects.get(pk=self.reply.pk).body, "Other writes")

    def test_the_article_shows_the_placeholder_and_not_the_purged_text(self):
        html = self.client.get(self.article.url).content.decode()
        self.assertIn("Other writes", html)
        self.assertIn("Late writes", html)
        self.assertNotIn("Gone", html)
        self.assertEqual(html.count("This comment was removed at its writer’s request."), 3)

    def test_a_second_run_finds_nothing_more_to_do(self):
        self.assertIn("comments: 0 deleted, 0 anonymised", run_command("--email", "gone@example.org"))

    def test_placeholders_go_once_nothing_answers_them(self):
        Comment.objects.filter(pk__in=[self.reply.pk, self.late.pk]).delete()
        self.assertIn("comments: 3 deleted, 0 anonymised", run_command("--older-than", "0"))
        self.assertFalse(Comment.objects.exists())

    def test_deleting_a_comment_in_the_admin_keeps_the_replies(self):
        Comment.objects.get(pk=self.middle.pk).delete()
        self.assertIsNone(Comment.objects.get(pk=self.late.pk).parent)


class RegistryTests(TestCase):
    def test_another_kind_of_reader_data_joins_the_purge(self):
        from nashr.core import reader_data

        saved = dict(reader_data.REGISTRY)
        self.addCleanup(lambda: (reader_data.REGISTRY.clear(), reader_data.REGISTRY.update(saved)))
        # only this app's kinds and the sample (other apps join the registry too)
        for name in [name for name in reader_data.REGISTRY if name not in ("comments", "contact messages")]:
            del reader_data.REGISTRY[name]
        register(
            ReaderData(
                "sample messages",
                select=lambda email, before, options: by_email_and_age(
                    ContactMessage.objects.filter(subject="sample"), email, before
                ),
                order=30,
            )
        )
        self.assertEqual([k.name for k in kinds()], ["comments", "contact messages", "sample messages"])
        ContactMessage.objects.create(name="R", email="r@example.org", subject="sample", message="m" * 20)
        output = run_command("--email", "r@example.org")
        self.assertIn("contact messages: 1 deleted\nsample messages: 0 deleted\n", output)
