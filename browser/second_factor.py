"""Signing in to the admin with a second factor, in headless Chromium, on a site that requires one
(NASHR_REQUIRE_2FA=1): a new account is led to enrol, enrols, and signs in again with its second step.

- a passkey, made and used by Chromium's virtual authenticator (DevTools protocol: `WebAuthn.enable`,
  `WebAuthn.addVirtualAuthenticator`, a platform authenticator that verifies its user);
- an authenticator app, whose codes the test computes from the key the enrolment page shows.

The site has no demo content (migrated only) and is reached as `localhost`: a passkey needs a domain name.
Run with `make test-browser`, or alone: `DJANGO_SETTINGS_MODULE=nashr.settings.test .venv/bin/python
manage.py test browser.second_factor`.
"""

import base64
import re
from unittest import TestCase

from django_otp.oath import totp
from playwright.sync_api import expect

from browser import harness
from browser.site import DemoSite

PASSWORD = "a-long-test-password"
VIRTUAL_AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
}

site = None
browser = None


def setUpModule():
    global site, browser
    site = DemoSite(
        content=False, host="localhost", env={"NASHR_REQUIRE_2FA": "1", "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
    )
    browser = harness.start(site)
    for username in ("passkey-editor", "app-editor"):
        site.manage(
            "createsuperuser", "--no-input", "--username", username, "--email", f"{username}@localhost"
        )


class SecondFactorTests(TestCase):
    def setUp(self):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.set_default_timeout(30_000)
        self.foreign = []
        self.context.route("**/*", self.guard)
        self.addCleanup(self.context.close)
        self.page = self.context.new_page()

    def guard(self, route):
        if route.request.url.startswith(site.origin + "/"):
            route.continue_()
        else:  # no script, font or anything else from another address, in the admin either
            self.foreign.append(route.request.url)
            route.abort()

    def sign_in(self, username):
        """Wagtail's own sign-in form, from a new browser session: the password step only."""
        self.context.clear_cookies()
        self.page.goto(site.origin + "/admin/")
        self.page.fill('input[name="username"]', username)
        self.page.fill('input[name="password"]', PASSWORD)
        self.page.click('form.login-form button[type="submit"]')

    def keep_recovery_codes(self):
        expect(self.page).to_have_url(re.compile(r"/admin/second-factor/recovery-codes/"))
        self.page.get_by_role("button", name="Make recovery codes").click()
        expect(self.page.locator(".recovery-codes li")).to_have_count(10)
        self.page.get_by_role("link", name="I have kept them: continue").click()

    def assert_on_dashboard(self):
        expect(self.page).to_have_url(site.origin + "/admin/")
        expect(self.page.locator("h1")).to_contain_text("Nashr")  # the dashboard names the site
        self.assertEqual(self.foreign, [])

    def test_enrols_a_passkey_then_signs_in_with_it(self):
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("WebAuthn.enable")
        authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": VIRTUAL_AUTHENTICATOR})

        self.sign_in("passkey-editor")
        expect(self.page).to_have_url(re.compile(r"/admin/second-factor/\?next=%2Fadmin%2F$"))
        self.page.get_by_role("link", name="Add a passkey").click()
        self.page.click("#passkey-register-button")
        self.keep_recovery_codes()
        self.assert_on_dashboard()
        credentials = cdp.send(
            "WebAuthn.getCredentials", {"authenticatorId": authenticator["authenticatorId"]}
        )
        self.assertEqual(len(credentials["credentials"]), 1)
        self.assertEqual(credentials["credentials"][0]["rpId"], "localhost")

        self.sign_in("passkey-editor")
        expect(self.page).to_have_url(re.compile(r"/admin/second-factor/verify/"))
        self.page.click("#passkey-verification-button")
        self.assert_on_dashboard()

    def test_enrols_an_authenticator_app_then_signs_in_with_a_code(self):
        self.sign_in("app-editor")
        expect(self.page).to_have_url(re.compile(r"/admin/second-factor/\?next="))
        self.page.get_by_role("link", name="Set up an authenticator app").click()
        key = base64.b32decode(self.page.inner_text("#totp-secret"))
        self.page.fill('input[name="code"]', f"{totp(key):06d}")
        self.page.get_by_role("button", name="Confirm").click()
        self.keep_recovery_codes()
        self.assert_on_dashboard()

        self.sign_in("app-editor")
        expect(self.page).to_have_url(re.compile(r"/admin/second-factor/verify/"))
        # The code just used to enrol is not accepted twice: the app's next one (a step of drift is allowed).
        self.page.fill('input[name="code"]', f"{totp(key, drift=1):06d}")
        self.page.get_by_role("button", name="Verify").click()
        self.assert_on_dashboard()
