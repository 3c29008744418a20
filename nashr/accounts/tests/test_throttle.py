"""Throttled sign-in (decision 0015): waits that grow, locks that expire, the admin screen that lifts them,
and the audit trail, whose addresses are truncated."""

from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory, TestCase, override_settings
from django.urls import resolve, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from nashr.accounts import factors, throttle
from nashr.accounts.models import SignInLock
from nashr.accounts.passkey_views import CompletePasskeySignIn
from nashr.accounts.tests.test_second_factor import code

LOGIN = reverse("wagtailadmin_login")
VERIFY = reverse("accounts:verify")
LOCKS = reverse("signin_locks")
SETTINGS = {
    "WINDOW": 3600,
    "DELAY_AFTER": 3,
    "MAX_DELAY": 60,
    "PAIR_LOCK_AFTER": 10,
    "PAIR_LOCK": 900,
    "ADDRESS_LOCK_AFTER": 30,
    "ADDRESS_LOCK": 3600,
    "ACCOUNT_LOCK_AFTER": 50,
    "ACCOUNT_LOCK": 300,
    "KNOWN_ADDRESS_DAYS": 30,
}
REFUSED = "Too many failed sign-ins"


class Clock:
    """The throttle's time, moved by the tests instead of waiting."""

    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now

    def move(self, seconds):
        self.now += seconds


@override_settings(NASHR_SIGN_IN_THROTTLE=SETTINGS)
class Throttled(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.chief = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def setUp(self):
        cache.clear()
        self.clock = Clock()
        patcher = mock.patch("nashr.accounts.throttle.now", self.clock)
        patcher.start()
        self.addCleanup(patcher.stop)

    def sign_in(self, password, address="203.0.113.77", username="chief", client=None):
        client = client or self.client
        return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)

    def signed_in(self, client=None):
        return "_auth_user_id" in (client or self.client).session

    def fail_times(self, times, address="203.0.113.77", username="chief", gap=0):
        for _ in range(times):
            response = self.sign_in("wrong", address, username)
            self.assertFalse(self.signed_in())
            self.clock.move(gap)
        return response

    def entries(self, action):
        return ModelLogEntry.objects.filter(action=action)


