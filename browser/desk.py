"""The translation desk in the admin of the demo site, in headless Chromium: sign in, open Reports →
Translation desk, the explorer of the Farsi articles and the outdated Farsi translation of the demo's
heat-wave article (its English was revised after translating), and screenshot each into
build/screenshots/desk-*.png (docs/how-to/translation-desk.md shows what they show).

Run with `make test-browser` (or `manage.py test browser.desk` with the test settings).
"""

import json
import re
from unittest import TestCase

from playwright.sync_api import expect

from browser import harness
from browser.site import ROOT, DemoSite

SHOTS = ROOT / "build" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}

LOOKUP = """
import json
from nashr.articles.models import ArticlePage
from nashr.core.models import SectionPage
page = ArticlePage.objects.get(locale__language_code="fa", slug="heat-wave-tips")
section = SectionPage.objects.get(locale__language_code="fa", slug="articles")
print(json.dumps({"outdated": page.pk, "section": section.pk}))
"""


class TranslationDeskTests(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.site = DemoSite()
        browser = harness.start(cls.site, cls.addClassCleanup)
        cls.password = harness.set_password(cls.site)
        cls.ids = json.loads(cls.site.manage("shell", "-c", LOOKUP).splitlines()[-1])
        context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
        cls.addClassCleanup(context.close)
        cls.tab = context.new_page()
        SHOTS.mkdir(parents=True, exist_ok=True)

    def shot(self, name):
        self.tab.screenshot(
            path=SHOTS / f"desk-{name}.png", animations="disabled", caret="hide", full_page=True
        )

    def test_dashboard_explorer_and_outdated_translation(self):
        tab, origin = self.tab, self.site.origin
        harness.sign_in(tab, origin, "admin", self.password)
        panel = tab.locator(".desk-summary")
        expect(panel).to_be_visible()
        expect(panel.locator("tr[data-edition=fa] td").nth(1)).to_have_text("1")  # outdated
        panel.scroll_into_view_if_needed()
        self.shot("home-panel")

        tab.goto(f"{origin}/admin/translation-desk/")
        outdated = tab.locator("td[data-edition=fa][data-status=outdated]")
        expect(outdated).to_have_count(1)
        expect(outdated.get_by_role("link", name="Sync")).to_be_visible()
        expect(tab.locator("td[data-status=missing]").first).to_be_visible()
        self.shot("dashboard")

        tab.get_by_label("Status").select_option("outdated")
        tab.get_by_role("button", name="Filter").click()
        tab.wait_for_url(re.compile(r"status=outdated"))
        expect(tab.locator(".desk-table tbody tr")).to_have_count(1, timeout=30_000)
        self.shot("dashboard-outdated")

        tab.goto(f"{origin}/admin/pages/{self.ids['section']}/")
        badge = tab.locator("[data-desk-outdated]")
        expect(badge).to_have_count(1)
        badge.scroll_into_view_if_needed()
        self.shot("explorer")

        tab.goto(f"{origin}/admin/pages/{self.ids['outdated']}/edit/")
        message = tab.locator(".messages")
        expect(message).to_contain_text(
            re.compile(r"Outdated: 1 segment changed since the source was updated on")
        )
        expect(message.get_by_role("link", name="Sync the translation")).to_be_visible()
        expect(tab.get_by_text("Publish in")).to_be_visible()  # wagtail-localize's translation editor
        self.shot("outdated-editor")

        message.get_by_role("link", name="Sync the translation").click()
        expect(tab.locator("h1")).to_contain_text("Update existing translations")
        self.shot("sync")
