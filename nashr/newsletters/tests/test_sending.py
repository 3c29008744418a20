"""Sending an issue through a real SMTP server on loopback: who receives it, what it carries, never twice."""

import re
from datetime import timedelta

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ..loopback import LoopbackSMTP
from ..models import Delivery, Mailing, Subscriber, Subscription, subscribe
from ..sending import NothingToSend, run_mailing, send_issue
from .factories import build_site, make_issue, subscribe_many

SITE = "https://news.example.org"


@override_settings(WAGTAILADMIN_BASE_URL=SITE, NASHR_NEWSLETTER_RATE=0, NASHR_NEWSLETTER_BATCH=4)
class SendingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        cls.lists = cls.site["lists"]
        cls.issue = make_issue(cls.site["newsletter"], 7)
        cls.readers = subscribe_many(cls.lists["newsletter"], 10)

    def setUp(self):
        self.smtp = self.enterContext(LoopbackSMTP(refuse={"refused@example.org"}))
        self.enterContext(override_settings(**self.smtp.settings()))

    def send(self, **kwargs):
        with self.captureOnCommitCallbacks(execute=True):
            mailing = send_issue(self.issue, **kwargs)
        return mailing

    def received(self):
        return self.smtp.recorder.received

    def test_every_confirmed_subscriber_receives_the_issue_once(self):
        subscribe("pending@example.org", [self.lists["newsletter"]])  # never confirmed
        gone = subscribe("gone@example.org", [self.lists["newsletter"]], confirmed_at=timezone.now())[1]
        gone[self.lists["newsletter"]].unsubscribe()
        bounced, _ = subscribe("bounced@example.org", [self.lists["newsletter"]], confirmed_at=timezone.now())
        bounced.suppress("bounce")
        subscribe_many(self.lists["brief"], 3, prefix="brief")  # another periodical's list

        mailing = self.send()

        self.assertEqual(dict(self.received()), dict.fromkeys(self.readers, 1))
        mailing.refresh_from_db()
        self.assertEqual(mailing.status, Mailing.Status.SENT)
        self.assertEqual((mailing.total, mailing.progress()["sent"]), (10, 10))

    def test_a_message_has_both_parts_the_one_click_headers_and_a_visible_link(self):
        self.send()
        recipients, message = self.smtp.recorder.messages[0]
        self.assertEqual(message["Subject"], "Issue 7")
        self.assertEqual(message["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        link = re.fullmatch(
            r"<(https://news\.example\.org/en/subscriptions/unsubscribe/[^>]+/)>",
            message["List-Unsubscribe"].strip(),
        )
        self.assertIsNotNone(link, message["List-Unsubscribe"])
        self.assertIn(".news.example.org>", message["List-Id"])
        self.assertEqual([p.get_content_type() for p in message.iter_parts()], ["text/plain", "text/html"])
        text, html = (p.get_content() for p in message.iter_parts())
        self.assertIn(link.group(1), text)
        self.assertIn(link.group(1), html)
        self.assertIn(f"{SITE}/en/subscriptions/manage/", text)
        self.assertNotIn("[[", text + html)  # every token replaced

        # The link is this reader's: posting it as a mail client does takes them off the list.
        response = self.client.post(
            link.group(1).removeprefix(SITE),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            Subscription.objects.get(subscriber__email=recipients[0]).status, Subscription.Status.UNSUBSCRIBED
        )

    def test_sending_an_issue_again_sends_nothing(self):
        first = self.send()
        again = self.send()
        self.assertEqual(first.pk, again.pk)
        run_mailing(first.pk)
        self.assertEqual(self.smtp.recorder.count, 10)
        self.assertEqual(Delivery.objects.count(), 10)

    def test_a_reader_on_two_lists_receives_the_issue_once(self):
        both = subscribe_many(self.lists["brief"], 1, prefix="reader", start=0)  # reader0 is on both
        self.assertEqual(both, [self.readers[0]])
        self.send(lists=[self.lists["brief"], self.lists["newsletter"]])
        self.assertEqual(self.received()[self.readers[0]], 1)
        self.assertEqual(self.smtp.recorder.count, 10)

    def test_a_list_added_later_gets_the_issue_without_those_who_had_it(self):
        self.send()
        subscribe_many(self.lists["brief"], 2, prefix="reader", start=9)  # reader9 had it, reader10 is new
        self.send(lists=[self.lists["brief"]])
        self.assertEqual(self.received()["reader9@example.org"], 1)
        self.assertEqual(self.received()["reader10@example.org"], 1)
        self.assertEqual(Mailing.objects.count(), 2)

    def test_a_refused_address_is_recorded_and_the_rest_are_sent(self):
        subscribe("refused@example.org", [self.lists["newsletter"]], confirmed_at=timezone.now())
        mailing = self.send()
        failed = Delivery.objects.get(mailing=mailing, status=Delivery.Status.FAILED)
        self.assertEqual(failed.subscriber.email, "refused@example.org")
        self.assertIn("550", failed.error)
        self.assertEqual(self.smtp.recorder.count, 10)

    def test_who_leaves_after_the_issue_is_queued_is_left_out(self):
        mailing = send_issue(self.issue)  # its task waits for the commit, which never comes in a TestCase
        run_mailing(mailing.pk, seconds=1e-9)  # started: recipients queued, nothing sent
        Subscription.objects.filter(subscriber__email=self.readers[-1]).update(
            status=Subscription.Status.UNSUBSCRIBED
        )
        Subscriber.objects.get(email=self.readers[-2]).suppress("complaint")
        run_mailing(mailing.pk)
        self.assertNotIn(self.readers[-1], self.received())
        self.assertNotIn(self.readers[-2], self.received())
        self.assertEqual(mailing.progress()["skipped"], 2)
        self.assertEqual(self.smtp.recorder.count, 8)

    def test_a_dead_runs_claimed_rows_are_sent_except_the_one_in_flight(self):
        mailing = send_issue(self.issue)
        run_mailing(mailing.pk, seconds=1e-9)
        sent_before = self.smtp.recorder.count
        queued = list(mailing.deliveries.filter(status=Delivery.Status.QUEUED).order_by("id"))
        # A run claimed three rows and died sending the first: no heartbeat since long ago.
        Delivery.objects.filter(pk__in=[d.pk for d in queued[:3]]).update(
            status=Delivery.Status.CLAIMED, claim="dead-run"
        )
        Delivery.objects.filter(pk=queued[0].pk).update(status=Delivery.Status.SENDING)
        Mailing.objects.filter(pk=mailing.pk).update(
            runner="dead-run", beat_at=timezone.now() - timedelta(hours=1)
        )

        run_mailing(mailing.pk)

        uncertain = mailing.deliveries.get(status=Delivery.Status.UNCERTAIN)
        self.assertEqual(uncertain.pk, queued[0].pk)
        self.assertNotIn(uncertain.subscriber.email, self.received())  # not sent again
        self.assertEqual(self.smtp.recorder.count, 9)
        self.assertEqual(sent_before + len(queued) - 1, 9)
        self.assertEqual(max(self.received().values()), 1)

    def test_a_live_run_is_not_taken_over(self):
        mailing = send_issue(self.issue)
        run_mailing(mailing.pk, seconds=1e-9)
        Mailing.objects.filter(pk=mailing.pk).update(
            runner="alive", beat_at=timezone.now() + timedelta(hours=1)
        )
        with override_settings(NASHR_NEWSLETTER_STALE_AFTER=0.2):
            self.assertEqual(run_mailing(mailing.pk), (0, True))
        self.assertEqual(
            mailing.deliveries.filter(status=Delivery.Status.SENT).count(), self.smtp.recorder.count
        )

    def test_a_scheduled_issue_waits_for_its_time(self):
        mailing = self.send(at=timezone.now() + timedelta(hours=2))
        self.assertEqual(run_mailing(mailing.pk), (0, True))
        self.assertEqual(self.smtp.recorder.count, 0)
        Mailing.objects.filter(pk=mailing.pk).update(scheduled_at=timezone.now())
        run_mailing(mailing.pk)
        self.assertEqual(self.smtp.recorder.count, 10)

    def test_a_draft_or_an_issue_without_a_list_is_refused(self):
        orphan = make_issue(self.site["newsletter"], 8, periodical="brief")
        self.lists["brief"].delete()
        with self.assertRaises(NothingToSend):
            send_issue(orphan)
        orphan.unpublish()
        with self.assertRaises(NothingToSend):
            send_issue(orphan, lists=[self.lists["newsletter"]])

    def test_sending_costs_about_one_sql_statement_per_recipient(self):
        subscribe_many(self.lists["newsletter"], 190, prefix="more")  # 200 in all
        mailing = send_issue(self.issue)
        run_mailing(mailing.pk, seconds=1e-9)  # queued
        with override_settings(NASHR_NEWSLETTER_BATCH=100), CaptureQueriesContext(connection) as queries:
            run_mailing(mailing.pk)
        self.assertEqual(self.smtp.recorder.count, 200)
        self.assertLess(len(queries), 200 * 1.25)  # one UPDATE each, a few per batch and per run

    def test_an_unreachable_server_loses_nothing(self):
        mailing = send_issue(self.issue)
        with override_settings(EMAIL_PORT=1), self.assertRaises(OSError):
            run_mailing(mailing.pk)
        self.assertEqual(mailing.progress()["queued"], 10)
        run_mailing(mailing.pk)
        self.assertEqual(self.smtp.recorder.count, 10)
