"""Lighthouse (npm, pinned in package.json) on the demo site: accessibility, best practices and SEO must each
score 1.0 on the home page, an article and a listing, in every edition, at Lighthouse's default phone size.

Run with `make test-browser` (or `manage.py test browser.lighthouse`). One headless Chromium serves every
run; each page gets its own Lighthouse process, in sequence. Chromium resolves no host name but the demo
site's address, so nothing is fetched from the network; no audit of these three categories needs it
(robots.txt, hreflang and canonical are read from the demo site itself), so none is skipped. A failing
category prints its failing audits' ids and items.
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from unittest import TestCase

from browser.harness import CHROMIUM
from browser.site import ROOT, DemoSite, free_port

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("accessibility", "best-practices", "seo")
# The walk's pages that stand for the three kinds: the home page, an article, a section's listing (its
# first page: the walk's row asks for page 2).
PAGES = {"home": "home", "article": "article", "listing": "section-page-2"}
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",  # the tests may run as root (CI does)
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--mute-audio",
    # Any host but the demo site's loopback address fails to resolve: nothing leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

site = None
chromium = None
profile = None
results = {}


def setUpModule():
    global site, chromium, profile
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"{LIGHTHOUSE} is missing: `make tools` installs Lighthouse from npm")
    if not os.path.exists(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} is missing: `make test-browser` installs Debian's chromium")
    site = DemoSite()
    try:
        site.start()
        profile = tempfile.mkdtemp(prefix="nashr-lighthouse-")
        port = free_port()
        chromium = subprocess.Popen(
            [CHROMIUM, f"--remote-debugging-port={port}", f"--user-data-dir={profile}", *CHROMIUM_FLAGS],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_devtools(port)
        run_all(port)
    except Exception:
        tearDownModule()  # unittest does not call it when setUpModule fails
        raise


def tearDownModule():
    global chromium
    if chromium is not None:
        chromium.terminate()
        try:
            chromium.wait(timeout=10)
        except subprocess.TimeoutExpired:
            chromium.kill()
        chromium = None
    if profile:
        shutil.rmtree(profile, ignore_errors=True)
    if site is not None:
        site.stop()


def wait_for_devtools(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Chromium's DevTools did not answer on port {port} within {timeout} s")


def page_urls():
    """{(kind, edition): url} for every kind of page in `PAGES` and every edition."""
    urls = {}
    for kind, name in PAGES.items():
        for edition, path in site.urls[name].items():
            urls[kind, edition] = site.origin + path.split("?")[0]
    return urls


def lighthouse(url, port):
    """Lighthouse's report (its JSON) on `url`, run in the Chromium listening on `port`."""
    out = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            f"--port={port}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--disable-full-page-screenshot",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if out.returncode:
        raise RuntimeError(f"lighthouse {url} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout)


def run_all(port):
    started = time.monotonic()
    for key, url in page_urls().items():
        results[key] = (url, lighthouse(url, port))
    minutes = (time.monotonic() - started) / 60
    print(f"\nLighthouse: {len(results)} pages in {minutes:.1f} min", end="")


def failing_audits(report, category):
    """The audits that cost `category` points: "id: title" and their first items."""
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if not ref.get("weight") or audit["score"] is None or audit["score"] >= 1:
            continue
        lines.append(f"{audit['id']}: {audit['title']}")
        for item in (audit.get("details") or {}).get("items", [])[:5]:
            lines.append(f"    {describe(item)}")
    return lines


def describe(item):
    node = item.get("node") if isinstance(item, dict) else None
    if node:
        return (
            f"{node.get('selector', '')} {node.get('snippet', '')[:160]} {node.get('explanation', '')[:200]}"
        )
    return json.dumps(item, ensure_ascii=False)[:240]


class LighthouseTests(TestCase):
    def test_every_category_scores_one(self):
        self.assertEqual(len(results), len(PAGES) * len(site.urls["home"]), "a page was not audited")
        for (kind, edition), (url, report) in results.items():
            for category in CATEGORIES:
                score = report["categories"][category]["score"]
                with self.subTest(f"{kind} [{edition}] {category}: {url}"):
                    self.assertEqual(score, 1, "\n" + "\n".join(failing_audits(report, category)))

    def test_runs_at_phone_size(self):
        for (kind, edition), (_url, report) in results.items():
            with self.subTest(f"{kind} [{edition}]"):
                self.assertEqual(report["configSettings"]["formFactor"], "mobile")
                # A loaded machine draws a warning about the CPU, which only the performance score minds.
                warnings = [w for w in report["runWarnings"] if "slower CPU" not in w]
                self.assertEqual(warnings, [])
