"""Before and after, as readers see them: the same pages of the demo site served by an earlier commit and by
this checkout, side by side in docs/screenshots/index.html.

    make screenshots-before-after BEFORE=<commit>     # or: python -m browser.before_after --before <commit>

Each side is its own demo site (`browser.site.DemoSite`: migrate, load_demo, runserver), kept in
build/before-after/<side>/site/ so that `--side after` re-shoots this checkout alone after a change of CSS or
templates. The earlier commit is exported with `git archive` into build/before-after/tree-<commit>/ and run
with this checkout's Python; each side finds its pages with its own `browser/resolve.py`.

Pictures: `PAGES` in every edition, at 375 px (the whole page) and 1280 px (the first screen), in headless
Chromium (no request leaves the site), saved as PNG in build/before-after/<side>/ and written to the output
folder as WebP, small enough to commit.
"""

import argparse
import contextlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from html import escape
from pathlib import Path

from PIL import Image

from browser import harness
from browser.site import ROOT, DemoSite

PAGES = ("home", "article", "section-page-2", "gallery", "video", "not-found")
EDITIONS = ("en", "fa", "ar", "sq")
# Width in CSS pixels: whether the picture holds the whole page (else the first screen of HEIGHT).
WIDTHS = {375: True, 1280: False}
HEIGHT = 800
BUILD = ROOT / "build" / "before-after"
PORTS = {"before": 8740, "after": 8741}
WEBP_QUALITY = 32  # both sides' 96 pictures weigh 5.0 MB (5.5 MB at 40); text stays sharp
SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
    window.scrollTo(0, y);
    await new Promise((done) => setTimeout(done, 60));
  }
  await Promise.all([...document.images].map((image) => image.decode().catch(() => null)));
}"""


def git(*args, cwd=ROOT):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def export(commit):
    """The files of `commit` in build/before-after/tree-<commit>/ (made once)."""
    sha = git("rev-parse", "--verify", f"{commit}^{{commit}}")
    tree = BUILD / f"tree-{sha[:12]}"
    if not (tree / "manage.py").exists():
        tree.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile() as archive:
            subprocess.run(["git", "archive", sha], cwd=ROOT, check=True, stdout=archive)
            archive.seek(0)
            with tarfile.open(fileobj=archive) as tar:
                tar.extractall(tree, filter="data")
    return tree


def settle(tab, url):
    """Opens `url` twice, the second time with its fonts and image renditions ready (`font-display:
    optional` keeps a face that arrives late off the first visit), then scrolls through it."""
    for _ in range(2):
        tab.goto(url)
        tab.wait_for_load_state("networkidle")
    tab.evaluate("document.fonts.ready.then(() => true)")
    # A screen at a time: a lazy image loads only when the reader comes near it.
    tab.evaluate(SCROLL_THROUGH)
    tab.wait_for_load_state("networkidle")
    tab.evaluate("window.scrollTo(0, 0)")
    tab.wait_for_timeout(100)


def new_context(browser, site, width):
    """A context at `width` whose requests stay on the demo site (the others are refused)."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, reduced_motion="reduce")
    context.set_default_timeout(60_000)

    def guard(route):
        if route.request.url.startswith(site.origin + "/"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    return context


def shoot(side, root):
    """Serves `root`'s demo site; saves each picture and the addresses in build/before-after/<side>/."""
    folder = BUILD / side
    folder.mkdir(parents=True, exist_ok=True)
    # The kept site's database is reused; its cache of rendered pages is not (templates may have changed).
    shutil.rmtree(folder / "site" / "cache", ignore_errors=True)
    site = DemoSite(root=root, port=PORTS[side], keep_dir=folder / "site", draft=False)
    with contextlib.ExitStack() as stack:
        browser = harness.start(site, stack.callback)
        for width, full in WIDTHS.items():
            context = new_context(browser, site, width)
            for name in PAGES:
                for edition in EDITIONS:
                    tab = context.new_page()
                    settle(tab, site.origin + site.urls[name][edition])
                    tab.screenshot(path=folder / f"{name}-{edition}-{width}.png", full_page=full)
                    tab.close()
                print(f"{side}: {name} at {width} px", flush=True)
            context.close()
    (folder / "urls.json").write_text(json.dumps({name: site.urls[name] for name in PAGES}))


def to_webp(png, out):
    with Image.open(png) as image:
        image.convert("RGB").save(out, "WEBP", quality=WEBP_QUALITY, method=6)


CSS = (
    "body{font-family:system-ui,sans-serif;margin:1rem;color:#222}h2{margin-top:2.5rem}"
    "h3{margin:1.5rem 0 .5rem}.row{display:flex;gap:1rem;align-items:flex-start;flex-wrap:wrap}"
    "figure{margin:0}figcaption{font-size:.8rem;color:#555;margin-bottom:.25rem}"
    "img{display:block;height:auto;border:1px solid #ccc}nav a{margin-inline-end:.75rem}"
)


def cell(side, name, edition, width):
    src = f"{side}/{name}-{edition}-{width}.webp"
    shown = 260 if WIDTHS[width] else 560
    what = "whole page" if WIDTHS[width] else "first screen"
    return (
        f'<figure><figcaption>{side}, {width} px ({what})</figcaption><a href="{src}">'
        f'<img src="{src}" width="{shown}" alt="{side}: {name}, {edition}, {width} px" loading="lazy"></a>'
        "</figure>"
    )


def section(name, urls):
    parts = [f'<h2 id="{name}">{escape(name)}</h2>']
    for edition in EDITIONS:
        address = escape(urls.get(name, {}).get(edition, ""))
        parts.append(f'<h3 id="{name}-{edition}">{name}, {edition} <small>{address}</small></h3>')
        # The short first screens side by side first, then the phones' whole pages.
        figures = [
            cell(side, name, edition, w) for w in sorted(WIDTHS, reverse=True) for side in ("before", "after")
        ]
        parts.append(f'<div class="row">{"".join(figures)}</div>')
    return "\n".join(parts)


def write_page(out, before, after, urls):
    """out/index.html and the WebP pictures beside it, from the PNGs of both sides."""
    for side in ("before", "after"):
        (out / side).mkdir(parents=True, exist_ok=True)
        for png in sorted((BUILD / side).glob("*.png")):
            to_webp(png, out / side / f"{png.stem}.webp")
    nav = " ".join(f'<a href="#{name}">{name}</a>' for name in PAGES)
    (out / "index.html").write_text(
        "<!DOCTYPE html>\n<html lang=en><meta charset=utf-8><title>Nashr: before and after</title>\n"
        f"<style>{CSS}</style>\n<h1>Nashr's demo site, before and after</h1>\n"
        f"<p>Before: <code>{escape(before)}</code>.<br>After: <code>{escape(after)}</code>.</p>\n"
        "<p>Each edition's page at 375 px (the whole page) and 1280 px (the first screen), in headless "
        "Chromium on the demo content each commit loads. Click a picture to open it at full size. "
        "Remade by <code>make screenshots-before-after BEFORE=&lt;commit&gt;</code>.</p>\n"
        f"<nav>{nav}</nav>\n" + "\n".join(section(name, urls) for name in PAGES) + "\n",
        encoding="utf-8",
    )


def described(commit):
    """The commit's short name, date and subject, and whether this checkout's pages had changed since."""
    text = git("log", "-1", "--format=%h %ad %s", "--date=short", commit)
    dirty = commit == "HEAD" and git("status", "--porcelain", "--", "nashr")
    return text + (" (with uncommitted changes)" if dirty else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the earlier commit")
    parser.add_argument(
        "--side",
        choices=("both", "before", "after", "none"),
        default="both",
        help="none: only rewrite the page",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    tree = export(args.before)
    for side, root, commit in (("before", tree, args.before), ("after", ROOT, "HEAD")):
        if args.side in ("both", side):
            shoot(side, root)
            (BUILD / side / "commit.txt").write_text(described(commit))
    shown = [BUILD / side / "urls.json" for side in ("after", "before")]
    urls = json.loads(next(path for path in shown if path.exists()).read_text())
    before, after = ((BUILD / side / "commit.txt").read_text().strip() for side in ("before", "after"))
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(args.out / "before", ignore_errors=True)
    shutil.rmtree(args.out / "after", ignore_errors=True)
    write_page(args.out, before, after, urls)
    print(f"wrote {args.out / 'index.html'}")


if __name__ == "__main__":
    main()
