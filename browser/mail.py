"""Reader mail in headless Chromium: an English and a Farsi digest, as mail clients receive their HTML,
at 375 px (a phone) and 800 px. Checks language, direction, right-aligned Farsi, no sideways scrolling, and
that opening the mail asks nothing of any host but the site. Screenshots land in build/screenshots/mail-*.png,
listed in build/screenshots/mail.html.

Run with `make test-browser` (or `manage.py test browser.mail` with the test settings). The mail is rendered
first, in the test database; the browser opens it after, with every request answered from the site's
media or refused and recorded.
"""

import mimetypes
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.test import TestCase
from playwright.sync_api import sync_playwright

from browser import harness
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, publish
from nashr.mail import personalise, render_issue
from nashr.publications.tests.factories import add_issue, entry

SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
WIDTHS = (375, 800)
SITE = "http://localhost"

# Where the text of the mail sits in its box (mj-text writes each text as a <div> in a <td align>), and
# whether anything is wider than the window.
MEASURE = """() => {
  const html = document.documentElement;
  const textBoxes = [...document.querySelectorAll("h1, h2, td[align] > div")]
    .filter((el) => el.innerText.trim());
  const sides = textBoxes.map((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect(), box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return {gapStart: text.left - box.left, gapEnd: box.right - text.right, align: style.textAlign,
            direction: style.direction, text: el.innerText.trim().slice(0, 40)};
  });
  return {
    lang: html.lang, dir: html.dir, direction: getComputedStyle(document.body.firstElementChild).direction,
    width: html.clientWidth, scrollWidth: html.scrollWidth, sides,
  };
}"""


class MailInChromiumTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        news = {
            lang: add_section(homes[lang], title, "news") for lang, title in (("en", "News"), ("fa", "خبر"))
        }
        picture = ImageFactory()
        mails = {}
        for lang, title, heading, words in (
            ("en", "Weekly digest – 306", "News", "Rain returns to the valley after a dry summer"),
            ("fa", "گزیدهٔ هفتگی – ۴۲", "خبر", "باران پس از تابستانی خشک به دره برگشت"),
        ):
            article = news[lang].add_child(
                instance=_article(words, f"{words[:20]}…", lead_image=picture, slug=f"rain-{lang}")
            )
            publish(article)
            digests = add_section(homes[lang], title.split(" –")[0], "digest")
            issue = add_issue(
                digests,
                title,
                306 if lang == "en" else 42,
                lead_image=picture,
                body=f"<p>{words}. {words}.</p>",
                items=[
                    entry(page=article, summary=words, group=heading, note=words[:24]),
                    entry(url=f"https://example.org/{'x' * 90}", title=words, summary=words, group=heading),
                ],
            )
            mails[lang] = personalise(render_issue(issue), f"{SITE}/{lang}/u/", f"{SITE}/{lang}/m/").html
        cls.mails = mails

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        chromium = harness.chromium()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        cls.results = {}
        with sync_playwright() as playwright:  # after the database work: Django refuses it inside
            browser = playwright.chromium.launch(executable_path=chromium)
            try:
                for lang, html in cls.mails.items():
                    for width in WIDTHS:
                        cls.results[(lang, width)] = _open(browser, html, lang, width)
            finally:
                browser.close()
        _write_index(cls.results)

    def test_language_and_direction_follow_the_edition(self):
        for (lang, width), result in self.results.items():
            with self.subTest(lang=lang, width=width):
                self.assertEqual(result["lang"], lang)
                self.assertEqual(result["dir"], "rtl" if lang == "fa" else "ltr")
                self.assertEqual(result["direction"], "rtl" if lang == "fa" else "ltr")

    def test_farsi_text_sits_on_the_right_and_english_on_the_left(self):
        for (lang, width), result in self.results.items():
            with self.subTest(lang=lang, width=width):
                self.assertGreater(len(result["sides"]), 5)
                for side in result["sides"]:
                    if lang == "fa":
                        self.assertEqual(side["align"], "right", side)
                        self.assertLessEqual(side["gapEnd"], side["gapStart"] + 1, side)
                    else:
                        self.assertIn(side["align"], ("left", "start"), side)
                        self.assertLessEqual(side["gapStart"], side["gapEnd"] + 1, side)

    def test_nothing_scrolls_sideways(self):
        for (lang, width), result in self.results.items():
            with self.subTest(lang=lang, width=width):
                self.assertEqual(result["width"], width)
                self.assertLessEqual(result["scrollWidth"], result["width"])

    def test_opening_the_mail_asks_nothing_of_other_hosts(self):
        for (lang, width), result in self.results.items():
            with self.subTest(lang=lang, width=width):
                self.assertEqual(result["foreign"], [])
                self.assertTrue(result["served"], "the lead image comes from the site")

    def test_screenshots_are_saved_and_indexed(self):
        index = (SCREENSHOTS / "mail.html").read_text()
        for result in self.results.values():
            self.assertGreater(result["screenshot"].stat().st_size, 5000)
            self.assertIn(result["screenshot"].name, index)


def _article(title, summary, **fields):
    from nashr.articles.models import ArticlePage

    return ArticlePage(title=title, summary=summary, **fields)


def _open(browser, html, lang, width):
    """Open `html` as a mail client would: requests to the site's media are answered, all others refused."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    foreign, served = [], []

    def guard(route):
        url = route.request.url
        path = unquote(urlsplit(url).path)
        if url.startswith(SITE + settings.MEDIA_URL):
            name = path[len(settings.MEDIA_URL) :]
            with default_storage.open(name) as file:
                body = file.read()
            served.append(url)
            route.fulfill(body=body, content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.set_content(html, wait_until="load")
    result = tab.evaluate(MEASURE)
    result["screenshot"] = SCREENSHOTS / f"mail-{lang}-{width}.png"
    tab.screenshot(path=result["screenshot"], full_page=True)
    context.close()
    return {**result, "foreign": foreign, "served": served}


def _write_index(results):
    cells = "".join(
        f'<td><p>{escape(lang)}, {width} px</p><a href="{r["screenshot"].name}">'
        f'<img src="{r["screenshot"].name}" width="{min(width, 320)}" alt=""></a></td>'
        for (lang, width), r in sorted(results.items())
    )
    (SCREENSHOTS / "mail.html").write_text(
        "<!DOCTYPE html>\n<html lang=en><meta charset=utf-8><title>Nashr mail screenshots</title>\n"
        "<style>body{font-family:system-ui;margin:1rem}td{vertical-align:top;padding:.5rem}"
        "img{display:block;height:auto;border:1px solid #ccc}</style>\n"
        f"<h1>Reader mail</h1><table><tr>{cells}</tr></table>\n",
        encoding="utf-8",
    )
