"""Readers' view in headless Chromium: accessibility, right-to-left, privacy, weight, layout stability,
keyboard and JavaScript-free use, on the demo site in every edition. Screenshots land in build/screenshots/.

Run with `make test-browser`. The walk visits every page of `browser/pages.py` in every edition at 375 px
and 1280 px once; the tests below check what it recorded.
"""

import gzip
import os
import re
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from unittest import TestCase

from browser import harness, report
from browser.pages import FORM_VALUES, PAGES
from browser.site import ROOT, DemoSite

AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_RUN = "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
SCREENSHOTS = ROOT / "build" / "screenshots"
PHONE = 375
WIDTHS = (PHONE, 1280)
HEIGHT = 800
SCREENSHOT_EDITIONS = ("en", "fa")
RTL_EDITIONS = ("fa", "ar")
# Compressed HTML, CSS, JS and fonts of an article, images excluded.
ARTICLE_BUDGET = 60 * 1024
# Headless Chromium says it has a touch screen (`hover: none`); a reader at 1280 px has a mouse.
LAUNCH_ARGS = [
    "--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4"
]

# Layout shifts and the largest contentful paint, recorded from the first paint on.
OBSERVERS = """
window.__nashr = {cls: 0, shifts: [], lcp: null};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__nashr.cls += entry.value;
    window.__nashr.shifts.push(entry.sources.map((s) => s.node ? s.node.outerHTML.slice(0, 120) : "?"));
  }
}).observe({type: "layout-shift", buffered: true});
new PerformanceObserver((list) => {
  const entries = list.getEntries();
  window.__nashr.lcp = entries[entries.length - 1];
}).observe({type: "largest-contentful-paint", buffered: true});
"""

LCP = """() => {
  const entry = window.__nashr.lcp;
  if (!entry || !entry.element) return null;
  const el = entry.element;
  return {
    html: el.outerHTML.slice(0, 160),
    isTitle: el.matches("h1"),
    isLeadImage: el.tagName === "IMG" && !!el.closest("main article > .figure, main .post__lead"),
  };
}"""

# Where the page's parts sit, to tell a mirrored layout from a plain one.
LAYOUT = """() => {
  const box = (selector) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  };
  // On phones the menu is a closed disclosure: open it to see which way it runs (it opens over the page, so
  // nothing moves), then close it again.
  const menu = document.querySelector("details.site-menu");
  const wasOpen = !menu || menu.open;
  if (!wasOpen) menu.open = true;
  const items = Array.from(document.querySelectorAll(".main-nav__item > .main-nav__link"))
    .map((el) => el.getBoundingClientRect());
  if (!wasOpen) menu.open = false;
  const item = (i) => items[i] || null;
  const shares = Array.from(document.querySelectorAll(".share__link"))
    .map((el) => el.getBoundingClientRect());
  // The top of the first thing a reader sees in <main>, from the top of the page.
  let contentTop = null;
  for (const el of document.querySelectorAll(
    "main :is(h1, h2, h3, p, li, img, time, a, input, video, figure, nav, dl)")) {
    if (el.closest(".visually-hidden, .skip-link")) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 1 && r.height > 1) { contentTop = r.top + window.scrollY; break; }
  }
  return {
    direction: getComputedStyle(document.documentElement).direction,
    bodyDirection: getComputedStyle(document.body).direction,
    width: document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth,
    brand: box(".site-header__name"),
    editions: box(".editions"),
    first: item(0) && {left: item(0).left, right: item(0).right, top: item(0).top},
    second: item(1) && {left: item(1).left, right: item(1).right, top: item(1).top},
    h1: box("main h1"),
    toggle: box(".site-menu__toggle"),
    toggleShown: !!document.querySelector(".site-menu__toggle")
      && getComputedStyle(document.querySelector(".site-menu__toggle")).display !== "none",
    contentTop,
    // Share links: the rows they take and the lowest of them (a 44 px tap target asks for no precision).
    shareRows: new Set(shares.map((r) => Math.round(r.top))).size,
    shareHeight: Math.min(...shares.map((r) => r.height)),
  };
}"""

