from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from nashr.accounts import factors
from nashr.accounts.webauthn import SiteWebAuthnHelper

VERIFY = reverse("accounts:verify")
SETUP = reverse("accounts:setup")
# Every part of the admin, and the public site: none is reached before the second step.
ADMIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/users/",
    "/admin/account/",
    "/admin/reports/site-history/",
    "/en/",
]


def code(device, steps=0):
    """The code the authenticator app shows now, or `steps` time steps later."""
    return f"{totp(device.bin_key, t0=device.t0, step=device.step, digits=device.digits, drift=steps):06d}"


def unthrottle(device):
    """Ends the wait (a second, doubling) that a wrong code starts, as a user who types slowly would."""
    device.refresh_from_db()
    device.throttle_reset()


def password_login(client, user):
    """Signs in with the password only, as Wagtail's sign-in form does (the session is not verified)."""
    assert client.login(username=user.username, password="pw")


class Accounts(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def setUp(self):
        cache.clear()  # the sign-in throttle's counters of earlier tests

    def add_app(self, user=None):
        return TOTPDevice.objects.create(user=user or self.user, name="Phone", confirmed=True)


@override_settings(NASHR_REQUIRE_2FA=True)
class RequiredSecondFactorTests(Accounts):
    def test_an_account_without_a_factor_is_led_to_enrol_from_every_admin_url(self):
        password_login(self.client, self.user)
        for url in ADMIN_URLS:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRedirects(
                    response, f"{SETUP}?next={quote(url, safe='')}", fetch_redirect_response=False
                )

    def test_an_account_with_a_factor_is_sent_to_the_second_step_from_every_admin_url(self):
        self.add_app()
        password_login(self.client, self.user)
        for url in ADMIN_URLS:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRedirects(
                    response, f"{VERIFY}?next={quote(url, safe='')}", fetch_redirect_response=False
                )

    def test_a_verified_session_reaches_the_admin(self):
        device = self.add_app()
        password_login(self.client, self.user)
        response = self.client.post(VERIFY, {"code": code(device), "next": "/admin/pages/"})
        self.assertRedirects(response, "/admin/pages/", fetch_redirect_response=False)
        for url in ADMIN_URLS:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertFalse(response.get("Location", "").startswith("/admin/second-factor/"))
                self.assertIn(response.status_code, (200, 302))

    def test_the_enrolment_page_and_signing_out_are_reachable_before_the_second_step(self):
        password_login(self.client, self.user)
        self.assertEqual(self.client.get(SETUP).status_code, 200)
        self.assertEqual(self.client.get(reverse("accounts:authenticator_app")).status_code, 200)
        self.assertEqual(self.client.get(reverse("accounts:passkey")).status_code, 200)
        self.assertRedirects(
            self.client.post("/admin/logout/"), "/admin/login/", fetch_redirect_response=False
        )

    def test_the_admin_icons_answer_before_the_second_step(self):
        # The admin's pages fetch them into the page: a redirect would put the second step's form there.
        self.add_app()
        password_login(self.client, self.user)
        self.assertEqual(self.client.get(reverse("wagtailadmin_sprite")).status_code, 200)

    def test_posts_are_refused_before_the_second_step(self):
        self.add_app()
        password_login(self.client, self.user)
        response = self.client.post("/admin/pages/search/", {"q": "x"})
        self.assertRedirects(response, VERIFY, fetch_redirect_response=False)

    def test_readers_are_not_asked_anything(self):
        self.assertEqual(self.client.get("/admin/login/").status_code, 200)
        self.assertRedirects(
            self.client.get("/admin/"), "/admin/login/?next=/admin/", fetch_redirect_response=False
        )

    def test_an_account_left_with_recovery_codes_only_is_led_to_enrol_again(self):
        app = self.add_app()
        password_login(self.client, self.user)
        self.client.post(VERIFY, {"code": code(app)})
        factors.new_recovery_codes(self.user)
        app.delete()
        self.client.logout()
        password_login(self.client, self.user)
        recovery = StaticToken.objects.filter(device__user=self.user).first().token
        self.assertRedirects(
            self.client.post(VERIFY, {"code": recovery}), "/admin/", fetch_redirect_response=False
        )
        self.assertRedirects(
            self.client.get("/admin/"), f"{SETUP}?next=%2Fadmin%2F", fetch_redirect_response=False
        )


class SecondStepTests(Accounts):
    """With the setting off (development), an account that has a factor is still asked for it."""

    def test_an_account_without_a_factor_signs_in_with_its_password_when_not_required(self):
        password_login(self.client, self.user)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_an_account_with_a_factor_is_asked_for_it_even_when_not_required(self):
        self.add_app()
        password_login(self.client, self.user)
        self.assertRedirects(
            self.client.get("/admin/"), f"{VERIFY}?next=%2Fadmin%2F", fetch_redirect_response=False
        )

    def test_a_wrong_code_is_refused_and_the_right_one_accepted_once(self):
        device = self.add_app()
        password_login(self.client, self.user)
        wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
        response = self.client.post(VERIFY, {"code": wrong})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This code is not right")
        unthrottle(device)
        right = code(device)
        self.assertRedirects(
            self.client.post(VERIFY, {"code": right}), "/admin/", fetch_redirect_response=False
        )
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        # The same code again, in another browser: refused.
        self.client.logout()
        password_login(self.client, self.user)
        self.assertContains(self.client.post(VERIFY, {"code": right}), "This code is not right")

    def test_wrong_codes_throttle_the_device(self):
        device = self.add_app()
        password_login(self.client, self.user)
        self.client.post(VERIFY, {"code": "000000"})
        # Within the wait that follows a failure even the right code is refused, unchecked.
        self.assertContains(self.client.post(VERIFY, {"code": code(device)}), "This code was not checked")

    def test_a_recovery_code_works_once(self):
        self.add_app()
        codes = factors.new_recovery_codes(self.user)
        self.assertEqual(len(codes), factors.RECOVERY_CODES)
        password_login(self.client, self.user)
        response = self.client.post(VERIFY, {"code": codes[0]})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertEqual(factors.recovery_codes_left(self.user), factors.RECOVERY_CODES - 1)
        self.client.logout()
        password_login(self.client, self.user)
        self.assertContains(self.client.post(VERIFY, {"code": codes[0]}), "This code is not right")

    def test_next_never_leaves_the_site(self):
        device = self.add_app()
        password_login(self.client, self.user)
        response = self.client.post(VERIFY, {"code": code(device), "next": "https://evil.example/"})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_the_second_step_page_offers_a_passkey_with_the_sites_own_script(self):
        WebAuthnCredential.objects.create(
            user=self.user, credential_id=b"id", public_key=b"key", sign_count=0
        )
        password_login(self.client, self.user)
        response = self.client.get(VERIFY)
        self.assertContains(response, 'id="passkey-verification-placeholder"')
        self.assertContains(response, "/static/django_otp_webauthn/otp_webauthn_auth.js")
        self.assertNotContains(response, 'name="code"')  # no app and no recovery codes: no code field


class EnrolmentTests(Accounts):
    def test_authenticator_app_is_confirmed_by_its_first_code_then_recovery_codes_are_offered(self):
        password_login(self.client, self.user)
        url = reverse("accounts:authenticator_app")
        self.assertContains(self.client.get(url), 'id="totp-secret"')
        device = TOTPDevice.objects.get(user=self.user, confirmed=False)
        self.assertContains(self.client.post(url, {"code": "123"}), "This code is not right")
        unthrottle(device)
        response = self.client.post(url, {"code": code(device), "next": "/admin/pages/"})
        self.assertRedirects(
            response,
            reverse("accounts:recovery_codes") + "?next=/admin/pages/",
            fetch_redirect_response=False,
        )
        device.refresh_from_db()
        self.assertIs(device.confirmed, True)
        # Enrolling verified this session; recovery codes are made and shown once.
        response = self.client.post(reverse("accounts:recovery_codes"), {"next": "/admin/pages/"})
        self.assertEqual(len(response.context["codes"]), factors.RECOVERY_CODES)
        self.assertContains(response, response.context["codes"][0])
        self.assertNotContains(
            self.client.get(reverse("accounts:recovery_codes")), response.context["codes"][0]
        )

    def test_an_account_with_a_factor_cannot_add_another_before_the_second_step(self):
        self.add_app()
        password_login(self.client, self.user)
        for name in ("accounts:authenticator_app", "accounts:passkey"):
            with self.subTest(name=name):
                self.assertRedirects(self.client.get(reverse(name)), VERIFY, fetch_redirect_response=False)
        response = self.client.post(reverse("otp_webauthn:credential-registration-begin"))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(TOTPDevice.objects.filter(user=self.user).count(), 1)

    def test_passkey_ceremony_names_the_request_host_as_relying_party(self):
        password_login(self.client, self.user)
        response = self.client.post(
            reverse("otp_webauthn:credential-registration-begin"), content_type="application/json"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["rp"]["id"], "testserver")
        request = RequestFactory().get("/", HTTP_HOST="localhost:8000")
        self.assertEqual(SiteWebAuthnHelper(request).get_allowed_origins(), ["http://localhost:8000"])

    def test_removing_the_last_factor_removes_the_recovery_codes(self):
        device = self.add_app()
        password_login(self.client, self.user)
        self.client.post(VERIFY, {"code": code(device)})
        factors.new_recovery_codes(self.user)
        response = self.client.post(reverse("accounts:remove", args=["app", device.pk]))
        self.assertRedirects(response, SETUP, fetch_redirect_response=False)
        self.assertFalse(StaticDevice.objects.filter(user=self.user).exists())


class RevokeTests(Accounts):
    def setUp(self):
        super().setUp()
        self.editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
        self.add_app(self.editor)
        factors.new_recovery_codes(self.editor)
        password_login(self.client_class(), self.editor)  # a session somewhere else
        self.client.force_login(self.user)

    def sessions_of(self, user):
        return [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)]

    def test_revoking_removes_every_device_ends_every_session_and_the_password(self):
        self.assertEqual(len(self.sessions_of(self.editor)), 1)
        url = reverse("accounts:revoke", args=[self.editor.pk])
        self.assertContains(self.client.get(url), "Revoke")
        response = self.client.post(url, {"disable_password": "on"})
        self.assertRedirects(response, f"/admin/users/edit/{self.editor.pk}/", fetch_redirect_response=False)
        self.assertIs(factors.has_any_device(self.editor), False)
        self.assertEqual(self.sessions_of(self.editor), [])
        self.editor.refresh_from_db()
        self.assertIs(self.editor.has_usable_password(), False)
        self.assertEqual(len(self.sessions_of(self.user)), 1)  # the admin who revoked stays signed in

    def test_only_an_account_manager_may_revoke(self):
        self.client.force_login(self.editor)
        self.editor.totpdevice_set.all().delete()
        self.assertIn(
            self.client.get(reverse("accounts:revoke", args=[self.user.pk])).status_code, (302, 403)
        )
        self.assertIs(factors.has_any_device(self.user), False)

    def test_the_user_listing_offers_revoking(self):
        response = self.client.get("/admin/users/")
        self.assertContains(response, reverse("accounts:revoke", args=[self.editor.pk]))


class AccountMenuTests(Accounts):
    def test_the_account_page_links_to_two_step_verification(self):
        self.client.force_login(self.user)
        self.assertContains(self.client.get("/admin/account/"), SETUP)
