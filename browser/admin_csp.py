"""The admin under its own Content-Security-Policy (NASHR_ADMIN_CSP, enforced), walked in headless Chromium:
sign-in, dashboard, page explorer, page edit (rich text, StreamField, the image chooser), the preview panel
and the preview in a tab, image and document uploads, a snippet, users, the account, wagtail-localize's
translation editor, the second-factor pages (an authenticator app enrolled, recovery codes made, then the
second step). Every `securitypolicyviolation` event, in any frame, and every console message about the
policy or the Permissions-Policy fails the test, with what was blocked and where.

Run with `make test-browser`, or alone: `DJANGO_SETTINGS_MODULE=nashr.settings.test .venv/bin/python
manage.py test browser.admin_csp`. `NASHR_ADMIN_CSP_REPORT_ONLY=1` in the environment walks the same
screens with the policy reported, not enforced, and lists every violation: how to find what a Wagtail
upgrade needs.
"""

import base64
import json
import os
import re
import secrets
import struct
import zlib
from pathlib import Path
from unittest import TestCase

from csp.utils import build_policy
from django_otp.oath import totp
from playwright.sync_api import expect

from browser import harness
from browser.site import DemoSite
from nashr.settings.base import CONTENT_SECURITY_POLICY, NASHR_ADMIN_CSP

REPORT_ONLY = os.environ.get("NASHR_ADMIN_CSP_REPORT_ONLY") == "1"
LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.nashrViolation({
        directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample,
        source: event.sourceFile + ":" + event.lineNumber, document: event.documentURI,
    });
});
"""
LOOKUP = """
import json
from django.contrib.auth import get_user_model
from wagtail.models import Page
from nashr.articles.models import ArticlePage, Category
user = get_user_model().objects.get(username="admin")
user.set_password({password!r})
user.save()
# An account of its own for the second step (a kept site may hold last run's).
get_user_model().objects.filter(username="csp-editor").delete()
get_user_model().objects.create_superuser("csp-editor", "csp-editor@localhost", {password!r})
article = ArticlePage.objects.filter(locale__language_code="en").exclude(lead_image=None).first()
translated = Page.objects.filter(locale__language_code="fa", title={title!r}).first() or Page.objects.filter(
    locale__language_code="fa", alias_of=None, translation_key=article.translation_key).first()
print(json.dumps({{"article": article.pk, "section": article.get_parent().pk, "translation": translated.pk,
    "category": Category.objects.first().pk, "user": user.pk}}))
"""

site = None
browser = None
ids = {}
PASSWORD = secrets.token_urlsafe(16)


def directives(policy):
    """A policy's directives, in no order (django-csp does not keep one)."""
    return set((policy or "").split("; "))


def png(path, size=24):
    """A small PNG picture made here (an uploaded image)."""
    row = b"\x00" + b"\x40\x90\xc0" * size
    data = zlib.compress(row * size)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
    return path


def setUpModule():
    global site, browser
    site = DemoSite(host="localhost", env={"NASHR_ADMIN_CSP_REPORT_ONLY": "1" if REPORT_ONLY else "0"})
    browser = harness.start(site)
    out = site.manage("shell", "-c", LOOKUP.format(password=PASSWORD, title=site.untranslated["title"]))
    ids.update(json.loads(out.splitlines()[-1]))


