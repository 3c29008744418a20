"""The provider's tracking webhook (Postmark's, through django-anymail) suppresses bounced addresses."""

import base64
import json

from django.test import TestCase, override_settings
from django.utils import timezone

from ..models import Subscriber, subscribe
from .factories import build_site

URL = "/anymail/postmark/tracking/"
SECRET = "nashr:webhook-secret"


def bounce(email, kind="HardBounce", record="Bounce"):
    """A Postmark bounce webhook body, as Postmark documents it."""
    return {
        "RecordType": record,
        "ID": 4323372036854775807,
        "Type": kind,
        "TypeCode": 1,
        "Name": "Hard bounce",
        "Tag": "",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "ServerID": 23,
        "MessageStream": "broadcast",
        "Description": "The server was unable to deliver your message.",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "newsroom@example.org",
        "BouncedAt": "2026-12-05T08:00:00Z",
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Issue 7",
    }


@override_settings(ANYMAIL={"WEBHOOK_SECRET": SECRET})
class WebhookTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = build_site()
        for email in ("gone@example.org", "full@example.org", "angry@example.org"):
            subscribe(email, [site["lists"]["newsletter"]], confirmed_at=timezone.now())

    def post(self, payload, secret=SECRET):
        auth = "Basic " + base64.b64encode(secret.encode()).decode()
        return self.client.post(
            URL, json.dumps(payload), content_type="application/json", HTTP_AUTHORIZATION=auth
        )

    def suppressed(self):
        return set(Subscriber.objects.exclude(suppressed_at=None).values_list("email", flat=True))

    def test_a_hard_bounce_and_a_complaint_suppress_the_address(self):
        self.assertEqual(self.post(bounce("Gone@Example.org")).status_code, 200)
        self.assertEqual(
            self.post(bounce("angry@example.org", "SpamComplaint", "SpamComplaint")).status_code, 200
        )
        self.assertEqual(self.suppressed(), {"gone@example.org", "angry@example.org"})
        self.assertEqual(
            Subscriber.objects.get(email="gone@example.org").suppressed_reason, "bounce (Postmark)"
        )

    def test_a_soft_bounce_or_an_unknown_address_changes_nothing(self):
        self.assertEqual(self.post(bounce("full@example.org", "SoftBounce")).status_code, 200)
        self.assertEqual(self.post(bounce("stranger@example.org")).status_code, 200)
        self.assertEqual(self.suppressed(), set())
        self.assertFalse(Subscriber.objects.filter(email="stranger@example.org").exists())

    def test_a_report_without_the_secret_is_refused(self):
        response = self.post(bounce("gone@example.org"), secret="nashr:guess")
        self.assertIn(response.status_code, (400, 401, 403))
        self.assertEqual(self.suppressed(), set())

    @override_settings(ANYMAIL={"WEBHOOK_SECRET": ""})
    def test_without_a_secret_configured_reports_are_ignored(self):
        with self.assertWarns(Warning):
            self.post(bounce("gone@example.org"), secret="x:y")
        self.assertEqual(self.suppressed(), set())

    def test_an_address_no_provider_answers_is_like_any_unknown_address(self):
        unknown = self.client.post("/nowhere/tracking/")
        for path in ("/anymail/nowhere/tracking/", "/anymail/postmark/nothing/"):
            response = self.client.post(path)
            self.assertEqual(response.status_code, unknown.status_code)
            expected = unknown.get("Location").replace("/nowhere/tracking/", path)
            self.assertEqual(response.get("Location"), expected)
