"""Building an offline edition: an edition's recent pieces as one ZIP that opens from a USB stick.

What goes in: the newest `pieces` posts of the edition that an anonymous reader may see, the edition's
home, and the pages of their sections' listings that list them; each page exactly as the static output
renders it (publishing/static.py: Django's handler with every middleware, no session; a page behind a
password or a login answers 403 there and is left out), made portable (publishing/portable.py): links
between pages inside the bundle stay links to its files, links to anything else go to the primary address,
forms become a link to the main site, pictures keep their renditions up to `WIDEST` pixels (never the
originals). Then the stylesheet and what it names, and an `index.html` (with a `README.txt`) that opens
first.

Layout inside the ZIP, under one folder (`nashr-fa/`): `index.html`, `README.txt`, and the static output's own
layout below it (`fa/articles/.../index.html`, `static/...`, `media/images/...`).
"""

import os
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from nashr.core.models import PostPage
from nashr.editions.published import site_root_url
from nashr.publishing.portable import file_of, portable
from nashr.publishing.portable_copy import add_assets
from nashr.publishing.static import StaticWriter

from . import store

WIDEST = 800  # pixels: a phone's screen; the 1200-pixel renditions stay on the site
STORED = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".woff2", ".zip")  # compressed already


class BundleError(Exception):
    pass


def recent_pieces(language, count):
    """The newest `count` posts of the edition that are live and public, newest first."""
    posts = PostPage.objects.live().public().filter(locale__language_code=language)
    return list(posts.order_by("-published_at", "-pk")[:count])


class Builder:
    def __init__(self, language, pieces=None):
        self.language = language
        self.count = pieces or settings.NASHR_OFFLINE_PIECES
        self.writer = StaticWriter(tempfile.gettempdir())  # renders only; writes nothing
        self.pages = {}  # address (with ?page=N) -> HTML as rendered
        self.primary = site_root_url().rstrip("/")

    def collect(self):
        """Render the pieces, the edition home and the listing pages that list them."""
        pieces = [p for p in recent_pieces(self.language, self.count) if p.url]
        for piece in pieces:
            self._add(piece.url)
        self.pieces = [p.url for p in pieces if p.url in self.pages]
        home = f"/{self.language}/"
        listings = dict.fromkeys(
            [
                home,
                *(a.url for p in pieces for a in p.get_ancestors().live().public() if a.depth > 2 and a.url),
            ]
        )
        for listing in listings:
            self._add_listing(listing)
        if home not in self.pages:
            raise BundleError(f"the {self.language!r} edition's home is not public")

    def _render(self, path, number=None):
        status, content_type, body, page_count = self.writer.render(path, number)
        return (body if status == 200 and content_type == "text/html" else None), page_count

    def _add(self, path):
        body, _ = self._render(path)
        if body is not None:
            self.pages[path] = body

    def _add_listing(self, path):
        """Page 1, then each next page as long as it lists a piece of the bundle (listings are newest
        first, so the pieces fill their first pages)."""
        body, page_count = self._render(path)
        if body is None:
            return
        self.pages[path] = body
        for number in range(2, page_count + 1):
            body, _ = self._render(path, number)
            if body is None or not self._lists_pieces(body):
                break
            self.pages[f"{path}?page={number}"] = body

    def _lists_pieces(self, body):
        return any(
            f'href="{p}"'.encode() in body or f'href="{quote(p)}"'.encode() in body for p in self.pieces
        )

    def portable_pages(self):
        """{file inside the bundle: bytes} for the pages, and the set of assets they use."""
        inside = set(self.pages)
        files, assets = {}, set()
        for address, body in self.pages.items():
            path, _, query = address.partition("?page=")
            made = portable(
                address, body, "text/html", inside=inside.__contains__, primary=self.primary, widest=WIDEST
            )
            files[file_of(path, "text/html", int(query) if query else None)] = made.body
            assets.update(made.assets)
        return files, assets


def build(language, pieces=None, output=None):
    """Build the edition's bundle; returns its Manifest (saved beside it unless `output` is given)."""
    started = time.monotonic()
    builder = Builder(language, pieces)
    with translation.override(language):
        builder.collect()
        files, assets = builder.portable_pages()
        add_assets(files, assets)
        manifest = store.Manifest(
            language, timezone.now(), 0, builder.pieces, sorted(builder.pages), time.monotonic() - started
        )
        files.update(_front_pages(manifest, builder.primary))
    target = Path(output) if output else manifest.zip_path
    manifest.size = _write_zip(target, files, _folder_name(language))
    manifest.seconds = time.monotonic() - started
    if output is None:
        manifest.save()
    return manifest


def _front_pages(manifest, primary):
    context = {
        "manifest": manifest,
        "language": manifest.language,
        "bidi": translation.get_language_bidi(),
        "home": f"{manifest.language}/index.html",
        "primary": primary,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    return {
        "index.html": render_to_string("offline/readme.html", context).encode(),
        "README.txt": render_to_string("offline/readme.txt", context).encode(),
    }


def _folder_name(language):
    return store.zip_name(language).removesuffix(".zip")


def _write_zip(target, files, top):
    """Write the ZIP to a temporary name beside `target`, then rename it into place; returns its size."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        with zipfile.ZipFile(temporary, "w") as archive:
            first = ["index.html", "README.txt"]
            for name in sorted(files, key=lambda n: (first.index(n) if n in first else 2, n)):
                method = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
                archive.writestr(f"{top}/{name}", files[name], compress_type=method, compresslevel=9)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target.stat().st_size