class AdminPolicyTests(TestCase):
    maxDiff = None

    def setUp(self):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
        self.context.set_default_timeout(30_000)
        self.addCleanup(self.context.close)
        self.violations = []
        self.context.expose_function("nashrViolation", lambda violation: self.violations.append(violation))
        self.context.add_init_script(LISTEN)
        self.page = self.context.new_page()
        self.page.on("console", self.console)
        self.policies = {}
        self.page.on("response", self.response)

    def console(self, message):
        if re.search(
            r"Content Security Policy|Content-Security-Policy|Permissions-Policy|Permissions policy",
            message.text,
        ):
            self.violations.append({"console": message.text, "document": self.page.url})

    def response(self, response):
        """The policy each admin document came with (redirects included)."""
        if response.request.resource_type == "document" and "/admin/" in response.url:
            headers = response.all_headers()
            public = "/preview/" in response.url  # a preview is the public page, under the public policy
            name = "content-security-policy" + ("-report-only" if REPORT_ONLY and not public else "")
            self.policies[response.url] = headers.get(name)

    def visit(self, path):
        response = self.page.goto(site.origin + path)
        self.assertLess(response.status, 400, path)
        self.page.wait_for_load_state("networkidle")

    def sign_in(self, username="admin"):
        self.context.clear_cookies()
        self.visit("/admin/login/")  # checks the answer and waits for the form's scripts
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()

    def assert_no_violations(self):
        self.page.wait_for_timeout(300)  # events of the last screen
        self.assertEqual(self.violations, [])
        self.assertTrue(self.policies)
        admin = directives(build_policy(config=NASHR_ADMIN_CSP))
        public = directives(build_policy(config=CONTENT_SECURITY_POLICY["DIRECTIVES"]))
        wrong = {
            url: directives(policy)
            for url, policy in self.policies.items()
            if directives(policy) != (public if "/preview/" in url else admin)
        }
        self.assertEqual(wrong, {})

    def test_admin_screens(self):
        self.sign_in()
        expect(self.page.locator("h1").first).to_be_visible()
        for path in (
            "/admin/",
            "/admin/pages/",
            f"/admin/pages/{ids['section']}/",
            "/admin/users/",
            f"/admin/users/edit/{ids['user']}/",
            "/admin/account/",
            "/admin/images/",
            "/admin/documents/",
            "/admin/snippets/",
            "/admin/reports/site-history/",  # last: its date filter is checked below
        ):
            with self.subTest(path=path):
                self.visit(path)
        # The listing filters' date pickers, started from nashr/static/js/admin_init.js, not inline.
        expect(self.page.locator("[data-nashr-init=date][data-nashr-started]")).not_to_have_count(0)
        expect(self.page.locator(".xdsoft_datetimepicker")).not_to_have_count(0)
        self.assert_no_violations()

    def test_page_edit_chooser_and_preview(self):
        self.sign_in()
        self.visit(f"/admin/pages/{ids['article']}/edit/")
        expect(self.page.locator(".Draftail-Editor").first).to_be_visible()
        self.page.locator(".Draftail-Editor [contenteditable=true]").first.click()
        self.page.keyboard.type(" More.")
        self.page.get_by_role("button", name="Insert a block").first.click()
        self.page.get_by_role("option", name="Image").first.click()
        self.page.locator("[data-chooser-action-choose]").filter(visible=True).first.click()
        modal = self.page.locator(".modal-dialog")
        expect(modal).to_be_visible()
        self.page.wait_for_load_state("networkidle")
        modal.locator("[data-chooser-modal-choice], a.image-choice, .listing a").first.click()
        expect(modal).to_be_hidden()
        self.page.locator('[data-side-panel-toggle="preview"]').click()
        preview = self.page.frame_locator("#w-preview-iframe")
        expect(preview.locator("body")).not_to_be_empty()
        self.page.wait_for_timeout(2500)  # the preview refreshes after a change
        self.page.locator(".Draftail-Editor [contenteditable=true]").first.click()
        self.page.keyboard.type(" Again.")
        self.page.wait_for_timeout(2500)
        self.visit(f"/admin/pages/{ids['article']}/edit/preview/?mode=")
        self.assert_no_violations()

    def test_uploads_and_a_snippet(self, tmp=Path("/tmp")):
        picture = png(Path(self.id().rsplit(".", 1)[-1]).with_suffix(".png").resolve())
        self.addCleanup(picture.unlink)
        self.sign_in()
        self.visit("/admin/images/multiple/add/")
        self.page.set_input_files("input[type=file]", str(picture))
        expect(self.page.locator(".upload-success, .upload-list li form").first).to_be_visible()
        self.visit("/admin/documents/multiple/add/")
        notes = picture.with_suffix(".txt")
        notes.write_text("Notes for the desk.\n")
        self.addCleanup(notes.unlink)
        self.page.set_input_files("input[type=file]", str(notes))
        expect(self.page.locator(".upload-success, .upload-list li form").first).to_be_visible()
        self.visit(f"/admin/snippets/articles/category/edit/{ids['category']}/")
        self.page.get_by_role("button", name="Save").first.click()
        expect(self.page.locator(".messages")).to_be_visible()
        self.assert_no_violations()

    def test_translation_editor(self):
        self.sign_in()
        self.visit(f"/admin/pages/{ids['translation']}/edit/")
        expect(
            self.page.locator(".js-translation-editor textarea, .js-translation-editor button").first
        ).to_be_visible()
        self.page.wait_for_timeout(1500)
        self.assert_no_violations()

    def test_second_factor(self):
        self.sign_in("csp-editor")
        self.visit("/admin/second-factor/")
        self.visit("/admin/second-factor/passkey/")
        self.visit("/admin/second-factor/")
        self.page.get_by_role("link", name="Set up an authenticator app").click()
        key = base64.b32decode(self.page.inner_text("#totp-secret"))
        self.page.fill('input[name="code"]', f"{totp(key):06d}")
        self.page.get_by_role("button", name="Confirm").click()
        self.page.get_by_role("button", name="Make recovery codes").click()
        self.page.get_by_role("link", name="I have kept them: continue").click()
        self.sign_in("csp-editor")
        expect(self.page).to_have_url(re.compile(r"/admin/second-factor/verify/"))
        self.page.fill('input[name="code"]', f"{totp(key, drift=1):06d}")
        self.page.get_by_role("button", name="Verify").click()
        expect(self.page).to_have_url(site.origin + "/admin/")
        self.assert_no_violations()
