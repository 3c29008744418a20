"""An offline edition in headless Chromium, opened from a folder as a reader opens it from a USB stick.

The bundle of a small Farsi edition is built in the test database and unzipped; Chromium opens its
`index.html` from `file://`, follows the link to the edition, from the home to a piece, from the piece to
its neighbour, then through its section's listing to an older piece. On every page the stylesheet applies,
every picture has loaded, and no request has gone anywhere but the folder.

Run with `make test-browser` (or `manage.py test browser.offline` with the test settings).
"""

import shutil
import tempfile
import zipfile
from pathlib import Path

from django.test import TestCase, override_settings
from playwright.sync_api import sync_playwright

from browser import harness
from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, days_ago, translate
from nashr.offline.bundle import build

# What a reader sees of the page: the stylesheet applied (the skip link is moved off screen by it), and
# every picture decoded.
STATE = """() => ({
  styled: document.querySelector(".skip-link")
    ? getComputedStyle(document.querySelector(".skip-link")).position === "absolute" : null,
  images: [...document.images].map((img) => ({
    src: img.currentSrc, loaded: img.complete && img.naturalWidth > 0,
  })),
  dir: document.documentElement.dir,
})"""


@override_settings(NASHR_PAGE_SIZE=2)
class OfflineEditionInChromiumTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = translate(add_section(homes["en"], "Articles"), "fa", title="مقاله‌ها")
        image = ImageFactory(width=1600, height=900)
        cls.articles = [
            make_article(
                section, f"باران شماره {n}", slug=f"rain-{n}", published_at=days_ago(n), lead_image=image
            )
            for n in range(1, 6)
        ]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        chromium = harness.chromium()
        work = Path(tempfile.mkdtemp(prefix="nashr-offline-browser-"))
        cls.addClassCleanup(shutil.rmtree, work, ignore_errors=True)
        build("fa", output=work / "fa.zip")
        with zipfile.ZipFile(work / "fa.zip") as archive:
            archive.extractall(work)
        cls.folder = next(p for p in work.iterdir() if p.is_dir())
        with sync_playwright() as playwright:  # after the database work: Django refuses it inside
            browser = playwright.chromium.launch(executable_path=chromium)
            try:
                cls.visits, cls.requests = _walk(browser, cls.folder)
            finally:
                browser.close()

    def test_a_reader_follows_links_from_the_index_to_the_edition_and_between_pieces(self):
        self.assertEqual(
            [url.removeprefix(self.folder.as_uri()) for url, _ in self.visits],
            [
                "/index.html",
                "/fa/index.html",
                "/fa/articles/rain-1/index.html",
                "/fa/articles/rain-2/index.html",
                "/fa/articles/index.html",
                "/fa/articles/index.page-2.html",
                "/fa/articles/rain-3/index.html",
            ],
        )

    def test_every_page_is_styled_right_to_left_with_its_pictures_loaded_from_the_folder(self):
        for url, state in self.visits[1:]:
            with self.subTest(url=url):
                self.assertIs(state["styled"], True)
                self.assertEqual(state["dir"], "rtl")
                self.assertEqual([i["src"] for i in state["images"] if not i["loaded"]], [])
                self.assertTrue(all(i["src"].startswith(self.folder.as_uri()) for i in state["images"]))
        self.assertTrue(self.visits[2][1]["images"])  # the piece's lead picture

    def test_nothing_is_requested_from_the_network(self):
        self.assertTrue(self.requests)
        self.assertEqual([url for url in self.requests if not url.startswith(self.folder.as_uri())], [])


def _state(page):
    """STATE once the reader has scrolled to the end: pictures below the fold load lazily, as on the site."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("() => [...document.images].every((img) => img.complete)", timeout=10_000)
    return page.evaluate(STATE)


def _walk(browser, folder):
    """Open the bundle's index and click through it; returns ([(url, state)], every URL requested)."""
    context = browser.new_context(viewport={"width": 800, "height": 900})
    requests, visits = [], []
    context.on("request", lambda request: requests.append(request.url))
    context.route("http*://**/*", lambda route: route.abort())  # no network, even if a page asked
    page = context.new_page()
    try:
        page.goto((folder / "index.html").as_uri())
        visits.append((page.url, _state(page)))
        for action, target in (
            ("click", "a.button"),  # "Open the edition"
            ("click", 'main a[href$="rain-1/index.html"]'),
            ("click", "a.post-nav__older"),  # the next older piece of its section
            ("goto", "fa/articles/index.html"),  # the section's listing
            ("click", 'main a[href$="index.page-2.html"]'),  # its older pieces
            ("click", 'main a[href$="rain-3/index.html"]'),
        ):
            if action == "goto":
                page.goto((folder / target).as_uri())
            else:
                page.click(target, timeout=10_000)
                page.wait_for_load_state("load")
            visits.append((page.url, _state(page)))
    finally:
        context.close()
    return visits, requests