# Latin text in an Arabic-script page with no isolating element (bdi, or any element with `dir`) to keep
# its order and its neighbours': Latin set apart from the sentence around it, and any Latin in the places
# where templates put names and titles into a sentence (`SLOTS`). Text written in one piece by a translator
# is not reported elsewhere: its author chose the order.
MIXED = r"""() => {
  const SLOTS = ".byline, .provenance, .figure__caption, .comment__meta, .post-nav, .editions, .card__meta";
  const latin = /[A-Za-z]/, arabic = /[\u0600-\u06FF]/;
  const isolated = (node) => {
    for (let el = node.parentElement; el && el !== document.body; el = el.parentElement) {
      if (el.tagName === "BDI" || el.hasAttribute("dir")) return true;
    }
    return false;
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    if (!latin.test(text) || isolated(node)) continue;
    const parent = node.parentElement;
    if (parent.closest(SLOTS)) { found.push(text.trim().slice(0, 80)); continue; }
    if (arabic.test(text)) continue;
    const block = parent.closest("p, li, h1, h2, h3, figcaption, dd, dt, td, div") || parent;
    if (arabic.test(block.textContent)) found.push(text.trim().slice(0, 80));
  }
  return found;
}"""

FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {
    html: el.outerHTML.slice(0, 120),
    classes: el.className,
    hreflang: el.getAttribute("hreflang"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    visible: r.width > 0 && r.height > 0 && style.visibility !== "hidden" && r.bottom > 0 && r.right > 0
      && r.top < innerHeight && r.left < innerWidth,
    inSubMenu: !!el.closest(".main-nav__sub"),
    inEditions: !!el.closest(".editions"),
    isFooterEnd: el.classList.contains("back-to-top"),
  };
}"""


@dataclass
class Visit:
    page: object
    edition: str
    width: int
    url: str
    status: int = 0
    violations: list = field(default_factory=list)
    foreign: list = field(default_factory=list)
    cls: float = 0.0
    shifts: list = field(default_factory=list)
    lcp: dict | None = None
    layout: dict | None = None
    mixed: list = field(default_factory=list)
    resources: list = field(default_factory=list)
    screenshot: Path | None = None

    def __str__(self):
        return f"{self.page.name} [{self.edition}, {self.width} px] {self.url}"


site = None
browser = None
visits = []


def setUpModule():
    global site, browser
    site = DemoSite()
    browser = harness.start(site, args=LAUNCH_ARGS)


def new_context(width=1280, **options):
    """A browser context that lets no request leave the demo site: each is refused and kept in `foreign`."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, **options)
    context.set_default_timeout(60_000)  # the first visit of a page makes its image renditions
    context.foreign = []

    def guard(route):
        url = route.request.url
        if url.startswith(site.origin + "/"):
            route.continue_()
        else:
            context.foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    return context


def submit(page, values):
    for name, value in values.items():
        page.fill(f'form.form [name="{name}"]', value)
    with page.expect_navigation() as navigation:
        page.click("form.form [type=submit]")
    return navigation.value


def only_pages():
    """The page names NASHR_BROWSER_PAGES limits the walk to (a comma-separated list; empty: every page)."""
    return set(filter(None, os.environ.get("NASHR_BROWSER_PAGES", "").split(",")))