class PasswordStepTests(Throttled):
    def test_thirty_wrong_passwords_lock_the_account_even_for_the_right_one(self):
        response = self.fail_times(30)
        self.assertContains(response, REFUSED)
        lock = SignInLock.objects.get(kind=SignInLock.PAIR)
        self.assertEqual((lock.username, lock.address), ("chief", "203.0.113.0/24"))
        self.assertContains(self.sign_in("pw"), REFUSED)
        self.assertFalse(self.signed_in())
        # Every try is in the audit log, on the account, with the truncated address only.
        failed = self.entries("nashr.sign_in_failed").filter(object_id=str(self.chief.pk))
        self.assertEqual(failed.count(), 31)
        self.assertEqual({entry.data["address"] for entry in failed}, {"203.0.113.0/24"})
        self.assertEqual(failed.filter(data__reason="wrong").count(), SETTINGS["DELAY_AFTER"])
        self.assertTrue(failed.filter(data__reason="locked").exists())
        locked = self.entries("nashr.locked").get(data__kind=SignInLock.PAIR)
        self.assertIn("203.0.113.0/24", locked.message)
        self.assertIn("Account from one address", locked.message)

    def test_an_empty_field_is_an_error_and_no_try(self):
        response = self.client.post(LOGIN, {"username": "chief", "password": ""}, REMOTE_ADDR="203.0.113.77")
        self.assertContains(response, "This field is required")
        self.assertFalse(ModelLogEntry.objects.exists())

    def test_the_wait_doubles_after_each_failure_up_to_its_most(self):
        attempt = throttle.Attempt(RequestFactory().post(LOGIN, REMOTE_ADDR="198.51.100.9"), "chief")
        waits = []
        for _ in range(9):
            attempt.failed("password")
            refusal = attempt.refusal()
            waits.append(None if refusal is None else round(refusal.until - self.clock.now))
        self.assertEqual(waits[:2], [None, None])
        self.assertEqual(waits[2:8], [1, 2, 4, 8, 16, 32])
        self.assertFalse(attempt.refusal().locked)  # nine: slowed down, not locked yet
        self.assertEqual(waits[8], 60)

    def test_a_slow_typist_is_let_in_after_the_wait(self):
        self.fail_times(3)
        self.assertContains(self.sign_in("pw"), "Try again in 1 second")
        self.clock.move(2.5)  # the refused try made it 2 seconds
        self.assertEqual(self.sign_in("pw").status_code, 302)
        self.assertTrue(self.signed_in())

    def test_a_lock_expires_after_its_time(self):
        self.fail_times(10)
        self.assertTrue(throttle.current_locks().exists())
        self.clock.move(SETTINGS["PAIR_LOCK"] - 5)
        self.assertContains(self.sign_in("pw"), REFUSED)
        self.clock.move(SETTINGS["PAIR_LOCK"])
        self.assertFalse(throttle.current_locks().exists())
        self.assertEqual(self.sign_in("pw").status_code, 302)
        self.assertTrue(self.signed_in())
        success = self.entries("nashr.sign_in").get()
        self.assertEqual(success.data, {"step": "password", "address": "203.0.113.0/24"})

    def test_a_lock_does_not_grow_while_it_holds(self):
        self.fail_times(10)
        until = SignInLock.objects.get().locked_until
        self.clock.move(60)
        self.fail_times(20)
        self.assertEqual(SignInLock.objects.get(kind=SignInLock.PAIR).locked_until, until)

    def test_the_pair_lock_leaves_other_addresses_alone(self):
        self.fail_times(30)
        self.assertEqual(self.sign_in("pw", address="192.0.2.44").status_code, 302)
        self.assertTrue(self.signed_in())

    def test_an_address_trying_many_accounts_is_locked_for_all(self):
        for n in range(SETTINGS["ADDRESS_LOCK_AFTER"]):
            self.fail_times(1, username=f"guess{n}")
        lock = SignInLock.objects.get(kind=SignInLock.ADDRESS)
        self.assertEqual((lock.username, lock.address), ("", "203.0.113.0/24"))
        self.assertContains(self.sign_in("pw"), REFUSED)
        self.assertEqual(self.sign_in("pw", address="192.0.2.44").status_code, 302)

    def test_others_at_the_owners_address_cannot_lock_the_owner_out(self):
        # One address for many people: an office, a VPN, the onion service (127.0.0.1 for every visitor).
        get_user_model().objects.create_user("desk", "desk@example.org", "pw")
        self.assertEqual(self.sign_in("pw", address="127.0.0.1").status_code, 302)
        self.client.logout()
        for n in range(SETTINGS["ADDRESS_LOCK_AFTER"]):
            self.fail_times(1, address="127.0.0.1", username=f"guess{n}")
        self.assertTrue(SignInLock.objects.filter(kind=SignInLock.ADDRESS).exists())
        self.assertContains(self.sign_in("pw", address="127.0.0.1", username="desk"), REFUSED)
        self.assertEqual(self.sign_in("pw", address="127.0.0.1").status_code, 302)

    def test_an_account_lock_is_short_and_spares_addresses_it_signed_in_from(self):
        self.assertEqual(self.sign_in("pw", address="192.0.2.10").status_code, 302)  # the owner, earlier
        self.client.logout()
        for n in range(SETTINGS["ACCOUNT_LOCK_AFTER"]):  # many addresses, a few tries each
            self.fail_times(1, address=f"198.51.{n}.1")
        self.assertTrue(SignInLock.objects.filter(kind=SignInLock.ACCOUNT).exists())
        self.assertContains(self.sign_in("pw", address="198.18.0.1"), REFUSED)
        self.assertEqual(self.sign_in("pw", address="192.0.2.10").status_code, 302)
        self.client.logout()
        self.clock.move(SETTINGS["ACCOUNT_LOCK"] + 1)  # and not forever, from anywhere
        self.assertEqual(self.sign_in("pw", address="198.18.0.1").status_code, 302)

    def test_a_name_that_is_no_account_is_treated_alike_and_not_kept(self):
        response = self.fail_times(10, username="nobody-here")
        self.assertContains(response, REFUSED)
        lock = SignInLock.objects.get(kind=SignInLock.PAIR)
        self.assertEqual(lock.username, "nobody-here")  # shown to the administrator while it holds
        entries = self.entries("nashr.sign_in_failed")
        self.assertEqual(entries.count(), 10)
        self.assertFalse(entries.filter(label__contains="nobody").exists())
        self.assertFalse(entries.filter(data__icontains="nobody").exists())

    def test_a_direct_client_cannot_dodge_the_lock_with_a_forwarded_header(self):
        with self.settings(NASHR_CLIENT_IP_HEADER="HTTP_X_REAL_IP"):
            for n in range(10):
                self.client.post(
                    LOGIN,
                    {"username": "chief", "password": "wrong"},
                    REMOTE_ADDR="203.0.113.77",
                    HTTP_X_REAL_IP=f"192.0.2.{n}",
                )
            self.assertContains(self.sign_in("pw"), REFUSED)


