"""The admin: "Send to subscribers" on a published issue, mailings and their progress, lists, subscribers."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import TestCase, override_settings
from django.utils import timezone

from ..loopback import LoopbackSMTP
from ..models import Delivery, Mailing
from .factories import build_site, make_issue, subscribe_many


@override_settings(NASHR_NEWSLETTER_RATE=0)
class AdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = build_site()
        cls.lists = site["lists"]
        cls.issue = make_issue(site["newsletter"], 5)
        cls.readers = subscribe_many(cls.lists["newsletter"], 3)
        cls.chief = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def setUp(self):
        self.smtp = self.enterContext(LoopbackSMTP())
        self.enterContext(override_settings(**self.smtp.settings()))
        self.client.force_login(self.chief)
        self.url = f"/admin/newsletters/send/{self.issue.pk}/"

    def test_a_published_issue_offers_send_to_subscribers(self):
        self.assertContains(self.client.get(f"/admin/pages/{self.issue.pk}/edit/"), self.url)
        page = self.client.get(self.url)
        self.assertContains(page, "Weekly newsletter (3 subscribers)")
        self.assertContains(page, "Culture brief")

    def test_sending_from_the_admin_sends_and_shows_progress(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, {"lists": [self.lists["newsletter"].pk]})
        mailing = Mailing.objects.get()
        self.assertRedirects(response, f"/admin/newsletters/mailings/{mailing.pk}/")
        self.assertEqual(self.smtp.recorder.count, 3)
        self.assertEqual(mailing.created_by, self.chief)
        self.assertContains(self.client.get("/admin/newsletters/mailings/"), "3 of 3 sent")
        # The list has the issue now: it is not offered again.
        self.assertNotContains(self.client.get(self.url), "Weekly newsletter (3 subscribers)")

    def test_a_scheduled_mailing_can_be_cancelled_before_it_starts(self):
        at = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
        self.client.post(self.url, {"lists": [self.lists["newsletter"].pk], "send_at": at})
        mailing = Mailing.objects.get()
        self.assertEqual(mailing.status, Mailing.Status.SCHEDULED)
        self.client.post(f"/admin/newsletters/mailings/{mailing.pk}/cancel/")
        mailing.refresh_from_db()
        self.assertEqual(mailing.status, Mailing.Status.CANCELLED)
        self.assertFalse(Delivery.objects.exists())
        self.assertContains(self.client.get(self.url), "Weekly newsletter (3 subscribers)")

    def test_bad_input_is_shown_on_the_form(self):
        response = self.client.post(self.url, {"lists": [], "send_at": "2001-01-01 10:00"})
        self.assertContains(response, "This field is required.")
        self.assertContains(response, "This time has passed.")
        self.assertFalse(Mailing.objects.exists())

    def test_who_may_not_publish_the_issue_may_not_send_it(self):
        nobody = get_user_model().objects.create_user("reader", "r@example.org", "pw")
        nobody.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        self.client.force_login(nobody)
        response = self.client.post(self.url, {"lists": [self.lists["newsletter"].pk]})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)  # Wagtail's "no permission"
        self.assertFalse(Mailing.objects.exists())

    def test_lists_and_subscribers_in_the_admin(self):
        self.assertContains(self.client.get("/admin/newsletters/lists/"), "Weekly newsletter")
        subscribers = self.client.get("/admin/newsletters/subscribers/")
        self.assertContains(subscribers, self.readers[0])
        self.assertNotContains(subscribers, "/admin/newsletters/subscribers/new/")
        self.assertEqual(self.client.get("/admin/newsletters/subscribers/new/").status_code, 302)  # refused