def walk():
    """Visits every page in every edition at every width, once; the tests read the result."""
    if visits:
        return visits
    only = only_pages()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        if not old.name.startswith("mail-"):  # browser/mail.py's, which may have run first
            old.unlink()
    for width in WIDTHS:
        context = new_context(width)
        context.add_init_script(OBSERVERS)
        for entry in PAGES:
            if only and entry.name not in only:
                continue
            for edition, url in site.urls[entry.name].items():
                visit = Visit(entry, edition, width, url)
                visits.append(visit)
                tab = context.new_page()
                requests = harness.Requests(tab)
                context.foreign.clear()
                response = tab.goto(site.origin + url)
                if entry.submit:
                    response = submit(tab, FORM_VALUES[entry.submit])
                visit.status = response.status
                requests.settle()
                visit.lcp = tab.evaluate(LCP)
                visit.layout = tab.evaluate(LAYOUT)
                visit.mixed = tab.evaluate(MIXED) if edition in RTL_EDITIONS else []
                tab.evaluate(AXE)
                result = tab.evaluate(AXE_RUN, AXE_TAGS)
                visit.violations = [
                    f"{v['id']} ({v['impact']}): {v['help']} at "
                    + "; ".join(" ".join(node["target"]) for node in v["nodes"][:4])
                    for v in result["violations"]
                ]
                # Scroll to the end so lazy images load and their shifts, if any, are seen.
                tab.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
                requests.settle()
                tab.wait_for_timeout(150)
                tab.evaluate("window.scrollTo(0, 0)")
                visit.resources = tab.evaluate(
                    "() => [location.href, ...performance.getEntriesByType('resource')"
                    ".filter((e) => e.initiatorType !== 'img').map((e) => e.name)]"
                )
                if edition in SCREENSHOT_EDITIONS:
                    visit.screenshot = SCREENSHOTS / f"{entry.name}-{edition}-{width}.png"
                    tab.screenshot(path=visit.screenshot, full_page=True)
                nashr = tab.evaluate("window.__nashr")
                visit.cls, visit.shifts = nashr["cls"], nashr["shifts"]
                visit.foreign = list(context.foreign)
                tab.close()
        context.close()
    report.write_index(SCREENSHOTS, visits, SCREENSHOT_EDITIONS, WIDTHS)
    return visits


class WalkTests(TestCase):
    """What every page shows, in every edition, at 375 px and 1280 px."""

    @classmethod
    def setUpClass(cls):
        cls.visits = walk()

    def test_every_page_answers_with_its_status(self):
        for visit in self.visits:
            with self.subTest(str(visit)):
                self.assertEqual(visit.status, visit.page.status)

    def test_axe_finds_no_violation(self):
        for visit in self.visits:
            with self.subTest(str(visit)):
                self.assertEqual(visit.violations, [])

    def test_no_request_leaves_the_site(self):
        for visit in self.visits:
            with self.subTest(str(visit)):
                self.assertEqual(visit.foreign, [])

    def test_layout_never_shifts(self):
        for visit in self.visits:
            with self.subTest(str(visit)):
                self.assertEqual(visit.cls, 0, visit.shifts)

    def test_no_page_scrolls_sideways(self):
        for visit in self.visits:
            with self.subTest(str(visit)):
                self.assertLessEqual(visit.layout["scrollWidth"], visit.layout["width"])

    def article_visits(self, widths):
        """The article's visits at `widths`: one per edition and width, or the test is skipped, saying so,
        when NASHR_BROWSER_PAGES leaves the article out."""
        if only_pages() and "article" not in only_pages():
            self.skipTest("NASHR_BROWSER_PAGES leaves out the article")
        found = [v for v in self.visits if v.page.name == "article" and v.width in widths]
        self.assertEqual(len(found), len(widths) * len(site.urls["article"]), "the article was not visited")
        return found

    def test_article_largest_paint_is_its_lead_image_or_title(self):
        for visit in self.article_visits(WIDTHS):
            with self.subTest(str(visit)):
                self.assertIsNotNone(visit.lcp)
                self.assertIs(visit.lcp["isTitle"] or visit.lcp["isLeadImage"], True, visit.lcp["html"])

    def test_article_weighs_at_most_60_kb_compressed_without_images(self):
        for visit in self.article_visits(WIDTHS[-1:]):
            sizes = {}
            for url in dict.fromkeys(visit.resources):
                # urlopen raises on a missing file: a page must not ask for what is not there.
                with urllib.request.urlopen(url) as response:
                    if response.headers.get_content_type().startswith("image/"):
                        continue
                    sizes[url] = len(gzip.compress(response.read(), compresslevel=6))
            total = sum(sizes.values())
            print(f"\narticle [{visit.edition}]: {total} bytes compressed in {len(sizes)} files", end="")
            with self.subTest(str(visit)):
                self.assertLessEqual(total, ARTICLE_BUDGET, sizes)

    def test_rtl_editions_are_mirrored(self):
        for visit in self.visits:
            layout = visit.layout
            with self.subTest(str(visit)):
                rtl = visit.edition in RTL_EDITIONS
                self.assertEqual(layout["direction"], "rtl" if rtl else "ltr")
                self.assertEqual(layout["bodyDirection"], layout["direction"])
                brand, first, second = layout["brand"], layout["first"], layout["second"]
                middle = layout["width"] / 2
                if first["top"] == second["top"]:  # side by side
                    from_start = first["right"] > second["right"] if rtl else first["left"] < second["left"]
                else:  # a phone's menu: one section a line, each from the start side
                    from_start = first["right"] > middle if rtl else first["left"] < middle
                self.assertIs(from_start, True, "the menu runs from the start side")
                if rtl:
                    self.assertGreater(brand["right"], middle, "the publication's name sits on the right")
                    self.assertGreater(layout["h1"]["right"], middle)
                else:
                    self.assertLess(brand["left"], middle, "the publication's name sits on the left")
                    self.assertLess(layout["h1"]["left"], middle)
                if visit.width == WIDTHS[-1]:
                    # The editions menu faces the name across the header bar.
                    if rtl:
                        self.assertLess(layout["editions"]["left"], brand["left"])
                    else:
                        self.assertGreater(layout["editions"]["right"], brand["right"])

    def test_content_starts_within_120_px_on_a_phone(self):
        for visit in self.visits:
            if visit.width == PHONE:
                with self.subTest(str(visit)):
                    self.assertIsNotNone(visit.layout["contentTop"])
                    self.assertLessEqual(visit.layout["contentTop"], 120)

    def test_share_links_take_one_row_of_large_targets(self):
        for visit in self.article_visits(WIDTHS):
            with self.subTest(str(visit)):
                self.assertEqual(visit.layout["shareRows"], 1)
                self.assertGreaterEqual(visit.layout["shareHeight"], 44)

    def test_phone_menu_is_a_button_that_faces_the_name(self):
        for visit in self.visits:
            layout = visit.layout
            with self.subTest(str(visit)):
                self.assertIs(layout["toggleShown"], visit.width == PHONE)
                if visit.width == PHONE:
                    # 44 px high at least (WCAG 2.2 target size, with room to spare), across from the name.
                    self.assertGreaterEqual(layout["toggle"]["bottom"] - layout["toggle"]["top"], 44)
                    if visit.edition in RTL_EDITIONS:
                        self.assertLess(layout["toggle"]["left"], layout["brand"]["left"])
                    else:
                        self.assertGreater(layout["toggle"]["right"], layout["brand"]["right"])

    def test_latin_names_in_rtl_text_are_isolated(self):
        for visit in self.visits:
            if visit.edition in RTL_EDITIONS:
                with self.subTest(str(visit)):
                    self.assertEqual(visit.mixed, [])

    def test_screenshots_are_indexed(self):
        index = (SCREENSHOTS / "index.html").read_text()
        for visit in self.visits:
            if visit.edition in SCREENSHOT_EDITIONS:
                with self.subTest(str(visit)):
                    self.assertTrue(visit.screenshot.stat().st_size > 0)
                    self.assertIn(visit.screenshot.name, index)