class PrivatePagesSignInTests(Throttled):
    def test_the_sign_in_of_private_pages_is_throttled_alike(self):
        url = reverse("wagtailcore_login")
        self.assertEqual(url, "/en/_util/login/")
        for _ in range(10):
            self.client.post(url, {"username": "chief", "password": "wrong"}, REMOTE_ADDR="203.0.113.77")
        response = self.client.post(url, {"username": "chief", "password": "pw"}, REMOTE_ADDR="203.0.113.77")
        self.assertContains(response, REFUSED)
        self.assertFalse(self.signed_in())
        self.assertContains(self.sign_in("pw"), REFUSED)  # the same lock as the admin's
        self.assertEqual(self.entries("nashr.sign_in_failed").count(), 12)


class NoFullAddressTests(Throttled):
    def test_no_table_holds_the_full_address_after_signing_in(self):
        self.fail_times(30)  # failures, waits and locks
        self.clock.move(SETTINGS["ADDRESS_LOCK"] + 1)
        self.assertEqual(self.sign_in("pw").status_code, 302)
        self.client.get("/admin/")
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
            for table in tables:
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                text = repr(cursor.fetchall())
                with self.subTest(table=table):
                    self.assertNotIn("203.0.113.77", text)
                    self.assertNotIn("203.0.113.", text.replace("203.0.113.0/24", ""))
        self.assertTrue(self.entries("nashr.sign_in").filter(data__address="203.0.113.0/24").exists())


class SecondStepTests(Throttled):
    def setUp(self):
        super().setUp()
        self.device = TOTPDevice.objects.create(user=self.chief, name="Phone", confirmed=True)
        self.assertEqual(self.sign_in("pw").status_code, 302)

    def verify(self, value):
        return self.client.post(VERIFY, {"code": value}, REMOTE_ADDR="203.0.113.77")

    def test_wrong_codes_count_with_the_passwords_and_lock_alike(self):
        self.assertEqual(self.entries("nashr.sign_in").get().data["step"], "password")
        for _ in range(10):
            self.verify("000000")
            self.device.refresh_from_db()
            self.device.throttle_reset()  # the device's own wait, out of the way
            self.clock.move(120)  # and the throttle's, so that only the lock refuses
        self.assertTrue(SignInLock.objects.filter(kind=SignInLock.PAIR).exists())
        response = self.verify(code(self.device))
        self.assertContains(response, REFUSED)
        self.assertFalse(self.client.session.get("otp_device_id"))
        failed = self.entries("nashr.sign_in_failed").filter(data__step="second")
        self.assertEqual(failed.count(), 11)
        # The password step is locked too for this account from this address.
        self.client.logout()
        self.assertContains(self.sign_in("pw"), REFUSED)

    def test_a_right_code_completes_the_sign_in_and_clears_the_failures(self):
        self.verify("000000")
        self.device.refresh_from_db()
        self.device.throttle_reset()
        self.clock.move(5)
        response = self.verify(code(self.device))
        self.assertEqual(response.status_code, 302, response.content.decode()[-3000:])
        steps = [entry.data["step"] for entry in self.entries("nashr.sign_in").order_by("pk")]
        self.assertEqual(steps, ["password", "second"])

    def test_a_passkey_is_throttled_and_logged_alike(self):
        url = reverse("otp_webauthn:credential-authentication-complete")  # where the library's script posts
        self.assertIs(resolve(url).func.view_class, CompletePasskeySignIn)
        response = self.client.post(url, {}, content_type="application/json", REMOTE_ADDR="203.0.113.77")
        self.assertEqual(response.status_code, 400)  # no ceremony begun: a failure all the same
        self.assertEqual(self.entries("nashr.sign_in_failed").filter(data__step="second").count(), 1)
        for _ in range(9):
            self.verify("000000")
            self.device.refresh_from_db()
            self.device.throttle_reset()
            self.clock.move(120)
        response = self.client.post(url, {}, content_type="application/json", REMOTE_ADDR="203.0.113.77")
        self.assertEqual(response.status_code, 429)
        self.assertIn(REFUSED, response.json()["detail"])
        self.assertEqual(self.entries("nashr.sign_in_failed").filter(data__reason="locked").count(), 1)


