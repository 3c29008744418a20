"""What purging reader data removes of subscribers, and what it keeps."""

import datetime as dt

from django.test import TestCase
from django.utils import timezone

from ..models import Delivery, Mailing, Subscriber, Subscription, subscribe
from ..purge import select_deliveries, select_subscribers
from .factories import build_site, make_issue


class PurgeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = build_site()
        newsletter = site["lists"]["newsletter"]
        long_ago = timezone.now() - dt.timedelta(days=400)
        cls.active = subscribe("active@example.org", [newsletter], confirmed_at=long_ago)[0]
        cls.pending = subscribe("pending@example.org", [newsletter])[0]
        cls.left = subscribe("left@example.org", [newsletter], confirmed_at=long_ago)[0]
        cls.left.subscriptions.get().unsubscribe()
        Subscriber.objects.update(created_at=long_ago)
        Subscription.objects.update(requested_at=long_ago)
        Subscription.objects.filter(subscriber=cls.left).update(unsubscribed_at=long_ago)
        cls.recent = subscribe("recent@example.org", [newsletter])[0]  # asked today, not confirmed yet
        mailing = Mailing.objects.create(
            page=make_issue(site["newsletter"], 1), title="1", scheduled_at=long_ago
        )
        Delivery.objects.create(mailing=mailing, subscriber=cls.active, list=newsletter)

    def test_by_address_in_any_spelling(self):
        self.assertEqual(list(select_subscribers("  Active@EXAMPLE.org", None)), [self.active])
        self.assertEqual(select_deliveries("active@example.org", None).count(), 1)
        select_subscribers("active@example.org", None).delete()
        self.assertFalse(Subscription.objects.filter(subscriber__email="active@example.org").exists())
        self.assertFalse(Delivery.objects.exists())

    def test_by_age_only_who_receives_nothing_and_did_nothing_since(self):
        before = timezone.now() - dt.timedelta(days=30)
        self.assertEqual(set(select_subscribers(None, before)), {self.pending, self.left})
        self.assertEqual(select_deliveries(None, before).count(), 1)
        self.assertEqual(list(select_subscribers("active@example.org", before)), [])