def tab_through(tab, steps=80):
    """Presses Tab from the top of the page; yields what has the focus after each press."""
    for _ in range(steps):
        tab.keyboard.press("Tab")
        focus = tab.evaluate(FOCUS)
        if focus is None:
            return
        yield focus


class KeyboardTests(TestCase):
    """A reader with a keyboard alone: skip link, visible focus, menus and the editions switcher."""

    def setUp(self):
        self.article = site.urls["article"]

    def open(self, url, width=1280):
        # Reduced motion: focus scrolls at once, not smoothly, so the focused element is in view.
        context = new_context(width, reduced_motion="reduce")
        self.addCleanup(context.close)
        tab = context.new_page()
        tab.goto(site.origin + url)
        return tab

    def test_first_tab_shows_the_skip_link_and_enter_moves_to_the_content(self):
        for edition in ("en", "fa"):
            with self.subTest(edition):
                tab = self.open(self.article[edition], width=375)
                tab.keyboard.press("Tab")
                focus = tab.evaluate(FOCUS)
                self.assertIn("skip-link", focus["classes"])
                self.assertIs(focus["visible"], True)
                tab.keyboard.press("Enter")
                self.assertEqual(tab.evaluate("document.activeElement.id"), "main")
                tab.keyboard.press("Tab")
                self.assertIs(tab.evaluate("!!document.activeElement.closest('main')"), True)

    def test_every_focused_element_is_visible_and_outlined(self):
        for edition in ("en", "fa"):
            for width in WIDTHS:
                with self.subTest(edition=edition, width=width):
                    tab = self.open(self.article[edition], width=width)
                    seen = 0
                    for focus in tab_through(tab, steps=120):
                        seen += 1
                        self.assertIs(focus["visible"], True, focus["html"])
                        self.assertIs(focus["outline"], True, focus["html"])
                        if focus["isFooterEnd"]:
                            break
                    self.assertGreater(seen, 20)

    def test_sub_menus_open_for_the_keyboard(self):
        tab = self.open(self.article["en"])
        for focus in tab_through(tab):
            if focus["inSubMenu"]:
                self.assertIs(focus["visible"], True, focus["html"])
                href = tab.evaluate("document.activeElement.getAttribute('href')")
                tab.keyboard.press("Enter")
                tab.wait_for_url(site.origin + href)
                return
        self.fail("Tab never reached a sub-menu link")

    def test_editions_switcher_works_with_the_keyboard_and_is_remembered(self):
        tab = self.open(self.article["en"])
        for focus in tab_through(tab):
            if focus["inEditions"] and focus["hreflang"] == "fa":
                tab.keyboard.press("Enter")
                tab.wait_for_url(site.origin + self.article["fa"])
                self.assertEqual(tab.evaluate("document.documentElement.lang"), "fa")
                # The choice holds: the site's root address now opens the Farsi edition.
                tab.goto(site.origin + "/")
                self.assertEqual(tab.url, site.origin + site.urls["home"]["fa"])
                return
        self.fail("Tab never reached the Farsi edition link")


