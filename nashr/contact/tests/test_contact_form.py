from django.core.cache import cache
from django.test import TestCase, override_settings

from nashr.contact.models import ContactMessage, ContactPage
from nashr.core.tests.factories import build_editions, publish, translate


class ContactFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.page = ContactPage(title="Contact", slug="contact", thanks="Thanks, we read everything.")
        homes["en"].add_child(instance=cls.page)
        publish(cls.page)
        cls.fa_page = translate(cls.page, "fa", title="تماس")

    def setUp(self):
        cache.clear()  # the rate limit lives in the cache

    def valid(self, **overrides):
        return {
            "name": "Sami",
            "email": "sami@example.org",
            "subject": "A correction",
            "message": "The date in the weather story is wrong.",
            "website": "",
            **overrides,
        }

    @property
    def action(self):
        return f"/en/contact-form/{self.page.pk}/"

    def test_form_is_shown_without_a_per_visitor_token_and_with_a_hidden_honeypot(self):
        response = self.client.get(self.page.url)
        self.assertNotContains(response, "csrfmiddlewaretoken")
        self.assertNotIn("csrftoken", response.cookies)
        self.assertContains(response, f'action="{self.action}"')
        self.assertContains(response, 'name="website"')
        self.assertContains(response, "form__field--trap")

    def test_fields_follow_the_script_typed_and_email_runs_left_to_right(self):
        html = self.client.get(self.fa_page.url).content.decode()
        for name in ["name", "subject"]:
            self.assertRegex(html, rf'<input type="text" name="{name}"[^>]* dir="auto"')
        self.assertRegex(html, r'<textarea name="message"[^>]* dir="auto"')
        self.assertRegex(html, r'<input type="email" name="email"[^>]* dir="ltr"')

    def test_good_message_is_stored_and_thanked(self):
        response = self.client.post(self.action, self.valid())
        self.assertRedirects(response, f"{self.page.url}thanks/")
        message = ContactMessage.objects.get()
        self.assertEqual((message.name, message.subject, message.language), ("Sami", "A correction", "en"))
        self.assertContains(self.client.get(f"{self.page.url}thanks/"), "Thanks, we read everything.")

    def test_bad_input_rerenders_with_errors_and_keeps_what_was_typed(self):
        response = self.client.post(self.action, self.valid(email="not-an-address", message="short"))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Enter a valid email address.", status_code=400)
        self.assertContains(response, "Please write at least a few words.", status_code=400)
        self.assertContains(response, 'value="A correction"', status_code=400)
        self.assertContains(response, 'value="not-an-address"', status_code=400)
        self.assertContains(
            response, 'aria-invalid="true" aria-describedby="id_email-error"', status_code=400
        )
        self.assertContains(response, 'id="id_email-error"', status_code=400)
        self.assertFalse(ContactMessage.objects.exists())

    def test_missing_fields_are_named(self):
        response = self.client.post(self.action, {})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(set(response.context["form"].errors), {"name", "email", "subject", "message"})

    def test_honeypot_filled_by_a_robot_is_refused(self):
        response = self.client.post(self.action, self.valid(website="http://spam.example"))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ContactMessage.objects.exists())

    def test_a_message_sent_from_another_site_is_refused(self):
        client = self.client_class(enforce_csrf_checks=True)
        for header in ({"HTTP_ORIGIN": "https://elsewhere.example"}, {"HTTP_REFERER": "http://evil.test/x"}):
            self.assertEqual(client.post(self.action, self.valid(), **header).status_code, 403)
        self.assertFalse(ContactMessage.objects.exists())

    def test_a_message_sent_from_the_site_itself_needs_no_token(self):
        client = self.client_class(enforce_csrf_checks=True)
        response = client.post(self.action, self.valid(), HTTP_ORIGIN="http://testserver")
        self.assertRedirects(response, f"{self.page.url}thanks/")
        self.assertEqual(ContactMessage.objects.count(), 1)

    def test_posting_to_the_page_itself_still_asks_for_a_token(self):
        client = self.client_class(enforce_csrf_checks=True)
        self.assertEqual(client.post(self.page.url, self.valid()).status_code, 403)

    def test_farsi_form_records_its_edition(self):
        self.client.post(f"/fa/contact-form/{self.fa_page.pk}/", self.valid())
        self.assertEqual(ContactMessage.objects.get().language, "fa")

    def test_messages_are_listed_for_staff_in_the_admin(self):
        ContactMessage.objects.create(
            name="Sami", email="s@example.org", subject="Hello there", message="x" * 20
        )
        staff = self.client_class()
        from django.contrib.auth import get_user_model

        staff.force_login(get_user_model().objects.create_superuser("editor", "e@example.org", "pw"))
        response = staff.get("/admin/snippets/contact/contactmessage/")
        self.assertContains(response, "Hello there")
        self.assertEqual(self.client.get("/admin/snippets/contact/contactmessage/").status_code, 302)

    @override_settings(NASHR_FORM_RATE={"contact": (2, 600)})
    def test_too_many_messages_from_one_address_are_refused_without_losing_the_text(self):
        for _ in range(2):
            self.assertEqual(self.client.post(self.action, self.valid()).status_code, 302)
        response = self.client.post(self.action, self.valid(subject="Third"))
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Please wait a few minutes.", status_code=429)
        self.assertContains(response, 'value="Third"', status_code=429)
        self.assertEqual(ContactMessage.objects.count(), 2)
        other = self.client.post(self.action, self.valid(), REMOTE_ADDR="192.0.2.7")
        self.assertEqual(other.status_code, 302)
