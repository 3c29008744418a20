"""The admin's fields in the direction of their content, in headless Chromium, in English and Farsi admins.

An English admin edits a Farsi article and a Farsi admin an English one: the computed direction of the
title, of a Draftail editor, of a StreamField text block, of a snippet's field and of the translation
editor's segments follows the content, while the admin's own page keeps the admin's direction. A phrase
marked English inside Persian text round-trips through saving; the translation editor's per-segment
machine translation fills a segment from a LibreTranslate stand-in (nashr/editions/tests/
libretranslate_standin.py) started here. Screenshots: build/screenshots/admin-direction-*.png.

Run with `make test-browser`, or alone: `DJANGO_SETTINGS_MODULE=nashr.settings.test .venv/bin/python
manage.py test browser.admin_direction`.
"""

import json
import re
import secrets
import subprocess
import sys
from unittest import TestCase, addModuleCleanup

from playwright.sync_api import expect

from browser import harness
from browser.site import ROOT, DemoSite

SCREENSHOTS = ROOT / "build" / "screenshots"
STANDIN_PORT = 18520
KEY = secrets.token_urlsafe(8)
PASSWORD = secrets.token_urlsafe(16)
QUOTE = {"fa": "کتاب‌ها دوستان خاموش‌اند.", "en": "Books are quiet friends."}
LOOKUP = """
import json
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation
from nashr.articles.models import ArticlePage, Category
from nashr.core.tests.factories import translate
ids = {{}}
for code in ("en", "fa"):
    name = f"direction-{{code}}"
    get_user_model().objects.filter(username=name).delete()
    user = get_user_model().objects.create_superuser(name, f"{{name}}@localhost", {password!r})
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()
    article = ArticlePage.objects.filter(locale__language_code=code).order_by("-published_at").first()
    article.body.append(("quote", {{"text": {quotes!r}[code], "attribution": ""}}))
    article.save_revision()  # a draft with a quotation, a StreamField text block
    ids[f"article_{{code}}"] = article.pk
    category = Category.objects.filter(locale__language_code=code).first()
    ids[f"category_{{code}}"] = category.pk
    # The demo's translations are synced with wagtail-localize, whose pieces open in the translation editor:
    # stopping the sync, as an editor can, gives these two the page and snippet editors tested here.
    for obj in (article, category):
        Translation.objects.filter(
            source__object_id=obj.translation_key, target_locale_id=obj.locale_id
        ).update(enabled=False)
translation = ArticlePage.objects.get(locale__language_code="fa", title={title!r})
ids["translation"] = translation.pk
print(json.dumps(ids))
"""
SAVED_BODY = """
from nashr.articles.models import ArticlePage
print(ArticlePage.objects.get(pk={pk}).get_latest_revision_as_object().body.raw_data[0]["value"])
"""
SELECT_LAST_WORD = """(editor) => {
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    let last = null;
    while (walker.nextNode()) if (walker.currentNode.textContent.includes("BBC")) last = walker.currentNode;
    const start = last.textContent.lastIndexOf("BBC");
    const range = document.createRange();
    range.setStart(last, start);
    range.setEnd(last, start + 3);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
}"""

site = None
browser = None
ids = {}