class UntranslatedDraftTests(TestCase):
    """An article translated into Farsi but not yet published there stays out of the Farsi edition."""

    def test_farsi_home_does_not_show_an_untranslated_draft(self):
        context = new_context()
        self.addCleanup(context.close)
        tab = context.new_page()
        title = site.untranslated["title"]
        tab.goto(site.origin + site.urls["home"]["en"])
        self.assertIn(title, tab.locator("main").inner_text())
        tab.goto(site.origin + site.urls["home"]["fa"])
        self.assertEqual(tab.locator("main h1").count(), 1)  # the Farsi home was read
        self.assertNotIn(title, tab.content())


class WithoutJavaScriptTests(TestCase):
    """Reading, navigation and the contact form with JavaScript turned off."""

    def setUp(self):
        context = new_context(375, java_script_enabled=False)
        self.addCleanup(context.close)
        self.tab = context.new_page()

    def test_reading_and_navigation(self):
        for edition in ("en", "fa"):
            with self.subTest(edition):
                tab = self.tab
                tab.goto(site.origin + site.urls["article"][edition])
                self.assertIs(tab.locator("main h1").is_visible(), True)
                self.assertGreater(len(tab.locator(".post__body").inner_text()), 200)
                self.assertIs(tab.locator(".main-nav").is_visible(), False)  # folded on a phone
                tab.click(".site-menu__toggle")  # a <details> opens without a script
                link = tab.locator(".main-nav__item > .main-nav__link").first
                href = link.get_attribute("href")
                link.click()
                tab.wait_for_url(site.origin + href)
                self.assertIs(tab.locator("main h1").is_visible(), True)
                card = tab.locator("main .card__title a").first
                href = card.get_attribute("href")
                card.click()
                tab.wait_for_url(site.origin + href)
                self.assertIs(tab.locator("main h1").is_visible(), True)

    def test_editions_menu_switches_and_is_remembered(self):
        tab = self.tab
        tab.goto(site.origin + site.urls["article"]["en"])
        tab.click(".site-menu__toggle")
        tab.click('.editions a[hreflang="ar"]')
        tab.wait_for_url(site.origin + site.urls["article"]["ar"])
        tab.goto(site.origin + "/")
        self.assertEqual(tab.url, site.origin + site.urls["home"]["ar"])

    def test_contact_form_shows_errors_then_sends(self):
        tab = self.tab
        tab.goto(site.origin + site.urls["contact"]["fa"])
        response = submit(tab, FORM_VALUES["invalid"])
        self.assertEqual(response.status, 400)
        self.assertIs(tab.locator("[role=alert]").first.is_visible(), True)
        self.assertGreaterEqual(tab.locator(".form__field--error").count(), 3)
        # What the reader typed is still there.
        self.assertEqual(tab.input_value('form.form [name="email"]'), FORM_VALUES["invalid"]["email"])
        response = submit(tab, FORM_VALUES["valid"])
        self.assertEqual(response.status, 200)
        self.assertTrue(re.search(r"/thanks/$", tab.url), tab.url)
        self.assertIs(tab.locator("[role=status]").is_visible(), True)


