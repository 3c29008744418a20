"""The first hour, as `docs/how-to/first-hour.md` tells it, walked in the admin of the demo site in headless
Chromium: log in, write an English article, publish it, Translate it into Farsi, translate its strings in
the translation editor, publish the translation, read both on the site. The screenshots the tutorial shows
are taken on the way, into `docs/how-to/first-hour/` (1280 x 800), so they follow the admin and the site.

Run with `make test-browser` (or `manage.py test browser.first_hour` with the test settings).
"""

import json
import re
from unittest import TestCase

from playwright.sync_api import expect

from browser import harness
from browser.site import ROOT, DemoSite

SHOTS = ROOT / "docs" / "how-to" / "first-hour"
VIEWPORT = {"width": 1280, "height": 800}
TITLE = {"en": "Rain returns to the valley", "fa": "باران به دره بازگشت"}
SUMMARY = {
    "en": "After three dry years, the river is running again.",
    "fa": "پس از سه سال خشکی، رود دوباره جاری است.",
}
BODY = {
    "en": "Farmers in the valley say the first autumn rain came a month early.",
    "fa": "کشاورزان دره می‌گویند نخستین باران پاییزی یک ماه زودتر آمد.",
}

# The English "Articles" section and the Farsi locale, from the demo site's database.
LOOKUP = """
import json
from wagtail.models import Locale
from nashr.core.models import SectionPage
section = SectionPage.objects.get(locale__language_code="en", slug="articles")
print(json.dumps({"section": section.pk, "fa": Locale.objects.get(language_code="fa").pk}))
"""
PAGE = """
import json
from nashr.articles.models import ArticlePage
page = ArticlePage.objects.get(locale__language_code="en", title={title!r})
page = page.get_translations(inclusive=True).get(locale__language_code="{lang}").specific
print(json.dumps({{"id": page.pk, "url": page.url, "live": page.live, "title": page.title}}))
"""
# A site kept from an earlier run (NASHR_BROWSER_SITE_DIR) holds the article already: start again.
FORGET = """
from nashr.articles.models import ArticlePage
for page in ArticlePage.objects.filter(locale__language_code="en", title={title!r}):
    for translation in page.get_translations(inclusive=True):
        translation.delete()
"""


class FirstHourTests(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.site = DemoSite()
        browser = harness.start(cls.site, cls.addClassCleanup)
        cls.password = harness.set_password(cls.site)
        cls.site.manage("shell", "-c", FORGET.format(title=TITLE["en"]))
        cls.ids = json.loads(cls.site.manage("shell", "-c", LOOKUP).splitlines()[-1])
        context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
        cls.addClassCleanup(context.close)
        cls.tab = context.new_page()
        SHOTS.mkdir(parents=True, exist_ok=True)

    def shot(self, name, tab=None):
        (tab or self.tab).screenshot(path=SHOTS / f"{name}.png", animations="disabled", caret="hide")

    def page(self, lang):
        """The new article in `lang`, as the database holds it."""
        out = self.site.manage("shell", "-c", PAGE.format(lang=lang, title=TITLE["en"]))
        return json.loads(out.splitlines()[-1])  # after what the shell says of itself

    def test_write_translate_publish_and_read(self):
        tab, origin = self.tab, self.site.origin

        # 1. Log in.
        harness.sign_in(tab, origin, "admin", self.password)
        expect(tab.locator("h1").first).to_be_visible()
        self.shot("1-dashboard")

        # 2. Write an English article in the Articles section.
        tab.goto(f"{origin}/admin/pages/add/articles/articlepage/{self.ids['section']}/")
        tab.fill("#id_title", TITLE["en"])
        tab.fill("#id_summary", SUMMARY["en"])
        tab.get_by_role("button", name="Insert a block").first.click()
        tab.get_by_role("option", name="Paragraph").first.click()
        editor = tab.locator(".Draftail-Editor [contenteditable=true]").first
        editor.click()
        editor.press_sequentially(BODY["en"])
        # Draftail hands its text to the form a moment after the typing stops.
        expect(tab.locator("input[name^='body-'][name$='-value']").first).to_have_value(re.compile("Farmers"))
        tab.mouse.wheel(0, -250)  # the paragraph in view with the fields above it
        self.shot("2-write")

        # 3. Publish it: the arrow beside "Save draft" opens "Publish".
        tab.locator("footer [data-w-dropdown-target=toggle]").first.click()
        tab.get_by_role("button", name="Publish").click()
        expect(tab.locator(".messages")).to_contain_text(re.compile("published", re.I))
        english = self.page("en")
        self.assertIs(english["live"], True)

        # 4. Translate it into Farsi (the page's menu: Translate).
        tab.goto(f"{origin}/admin/localize/submit/page/{english['id']}/")
        tab.locator(f"input[name=locales][value='{self.ids['fa']}']").check()
        self.shot("3-translate")
        tab.get_by_role("button", name="Submit").click()

        # 5. The translation editor: each string of the article beside its English source.
        expect(tab.get_by_text("Publish in")).to_be_visible()
        translate = tab.get_by_role("button", name="Translate", exact=True)
        expect(translate).to_have_count(3)  # title, summary, paragraph
        for done, text in enumerate((TITLE["fa"], SUMMARY["fa"], BODY["fa"]), 1):
            translate.first.click()
            box = tab.locator("textarea").first
            box.fill(text)
            box.press("Enter")
            expect(tab.get_by_role("button", name="Edit", exact=True)).to_have_count(done)
        expect(tab.get_by_text("Saving...")).to_have_count(0)
        tab.evaluate("window.scrollTo(0, 0)")
        self.shot("4-translation-editor")
        farsi = self.page("fa")
        # A translation is a draft until it is published; the strings reach the page then.
        self.assertEqual((farsi["live"], farsi["title"]), (False, TITLE["en"]))

        # 6. Publish the translation.
        tab.get_by_role("button", name="Publish in").click()
        expect(tab.locator(".messages")).to_contain_text(re.compile("published", re.I))
        farsi = self.page("fa")
        self.assertEqual((farsi["live"], farsi["title"]), (True, TITLE["fa"]))

        # 7. Read both on the site.
        reader = tab.context.browser.new_page(viewport=VIEWPORT)
        self.addCleanup(reader.close)
        for lang, info in (("en", english), ("fa", farsi)):
            response = reader.goto(origin + info["url"])
            self.assertEqual(response.status, 200)
            expect(reader.locator("main h1")).to_have_text(TITLE[lang])
            self.shot(f"{5 if lang == 'en' else 6}-read-{lang}", reader)
        # The Farsi article offers its English original, and the other way round.
        self.assertIn(english["url"], reader.content())
