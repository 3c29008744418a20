from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from django.urls import reverse
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from nashr.core.tests.factories import add_section, build_editions
from nashr.mail import MANAGE_TOKEN, UNSUBSCRIBE_TOKEN
from nashr.mail.tests.smtp import LoopbackSMTP
from nashr.publications.tests.factories import add_issue, entry


def _form_value(item):
    return {
        key: "" if value is None else value for key, value in item.block.get_form_state(item.value).items()
    }


def edit_data(page, **changes):
    """The edit form's data for `page`, with `changes`."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "published_at": page.published_at.strftime("%Y-%m-%d %H:%M"),
        "periodical": page.periodical,
        "number": page.number,
        "body": rich_text(page.body),
        "items": streamfield([("item", _form_value(item)) for item in page.items]),
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
    }
    data.update(changes)
    return nested_form_data(data)


class IssueAdminMailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["fa"], "خلاصهٔ هفته", "digest")
        cls.issue = add_issue(
            cls.section,
            "خلاصهٔ هفته – ۷",
            7,
            body="<p>سلام.</p>",
            items=[entry(url="https://example.org/r", title="گزارش", summary="یک خط.", group="جهان")],
        )
        users = get_user_model()
        cls.editor = users.objects.create_user("editor", "editor@example.org", "pw", is_staff=True)
        cls.editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        group = Group.objects.create(name="Digest editors")
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=group, page=cls.section, permission=Permission.objects.get(codename=codename)
            )
        cls.editor.groups.add(group)
        cls.outsider = users.objects.create_user("outsider", "outsider@example.org", "pw", is_staff=True)
        cls.outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))

    def preview(self, mode, **changes):
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.issue.pk])
        posted = self.client.post(url, edit_data(self.issue, **changes))
        return posted, self.client.get(url, {"mode": mode})

    def test_editor_previews_the_unsaved_issue_as_html_mail(self):
        self.client.force_login(self.editor)
        posted, response = self.preview("mail", title="خلاصهٔ هفته – ۷ (نو)")
        self.assertEqual(posted.json(), {"is_valid": True, "is_available": True})
        html = response.content.decode()
        self.assertRegex(html, r'<html lang="fa" dir="rtl"')
        self.assertIn("خلاصهٔ هفته – ۷ (نو)", html)
        self.assertIn('href="https://example.org/r"', html)
        self.assertIn(UNSUBSCRIBE_TOKEN, html)

    def test_editor_previews_the_plain_text_part(self):
        self.client.force_login(self.editor)
        _posted, response = self.preview("mail-text")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        text = response.content.decode()
        self.assertIn("* گزارش\n  یک خط.\n  https://example.org/r", text)
        self.assertIn(MANAGE_TOKEN, text)

    def test_the_web_preview_still_shows_the_page(self):
        self.client.force_login(self.editor)
        _posted, response = self.preview("")
        self.assertContains(response, 'class="digest__entry"')

    def test_staff_who_cannot_edit_the_page_get_no_preview(self):
        self.client.force_login(self.outsider)
        posted, response = self.preview("mail")
        self.assertNotEqual(posted.status_code, 200)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("گزارش", response.content.decode())

    def test_readers_are_sent_to_sign_in(self):
        _posted, response = self.preview("mail")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/login/", response["Location"])


class SendTestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Weekly digest", "digest")
        cls.issue = add_issue(
            cls.section,
            "Weekly digest – 8",
            8,
            live=False,
            items=[entry(url="https://example.org/r", title="A report", summary="In one line.")],
        )
        cls.editor = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.editor)
        self.url = reverse("wagtailadmin_pages:edit", args=[self.issue.pk])

    def draft_title(self):
        self.issue.refresh_from_db()
        return self.issue.get_latest_revision_as_object().title

    def send(self, **changes):
        return self.client.post(self.url, {**edit_data(self.issue, **changes), "action-send-test": "1"})

    def test_the_edit_form_offers_the_test(self):
        self.assertContains(self.client.get(self.url), 'name="action-send-test"')

    def test_a_test_goes_through_smtp_to_the_editor_with_the_saved_draft(self):
        with LoopbackSMTP() as smtp:
            response = self.send(title="Weekly digest – 8, revised")
            messages = smtp.wait_for(1)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(len(messages), 1)
        _sender, recipients, message = messages[0]
        self.assertEqual(recipients, ["chief@example.org"])
        self.assertEqual(message["Subject"], "[Test] Weekly digest – 8, revised")
        self.assertEqual(message.get_content_type(), "multipart/alternative")
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        self.assertIn('<html lang="en" dir="ltr"', html)
        self.assertIn("A report", text)
        self.assertNotIn(UNSUBSCRIBE_TOKEN, html + text)  # a test's reader links lead to the site
        self.assertEqual(self.draft_title(), "Weekly digest – 8, revised")
        self.assertFalse(self.issue.live)
        followed = self.client.get(response["Location"])
        self.assertContains(followed, "A test was sent to chief@example.org.")

    def test_without_an_address_the_editor_is_told_and_the_draft_kept(self):
        self.editor.email = ""
        self.editor.save()
        with LoopbackSMTP() as smtp:
            response = self.send(title="Kept")
            self.assertEqual(smtp.messages, [])
        followed = self.client.get(response["Location"])
        self.assertContains(followed, "Your account has no e-mail address")
        self.assertEqual(self.draft_title(), "Kept")

    def test_a_refusing_server_is_reported_and_the_draft_kept(self):
        with LoopbackSMTP() as smtp:
            port = smtp.port
        with (
            self.settings(
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=port,
                EMAIL_TIMEOUT=5,
            ),
            self.assertLogs("nashr.mail", "WARNING"),
        ):
            response = self.send(title="Kept too")
        followed = self.client.get(response["Location"])
        self.assertContains(followed, "The mail server did not take the test")
        self.assertEqual(self.draft_title(), "Kept too")


class DigestScheduleAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["fa"], "خلاصهٔ هفته", "digest")
        cls.admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def test_a_schedule_is_made_in_the_settings_and_a_bad_time_zone_refused(self):
        from wagtail.models import Locale

        from nashr.publications.models import DigestSchedule

        self.client.force_login(self.admin)
        url = reverse("wagtailsnippets_publications_digestschedule:add")
        self.assertEqual(self.client.get(url).status_code, 200)
        data = {
            "locale": Locale.objects.get(language_code="fa").pk,
            "section": self.section.pk,
            "weekday": 4,
            "hour": 9,
            "time_zone": "Asia/Tehrn",
            "enabled": "on",
        }
        refused = self.client.post(url, data)
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, "Unknown time zone: Asia/Tehrn")
        self.assertFalse(DigestSchedule.objects.exists())
        made = self.client.post(url, {**data, "time_zone": "Asia/Tehran"})
        self.assertEqual(made.status_code, 302)
        schedule = DigestSchedule.objects.get()
        self.assertEqual((schedule.time_zone, schedule.auto_send), ("Asia/Tehran", False))
        listing = self.client.get(reverse("wagtailsnippets_publications_digestschedule:list"))
        self.assertContains(listing, "Asia/Tehran")