def setUpModule():
    global site, browser
    standin = subprocess.Popen(
        [sys.executable, "-m", "nashr.editions.tests.libretranslate_standin", str(STANDIN_PORT), KEY],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    addModuleCleanup(stop_standin, standin)
    if standin.stdout.readline().strip() != b"ready":
        raise RuntimeError("the LibreTranslate stand-in did not start")
    site = DemoSite(
        host="localhost",
        env={
            "NASHR_MACHINE_TRANSLATOR": "libretranslate",
            "NASHR_LIBRETRANSLATE_URL": f"http://127.0.0.1:{STANDIN_PORT}",
            "NASHR_LIBRETRANSLATE_KEY": KEY,
        },
    )
    browser = harness.start(site)
    lookup = LOOKUP.format(password=PASSWORD, quotes=QUOTE, title=site.untranslated["title"])
    ids.update(json.loads(site.manage("shell", "-c", lookup).splitlines()[-1]))


def stop_standin(standin):
    standin.terminate()
    standin.wait(10)
    standin.stdout.close()


def direction(locator):
    """The computed direction and the language attribute of the element."""
    return locator.evaluate("(e) => [getComputedStyle(e).direction, e.closest('[lang]')?.lang]")


class AdminDirectionTests(TestCase):
    def setUp(self):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(30_000)
        self.addCleanup(self.context.close)
        self.page = self.context.new_page()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def sign_in(self, admin_language):
        self.visit("/admin/login/")
        self.page.fill("#id_username", f"direction-{admin_language}")
        self.page.fill("#id_password", PASSWORD)
        self.page.locator("form button[type=submit]").first.click()
        self.page.wait_for_url(re.compile(r"/admin/$"))

    def visit(self, path):
        response = self.page.goto(site.origin + path)
        self.assertLess(response.status, 400, path)

    def open_article(self, code):
        self.visit(f"/admin/pages/{ids[f'article_{code}']}/edit/")
        editor = self.page.locator("div[data-nashr-lang] .public-DraftEditor-content").first
        expect(editor).to_be_visible()
        return editor

    def assert_article_fields(self, editor, lang, expected):
        self.assertEqual(direction(self.page.locator("#id_title")), [expected, lang])
        self.assertEqual(direction(editor), [expected, lang])
        quote = self.page.locator("div[data-nashr-lang] textarea").last  # the quotation added above
        expect(quote).to_have_value(QUOTE[lang])
        self.assertEqual(direction(quote), [expected, lang])
        self.assertEqual(direction(self.page.locator("#id_slug"))[0], "ltr")  # an address

    def test_an_english_admin_edits_a_farsi_article_right_to_left(self):
        self.sign_in("en")
        editor = self.open_article("fa")
        self.assertEqual(self.page.locator("html").get_attribute("dir"), "ltr")
        self.assertEqual(direction(self.page.locator("header h1, h1").first)[0], "ltr")  # the admin's chrome
        self.assert_article_fields(editor, "fa", "rtl")
        self.page.screenshot(path=SCREENSHOTS / "admin-direction-en-admin-fa-article.png", full_page=False)

    def test_a_farsi_admin_edits_an_english_article_left_to_right(self):
        self.sign_in("fa")
        editor = self.open_article("en")
        self.assertEqual(self.page.locator("html").get_attribute("dir"), "rtl")
        self.assert_article_fields(editor, "en", "ltr")
        self.page.screenshot(path=SCREENSHOTS / "admin-direction-fa-admin-en-article.png", full_page=False)

    def test_snippet_fields_follow_their_edition(self):
        for admin, code, expected in (("en", "fa", "rtl"), ("fa", "en", "ltr")):
            with self.subTest(admin=admin, snippet=code):
                self.context.clear_cookies()
                self.sign_in(admin)
                self.visit(f"/admin/snippets/articles/category/edit/{ids[f'category_{code}']}/")
                self.assertEqual(direction(self.page.locator("#id_name")), [expected, code])
                self.assertEqual(direction(self.page.locator("#id_description")), [expected, code])
                self.assertEqual(direction(self.page.locator("#id_slug"))[0], "ltr")

    def test_an_english_name_marked_in_persian_text_round_trips(self):
        self.sign_in("en")
        editor = self.open_article("fa")
        editor.focus()
        self.page.keyboard.press("Control+End")
        self.page.keyboard.type(" BBC")
        editor.evaluate(SELECT_LAST_WORD)  # arrow keys move by sight in mixed-direction text
        wrapper = editor.locator("xpath=ancestor::div[contains(@class, 'Draftail-Editor ')]")
        wrapper.locator("button[name='LANG_EN']").click()
        self.page.wait_for_timeout(600)  # Draftail writes its field a moment after the last change
        self.page.get_by_role("button", name="Save draft").click()
        expect(self.page.locator(".messages .success")).to_be_visible()
        saved = site.manage("shell", "-c", SAVED_BODY.format(pk=ids["article_fa"]))
        self.assertRegex(saved, r'<span (lang="en" dir="ltr"|dir="ltr" lang="en")>BBC</span>')
        editor = self.open_article("fa")  # back from the database into the editor
        span = editor.get_by_text("BBC", exact=True).last
        self.assertEqual(span.evaluate("(e) => getComputedStyle(e).direction"), "ltr")
        self.assertEqual(direction(editor)[0], "rtl")

    def test_the_translation_editor_shows_each_side_in_its_direction_and_machine_translates_a_segment(self):
        self.sign_in("en")
        self.visit(f"/admin/pages/{ids['translation']}/edit/")
        title = self.page.locator(".js-translation-editor li").filter(has=self.page.locator("p.title")).first
        expect(title).to_be_visible()
        self.assertEqual(direction(title.locator("p.title")), ["ltr", "en"])
        title.get_by_role("button", name="Translate", exact=True).click()
        box = title.locator("textarea")
        expect(box).to_be_visible()
        self.assertEqual(direction(box), ["rtl", "fa"])
        source = title.locator("p.title").inner_text()
        title.get_by_role("button", name="Machine translate").click()
        expect(box).to_have_value(f"[en>fa] {source.upper()}")
        self.page.screenshot(path=SCREENSHOTS / "admin-direction-translation-editor.png", full_page=False)
