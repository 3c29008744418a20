import datetime as dt

from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.models import Locale

from nashr.articles.models import ArticlePage
from nashr.core.tests.factories import add_section, build_editions, publish
from nashr.publications import digest
from nashr.publications.models import DigestRun, DigestSchedule, PeriodicalIssuePage
from nashr.publications.tests import senders
from nashr.publications.tests.factories import add_issue
from nashr.worker.management.commands.worker import rounds

UTC = dt.UTC
# Friday 5 December 2025, 09:00 in Tehran (UTC+3:30) is 05:30 UTC.
DUE = dt.datetime(2025, 12, 5, 5, 30, tzinfo=UTC)


def add_article(section, title, published):
    article = ArticlePage(
        title=title, slug=title.lower().replace(" ", "-"), summary=f"About {title.lower()}."
    )
    section.add_child(instance=article)
    publish(article)
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published, published_at=published)
    return article


class DueTimeTests(TestCase):
    def schedule(self, **fields):
        fields = {"weekday": DigestSchedule.Weekday.FRIDAY, "hour": 9, "time_zone": "Asia/Tehran", **fields}
        return DigestSchedule(**fields)

    def test_the_hour_is_the_newsrooms(self):
        schedule = self.schedule()
        self.assertEqual(digest.due_at(schedule, DUE), DUE)
        self.assertEqual(digest.due_at(schedule, DUE + dt.timedelta(days=6)), DUE)
        self.assertEqual(digest.due_at(schedule, DUE - dt.timedelta(minutes=1)), DUE - dt.timedelta(days=7))

    def test_summer_time_moves_the_hour_in_utc(self):
        schedule = DigestSchedule(weekday=DigestSchedule.Weekday.SUNDAY, hour=8, time_zone="Europe/Tirane")
        winter = digest.due_at(schedule, dt.datetime(2025, 12, 8, tzinfo=UTC))
        summer = digest.due_at(schedule, dt.datetime(2025, 7, 7, tzinfo=UTC))
        self.assertEqual(winter, dt.datetime(2025, 12, 7, 7, 0, tzinfo=UTC))
        self.assertEqual(summer, dt.datetime(2025, 7, 6, 6, 0, tzinfo=UTC))

    def test_an_unknown_time_zone_is_refused(self):
        from django.core.exceptions import ValidationError

        schedule = self.schedule(time_zone="Mars/Olympus")
        with self.assertRaises(ValidationError) as caught:
            schedule.clean_fields(exclude=["locale", "section"])
        self.assertIn("time_zone", caught.exception.message_dict)


class ComposeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.fa = Locale.objects.get(language_code="fa")
        cls.digests = add_section(homes["fa"], "خلاصهٔ هفته", "digest")
        cls.news = add_section(homes["fa"], "خبر", "news")
        cls.culture = add_section(homes["fa"], "فرهنگ", "culture")
        week = DUE - dt.timedelta(days=7)
        cls.old = add_article(cls.news, "Old", week - dt.timedelta(hours=1))
        cls.first = add_article(cls.news, "First", week + dt.timedelta(days=1))
        cls.second = add_article(cls.news, "Second", week + dt.timedelta(days=3))
        cls.film = add_article(cls.culture, "Film", week + dt.timedelta(days=2))
        cls.late = add_article(cls.news, "Late", DUE + dt.timedelta(minutes=1))
        cls.hidden = add_article(cls.news, "Hidden", week + dt.timedelta(days=2))
        cls.hidden.unpublish()
        add_article(add_section(homes["en"], "News", "news"), "English", week + dt.timedelta(days=1))
        cls.previous = add_issue(cls.digests, "خلاصهٔ هفته – ۳۰۵", 305)
        PeriodicalIssuePage.objects.filter(pk=cls.previous.pk).update(first_published_at=week)
        cls.schedule = DigestSchedule.objects.create(
            locale=cls.fa, section=cls.digests, weekday=4, hour=9, time_zone="Asia/Tehran"
        )
        DigestSchedule.objects.filter(pk=cls.schedule.pk).update(created_at=week)
        cls.schedule.refresh_from_db()

    def test_draft_holds_the_weeks_pieces_by_section_numbered_next(self):
        [page] = digest.compose_due(now=DUE + dt.timedelta(minutes=5))
        page = PeriodicalIssuePage.objects.get(pk=page.pk)
        self.assertFalse(page.live)
        self.assertEqual(page.number, 306)
        self.assertTrue(page.title.endswith(" – ۳۰۶"), page.title)  # the edition's digits
        self.assertEqual(page.get_parent().pk, self.digests.pk)
        self.assertEqual(page.published_at, DUE)
        groups = [(g["name"], [e.title for e in g["items"]]) for g in page.digest_groups()]
        self.assertEqual(groups, [("خبر", ["Second", "First"]), ("فرهنگ", ["Film"])])
        first = page.digest_groups()[0]["items"][1]
        self.assertEqual(first.summary, "About first.")
        self.assertEqual(first.url, self.first.url)
        self.assertTrue(page.get_latest_revision())

    def test_one_draft_per_week_whatever_happens_to_it(self):
        now = DUE + dt.timedelta(minutes=5)
        self.assertEqual(len(digest.compose_due(now=now)), 1)
        self.assertEqual(digest.compose_due(now=now + dt.timedelta(hours=30)), [])
        PeriodicalIssuePage.objects.get(number=306).delete()  # an editor deletes the draft
        self.assertEqual(digest.compose_due(now=now + dt.timedelta(hours=31)), [])
        self.assertEqual(DigestRun.objects.count(), 1)
        self.assertFalse(PeriodicalIssuePage.objects.filter(number=306).exists())

    def test_not_before_the_hour_and_the_next_week_starts_where_this_one_ended(self):
        DigestSchedule.objects.filter(pk=self.schedule.pk).update(created_at=DUE - dt.timedelta(days=1))
        self.assertEqual(digest.compose_due(now=DUE - dt.timedelta(minutes=1)), [])  # due before it was made
        digest.compose_due(now=DUE)
        [following] = digest.compose_due(now=DUE + dt.timedelta(days=7))
        following = PeriodicalIssuePage.objects.get(pk=following.pk)
        self.assertEqual(following.number, 307)
        self.assertEqual([e.title for g in following.digest_groups() for e in g["items"]], ["Late"])

    def test_the_worker_round_composes(self):
        DigestSchedule.objects.filter(pk=self.schedule.pk).update(
            created_at=timezone.now() - dt.timedelta(days=8)
        )
        with self.assertLogs("nashr.worker", "INFO") as logs:
            rounds()
        self.assertTrue(PeriodicalIssuePage.objects.filter(number=306, live=False).exists())
        self.assertTrue(any("Digest: drafted" in line for line in logs.output))

    def test_a_disabled_schedule_composes_nothing(self):
        DigestSchedule.objects.filter(pk=self.schedule.pk).update(enabled=False)
        self.assertEqual(digest.compose_due(now=DUE + dt.timedelta(minutes=5)), [])

    @override_settings(NASHR_ISSUE_SENDER="nashr.publications.tests.senders.record")
    def test_unattended_digest_is_published_then_sent(self):
        DigestSchedule.objects.filter(pk=self.schedule.pk).update(auto_send=True)
        senders.SENT.clear()
        [page] = digest.compose_due(now=DUE + dt.timedelta(minutes=5))
        self.assertEqual(senders.SENT, [(page.pk, True)])
        self.assertTrue(PeriodicalIssuePage.objects.get(pk=page.pk).live)

    @override_settings(NASHR_ISSUE_SENDER="nashr.no_such_app.sending.send_issue")
    def test_without_a_sender_an_unattended_digest_stays_a_draft(self):
        DigestSchedule.objects.filter(pk=self.schedule.pk).update(auto_send=True)
        with self.assertLogs("nashr.worker", "ERROR") as logs:
            [page] = digest.compose_due(now=DUE + dt.timedelta(minutes=5))
        self.assertFalse(PeriodicalIssuePage.objects.get(pk=page.pk).live)
        self.assertIn("stays a draft", logs.output[-1])

    def test_the_default_sender_is_the_newsletters_app(self):
        sender = digest.issue_sender()
        try:
            from nashr.newsletters.sending import send_issue
        except ImportError:
            self.assertIsNone(sender)
        else:
            self.assertIs(sender, send_issue)

    def test_a_section_of_another_edition_is_refused(self):
        from django.core.exceptions import ValidationError

        schedule = DigestSchedule(locale=Locale.objects.get(language_code="en"), section=self.digests)
        with self.assertRaises(ValidationError):
            schedule.clean()


class EntryValidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Weekly digest", "digest")
        cls.fa_article = add_article(add_section(homes["fa"], "خبر", "news"), "Farsi piece", DUE)

    def test_an_entry_is_a_piece_or_an_outside_link_with_a_title(self):
        from wagtail.blocks.struct_block import StructBlockValidationError

        from nashr.publications.blocks import DigestItemBlock

        block = DigestItemBlock()
        for value in (
            {"page": None, "url": "", "title": "Nothing"},
            {"page": self.fa_article, "url": "https://example.org/", "title": ""},
            {"page": None, "url": "https://example.org/", "title": ""},
        ):
            with self.subTest(value=value), self.assertRaises(StructBlockValidationError):
                block.clean(block.to_python({**value, "page": value["page"] and value["page"].pk}))

    def test_a_piece_of_another_edition_is_refused_with_its_title(self):
        from django.core.exceptions import ValidationError

        from nashr.publications.tests.factories import entry

        issue = add_issue(self.section, "Weekly digest – 1", 1, live=False)
        issue.items = [entry(page=self.fa_article)]
        with self.assertRaises(ValidationError) as caught:
            issue.full_clean()
        self.assertIn("Farsi piece", str(caught.exception.message_dict["items"]))
