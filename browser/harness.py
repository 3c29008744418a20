"""What the browser tests of a served site start with: the site (`browser.site.DemoSite`) served, headless
Chromium launched, and the admin's sign-in.

`start(site, cleanup)` registers what stops each piece with `cleanup` as it starts it, so they stop in
reverse order after the tests, and also when a later step fails: a module passes nothing
(`unittest.addModuleCleanup`, called even when `setUpModule` fails), a class its `addClassCleanup`.
"""

import os
import secrets
import time
import unittest
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("NASHR_CHROMIUM", "/usr/bin/chromium")

SET_PASSWORD = """
from django.contrib.auth import get_user_model
user = get_user_model().objects.get(username={username!r})
user.set_password({password!r})
user.save()
"""


def chromium():
    """The Chromium the tests drive, or a clear error where it is not installed."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: `make test-browser` installs Debian's chromium")
    return CHROMIUM


def start(site, cleanup=unittest.addModuleCleanup, args=()):
    """Serves `site` and launches Chromium (with the command-line `args`); returns the browser."""
    executable = chromium()
    cleanup(site.stop)
    site.start()
    playwright = sync_playwright().start()
    cleanup(playwright.stop)
    browser = playwright.chromium.launch(executable_path=executable, args=list(args))
    cleanup(browser.close)
    return browser


def set_password(site, username="admin"):
    """Gives the site's existing account `username` a new random password, and returns it."""
    password = secrets.token_urlsafe(12)
    site.manage("shell", "-c", SET_PASSWORD.format(username=username, password=password))
    return password


def sign_in(page, origin, username, password):
    """Wagtail's sign-in form, filled in and sent (the password step only)."""
    page.goto(f"{origin}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()


# Two animation frames: what the page does after a scroll (lazy images start loading) has begun by then.
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


class Requests:
    """The requests a tab has in flight, so a test waits until the page has fetched what it asked for.

    Playwright's "networkidle" waits for half a second without a request every time, which the walk over
    every page pays twice a visit; `settle()` returns once nothing has been in flight for `quiet` seconds.
    """

    def __init__(self, tab):
        self.tab = tab
        self.pending = set()
        tab.on("request", lambda request: self.pending.add(request))
        tab.on("requestfinished", lambda request: self.pending.discard(request))
        tab.on("requestfailed", lambda request: self.pending.discard(request))  # also those the guard refuses

    def settle(self, quiet=0.1, timeout=60):
        self.tab.evaluate(TWO_FRAMES)
        deadline = time.monotonic() + timeout
        since = time.monotonic()
        while time.monotonic() - since < quiet:
            if time.monotonic() > deadline:
                raise TimeoutError(f"still loading after {timeout} s: {[r.url for r in self.pending]}")
            self.tab.wait_for_timeout(20)  # Playwright hands over the tab's events while it waits
            if self.pending:
                since = time.monotonic()