class AdminScreenTests(Throttled):
    def setUp(self):
        super().setUp()
        self.fail_times(10)
        self.admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
        self.admin_client = self.client_class()
        self.admin_client.force_login(self.admin)

    def test_an_administrator_sees_and_lifts_a_lock(self):
        device = TOTPDevice.objects.create(user=self.chief, name="Phone", confirmed=True)
        device.throttling_failure_count = 5
        device.save()
        response = self.admin_client.get(LOCKS)
        self.assertContains(response, "203.0.113.0/24")
        self.assertContains(response, "chief")
        self.assertNotContains(response, "203.0.113.77")
        lock = SignInLock.objects.get()
        response = self.admin_client.post(reverse("signin_lock_lift", args=[lock.pk]))
        self.assertRedirects(response, LOCKS)
        self.assertFalse(SignInLock.objects.exists())
        device.refresh_from_db()
        self.assertEqual(device.throttling_failure_count, 0)
        lifted = self.entries("nashr.lock_lifted").get()
        self.assertEqual((lifted.user, lifted.object_id), (self.admin, str(self.chief.pk)))
        self.assertEqual(lifted.data["address"], "203.0.113.0/24")
        self.assertEqual(self.sign_in("pw").status_code, 302)  # the failures went with the lock

    def test_the_entries_show_in_site_history_and_the_users_history(self):
        for url in (
            reverse("wagtailadmin_reports:site_history"),
            reverse("wagtailusers_users:history", args=[self.chief.pk]),
        ):
            with self.subTest(url=url):
                response = self.admin_client.get(url)
                self.assertContains(response, "Sign-in failed (password, wrong) from 203.0.113.0/24")
                self.assertContains(response, "Sign-in locked (Account from one address, 203.0.113.0/24)")
                self.assertNotContains(response, "203.0.113.77")

    def test_the_settings_menu_offers_it_to_administrators_only(self):
        self.assertContains(self.admin_client.get("/admin/"), LOCKS)
        editor = self.editor()
        self.client.force_login(editor)
        self.assertNotContains(self.client.get("/admin/"), LOCKS)

    def editor(self):
        editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
        group = Group.objects.create(name="Staff")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        editor.groups.add(group)
        return editor

    def test_someone_who_may_not_change_users_gets_403(self):
        self.client.force_login(self.editor())
        lock = SignInLock.objects.get()
        response = self.client.get(LOCKS)
        self.assertEqual(response.status_code, 403, response.get("Location"))
        self.assertEqual(self.client.post(reverse("signin_lock_lift", args=[lock.pk])).status_code, 403)
        self.assertTrue(SignInLock.objects.filter(pk=lock.pk).exists())

    def test_the_screen_is_behind_the_second_step(self):
        TOTPDevice.objects.create(user=self.admin, name="Phone", confirmed=True)
        self.assertRedirects(self.admin_client.get(LOCKS), f"{VERIFY}?next=%2Fadmin%2Fsign-in-locks%2F")

    def test_revoking_is_logged(self):
        device = TOTPDevice.objects.create(user=self.chief, name="Phone", confirmed=True)
        self.assertTrue(device.pk)
        factors.revoke(self.chief, by=self.admin)
        entry = self.entries("nashr.sign_in_revoked").get()
        self.assertEqual(entry.user, self.admin)
        self.assertEqual(entry.data, {"devices": 1, "sessions": 0, "password_disabled": True})


@override_settings(NASHR_PASSWORD_RESET_RATE=(2, 3600), WAGTAIL_PASSWORD_RESET_ENABLED=True)
class PasswordResetTests(Throttled):
    def reset(self, address="203.0.113.77"):
        return self.client.post(
            reverse("wagtailadmin_password_reset"), {"email": "chief@example.org"}, REMOTE_ADDR=address
        )

    def test_a_locked_address_gets_no_mail_and_the_same_page(self):
        done = self.reset()
        self.assertEqual(len(mail.outbox), 1)
        for n in range(SETTINGS["ADDRESS_LOCK_AFTER"]):
            self.fail_times(1, username=f"guess{n}")
        refused = self.reset()
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual((refused.status_code, refused.url), (done.status_code, done.url))

    def test_mails_asked_for_from_one_address_are_limited(self):
        for _ in range(4):
            self.reset()
        self.assertEqual(len(mail.outbox), 2)
        self.reset(address="192.0.2.44")
        self.assertEqual(len(mail.outbox), 3)
