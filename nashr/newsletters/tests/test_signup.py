"""Readers sign up, confirm, manage their lists and leave: forms without JavaScript, on cached pages."""

import re

from django.core import mail
from django.core.cache import cache
from django.test import TestCase, override_settings

from .. import tokens
from ..models import Subscriber, Subscription, subscribe
from .factories import build_site, make_list

SITE = "https://news.example.org"
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@override_settings(WAGTAILADMIN_BASE_URL=SITE)
class SignupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        cls.lists = cls.site["lists"]
        cls.hidden = make_list("en", "other", name="Staff only", public=False)
        cls.farsi = make_list("fa", "newsletter", name="خبرنامه")

    def setUp(self):
        cache.clear()  # the rate limit

    def sign_up(self, email="Reader@Example.org", lists=None, **extra):
        data = {"email": email, "name": "", "lists": [m.pk for m in lists or [self.lists["newsletter"]]]}
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                "/en/subscriptions/", {**data, **extra.pop("data", {})}, **{**ORIGIN, **extra}
            )

    def link(self, message, kind):
        return re.search(rf"{SITE}(/en/subscriptions/{kind}/[^/\s]+/)", message.body).group(1)

    def test_every_page_offers_the_signup_form_without_a_token_or_cookie(self):
        response = self.client.get("/en/")
        form = re.search(
            r'<form class="form newsletter-signup__form"[^>]*action="/en/subscriptions/"', response.text
        )
        self.assertIsNotNone(form)
        self.assertContains(response, 'name="lists"')
        self.assertContains(response, "Culture brief")
        self.assertNotContains(response, "Staff only")
        self.assertNotContains(response, "csrfmiddlewaretoken")
        self.assertEqual(response.cookies, {})
        self.assertContains(self.client.get("/fa/"), "خبرنامه")

    def test_a_lists_page_offers_that_list(self):
        response = self.client.get(self.site["newsletter"].url)
        self.assertContains(response, 'id="list-signup-lists_0"')
        section = response.text.split('id="list-signup-')[1:]
        self.assertTrue(any("Weekly newsletter" in part for part in section))
        self.assertFalse(any("Culture brief" in part for part in section[:3]))

    def test_signing_up_waits_for_the_confirmation_mailed_to_the_address(self):
        response = self.sign_up()
        self.assertRedirects(response, "/en/subscriptions/sent/")
        subscription = Subscription.objects.get()
        self.assertEqual(subscription.subscriber.email, "reader@example.org")  # normalised
        self.assertEqual(subscription.status, Subscription.Status.PENDING)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["reader@example.org"])
        self.assertEqual(message.subject, "Please confirm your subscription")
        confirm = self.link(message, "confirm")

        page = self.client.get(confirm)  # a mail scanner opening the link confirms nothing
        self.assertContains(page, "Weekly newsletter")
        self.assertEqual(page["Cache-Control"], "private, no-store")
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, Subscription.Status.PENDING)

        self.assertContains(self.client.post(confirm), "you are subscribed")
        subscription.refresh_from_db()
        self.assertEqual(subscription.status, Subscription.Status.SUBSCRIBED)
        self.assertIsNotNone(subscription.confirmed_at)

    def test_a_known_address_gets_the_same_answer_and_its_owner_is_told(self):
        subscribe(
            "reader@example.org", [self.lists["newsletter"]], confirmed_at=self.lists["brief"].pk and None
        )
        Subscription.objects.update(status=Subscription.Status.SUBSCRIBED)
        new = self.sign_up(email="someone@example.org")
        known = self.sign_up(email="reader@example.org")
        self.assertEqual((new.status_code, new["Location"]), (known.status_code, known["Location"]))
        self.assertEqual(mail.outbox[1].subject, "You are already subscribed")
        self.assertNotIn("/confirm/", mail.outbox[1].body)
        self.assertIn("/en/subscriptions/manage/", mail.outbox[1].body)

    def test_bad_input_is_answered_with_the_form_and_its_errors(self):
        response = self.sign_up(email="not an address")
        self.assertContains(response, "Enter a valid email address.", status_code=400)
        self.assertContains(response, 'aria-invalid="true"', status_code=400)
        response = self.sign_up(data={"lists": []})
        self.assertContains(response, "Choose at least one list.", status_code=400)
        response = self.sign_up(lists=[self.hidden])
        self.assertEqual(response.status_code, 400)
        response = self.sign_up(lists=[self.farsi])  # another edition's list
        self.assertEqual(response.status_code, 400)
        response = self.sign_up(data={"website": "http://spam.example"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response["Cache-Control"], "private, no-store")
        self.assertFalse(Subscriber.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_a_post_from_another_site_is_refused(self):
        response = self.sign_up(HTTP_ORIGIN="https://elsewhere.example")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Subscriber.objects.exists())

    @override_settings(NASHR_FORM_RATE={"signup": (2, 600)})
    def test_signups_are_rate_limited(self):
        self.sign_up(email="a@example.org")
        self.sign_up(email="b@example.org")
        response = self.sign_up(email="c@example.org")
        self.assertEqual(response.status_code, 429)
        self.assertEqual(Subscriber.objects.count(), 2)

    def test_an_expired_or_forged_confirmation_link_confirms_nothing(self):
        self.sign_up()
        confirm = self.link(mail.outbox[0], "confirm")
        with override_settings(NASHR_NEWSLETTER_CONFIRM_DAYS=-1):
            self.assertContains(self.client.post(confirm), "expired", status_code=410)
        forged = confirm.replace("/confirm/", "/confirm/x")
        self.assertEqual(self.client.post(forged).status_code, 404)
        self.assertEqual(Subscription.objects.get().status, Subscription.Status.PENDING)

    def test_one_click_unsubscribe_answers_a_post_without_login_or_page(self):
        subscriber, found = subscribe("reader@example.org", list(self.lists.values()), confirmed_at=None)
        Subscription.objects.update(status=Subscription.Status.SUBSCRIBED)
        token = tokens.unsubscribe_token(subscriber.key, self.lists["newsletter"].pk)
        url = f"/en/subscriptions/unsubscribe/{token}/"
        self.assertContains(self.client.get(url), "Stop receiving")  # a button for a person
        response = self.client.post(
            url,
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
            HTTP_ORIGIN="https://mail.provider.example",  # a mail provider's server posts it
        )
        self.assertEqual(response.status_code, 200)
        statuses = dict(Subscription.objects.values_list("list__kind", "status"))
        self.assertEqual(statuses, {"newsletter": "unsubscribed", "brief": "subscribed"})
        self.assertEqual(self.client.post(url.replace("/unsubscribe/", "/unsubscribe/x")).status_code, 404)

    def test_a_subscriber_manages_their_lists_from_the_signed_link(self):
        subscriber, _ = subscribe("reader@example.org", [self.lists["newsletter"]])
        Subscription.objects.update(status=Subscription.Status.SUBSCRIBED)
        url = f"/en/subscriptions/manage/{tokens.manage_token(subscriber.key)}/"
        page = self.client.get(url)
        form = page.text.split('<form class="form" method="post" novalidate>')[1].split("</form>")[0]
        self.assertEqual(form.count("checked"), 1)
        self.assertIn("Weekly newsletter", form.split("checked")[1].split("</label>")[0])
        self.assertNotContains(page, "Staff only")
        self.assertNotContains(page, "reader@example.org")  # the link shows lists, not who holds it

        response = self.client.post(url, {"lists": [self.lists["brief"].pk]}, **ORIGIN)
        self.assertContains(response, "Your choice is saved.")
        statuses = dict(Subscription.objects.values_list("list__kind", "status"))
        self.assertEqual(statuses, {"newsletter": "unsubscribed", "brief": "subscribed"})
        self.assertEqual(self.client.post(url, {}, HTTP_ORIGIN="https://elsewhere.example").status_code, 403)
        self.assertEqual(self.client.get(url.replace("/manage/", "/manage/x")).status_code, 404)

    def test_nothing_about_a_subscriber_shows_on_public_pages(self):
        self.sign_up(email="private.reader@example.org")
        for url in ("/en/", self.site["newsletter"].url, "/en/subscriptions/sent/"):
            self.assertNotContains(self.client.get(url), "private.reader")

    def test_a_new_list_appears_in_the_cached_footer_at_once(self):
        self.assertNotContains(self.client.get("/en/"), "Weekly digest")
        with self.captureOnCommitCallbacks(execute=True):
            make_list("en", "digest", name="Weekly digest")
        self.assertContains(self.client.get("/en/"), "Weekly digest")