class MediaTests(TestCase):
    """A video hosted elsewhere contacts nobody before the reader plays it; a gallery opens large and is
    walked with the keyboard (nashr/static/js/media.js)."""

    def open(self, url, width=1280):
        context = new_context(width, reduced_motion="reduce")
        self.addCleanup(context.close)
        tab = context.new_page()
        tab.goto(site.origin + url)
        tab.wait_for_load_state("networkidle")
        return context, tab

    def test_the_outside_video_is_asked_for_only_when_the_reader_plays_it(self):
        # A video page (titled by its heading) and an article whose body embeds one (titled by its caption).
        for name, title in (("video-outside", "main h1"), ("article-video", ".video-facade__caption")):
            for edition in ("en", "fa"):
                with self.subTest(name=name, edition=edition):
                    context, tab = self.open(site.urls[name][edition], width=375)
                    self.assertEqual(context.foreign, [])
                    self.assertEqual(tab.locator("iframe").count(), 0)
                    play = tab.locator(".video-facade__play")
                    box = play.bounding_box()
                    self.assertGreaterEqual(min(box["width"], box["height"]), 44)  # a large target
                    embed = play.get_attribute("data-embed")
                    play.focus()
                    tab.keyboard.press("Enter")
                    frame = tab.locator("iframe.video-facade__player")
                    frame.wait_for(state="attached")
                    self.assertEqual(frame.get_attribute("src"), embed)
                    self.assertEqual(frame.get_attribute("title"), tab.locator(title).inner_text())
                    tab.wait_for_timeout(300)
                    host = embed.split("/")[2]
                    self.assertTrue(context.foreign, "the player was not asked for")
                    self.assertEqual({url.split("/")[2] for url in context.foreign}, {host})

    def test_gallery_pictures_open_large_and_follow_the_arrow_keys(self):
        for edition, forward in (("en", "ArrowRight"), ("fa", "ArrowLeft")):
            with self.subTest(edition):
                _, tab = self.open(site.urls["gallery"][edition])
                links = tab.locator(".gallery__link")
                links.nth(0).focus()
                tab.keyboard.press("Enter")
                dialog = tab.locator("dialog.lightbox")
                dialog.wait_for(state="visible")
                count = tab.locator(".lightbox__count")
                self.assertEqual(count.inner_text(), links.nth(0).get_attribute("data-count"))
                self.assertEqual(tab.evaluate("document.activeElement.className"), "lightbox__close")
                tab.keyboard.press(forward)
                self.assertEqual(count.inner_text(), links.nth(1).get_attribute("data-count"))
                src = tab.locator(".lightbox__image").get_attribute("src")
                self.assertEqual(src, links.nth(1).get_attribute("data-large"))
                tab.wait_for_function("() => document.querySelector('.lightbox__image').complete")
                tab.screenshot(path=SCREENSHOTS / f"gallery-lightbox-{edition}-1280.png")
                tab.keyboard.press("Escape")
                dialog.wait_for(state="hidden")
                # Focus goes back on the dialog's close event, a task after it is hidden.
                href = links.nth(1).get_attribute("href")
                tab.wait_for_function(
                    "(href) => document.activeElement.getAttribute('href') === href", arg=href
                )

    def test_without_javascript_each_picture_is_a_page_of_its_own(self):
        context = new_context(375, java_script_enabled=False)
        self.addCleanup(context.close)
        tab = context.new_page()
        tab.goto(site.origin + site.urls["gallery"]["fa"])
        tab.locator(".gallery__link").first.click()
        tab.wait_for_url(re.compile(r"/1/$"))
        tab.locator(".gallery-picture__next").click()
        tab.wait_for_url(site.origin + site.urls["gallery-picture"]["fa"])
        self.assertIs(tab.locator(".gallery-picture__figure img").is_visible(), True)
