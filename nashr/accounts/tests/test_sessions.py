"""Staff sessions end after the idle and the absolute limits (nashr/accounts/sessions.py). The clock is moved
by moving the session's own stamps back, as time passing would."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.test import TestCase, override_settings
from django.urls import reverse

from nashr.accounts.sessions import ACTIVE, SIGNED_IN
from nashr.core.tests.factories import build_editions


@override_settings(NASHR_SESSION_IDLE_MINUTES=120, NASHR_SESSION_MAX_HOURS=12)
class SessionLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.user)
        self.assertEqual(self.client.get("/admin/").status_code, 200)  # stamps the session

    def stamps(self):
        session = self.client.session
        return session[SIGNED_IN], session[ACTIVE]

    def move_clock(self, seconds, signed_in=None):
        """Moves the session's stamps `seconds` into the past (signed_in: that one by its own amount)."""
        session = self.client.session
        session[ACTIVE] -= seconds
        session[SIGNED_IN] -= seconds if signed_in is None else signed_in
        session.save()

    def assert_signed_out_to_login(self, response, message):
        login = reverse("wagtailadmin_login")
        self.assertRedirects(response, f"{login}?next=/admin/pages/", fetch_redirect_response=False)
        self.assertNotIn(SESSION_KEY, self.client.session)
        self.assertEqual(self.client.cookies[settings.SESSION_COOKIE_NAME].value, "")  # cookie deleted
        self.assertContains(self.client.get(response.url), message)

    def test_signing_in_stamps_the_session(self):
        signed_in, active = self.stamps()
        self.assertAlmostEqual(signed_in, time.time(), delta=5)
        self.assertEqual(signed_in, active)

    def test_activity_within_the_idle_limit_keeps_the_session(self):
        for _ in range(3):  # three times 110 minutes of reading, each ended by a click
            self.move_clock(110 * 60)
            self.assertEqual(self.client.get("/admin/pages/").status_code, 200)
            self.assertAlmostEqual(self.stamps()[1], time.time(), delta=5)

    def test_idle_past_the_limit_signs_out_with_a_message(self):
        self.move_clock(121 * 60)
        response = self.client.get("/admin/pages/")
        self.assert_signed_out_to_login(response, "signed out after 120 minutes without activity")

    def test_past_the_absolute_limit_signs_out_however_active(self):
        self.move_clock(60, signed_in=12 * 3600 + 1)
        response = self.client.get("/admin/pages/")
        self.assert_signed_out_to_login(response, "a session lasts 12 hours at most")

    @override_settings(NASHR_SESSION_IDLE_MINUTES=15)
    def test_the_limits_come_from_the_settings(self):
        self.move_clock(16 * 60)
        response = self.client.get("/admin/pages/")
        self.assert_signed_out_to_login(response, "signed out after 15 minutes without activity")

    def test_the_session_is_written_once_a_minute_not_on_every_request(self):
        self.move_clock(30)
        before = self.stamps()[1]
        stored = Session.objects.get().expire_date
        self.client.get("/admin/pages/")
        self.assertEqual(self.stamps()[1], before)  # a 30-second-old stamp is kept
        self.assertEqual(Session.objects.get().expire_date, stored)  # and the session was not saved
        self.move_clock(61)
        self.client.get("/admin/pages/")
        self.assertAlmostEqual(self.stamps()[1], time.time(), delta=5)

    def test_the_edit_pages_ping_keeps_no_session_alive(self):
        self.move_clock(110 * 60)
        before = self.stamps()[1]
        ping = reverse("wagtailadmin_editing_sessions:release", args=[1])
        self.client.post(ping)
        self.assertEqual(self.stamps()[1], before)
        self.move_clock(11 * 60)
        self.client.post(ping)
        self.assertNotIn(SESSION_KEY, self.client.session)

    def test_the_public_site_signs_an_expired_session_out_and_reads_on(self):
        build_editions()
        self.move_clock(121 * 60)
        response = self.client.get("/en/")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(SESSION_KEY, self.client.session)


class ReadersHaveNoSessionTests(TestCase):
    def test_a_public_page_creates_no_session_and_sets_no_cookie(self):
        build_editions()
        for url in ("/en/", "/fa/", "/admin/login/"):
            response = self.client.get(url)
            self.assertIn(response.status_code, (200, 302))
            if url != "/admin/login/":
                self.assertEqual(response.cookies, {}, url)  # the login page sets the CSRF cookie only
            self.assertNotIn(settings.SESSION_COOKIE_NAME, response.cookies)
        self.assertEqual(Session.objects.count(), 0)

    def test_an_unknown_session_cookie_creates_no_session(self):
        build_editions()
        self.client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
        response = self.client.get("/en/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.cookies[settings.SESSION_COOKIE_NAME].value, "")  # Django drops it
        self.assertEqual(Session.objects.count(), 0)
