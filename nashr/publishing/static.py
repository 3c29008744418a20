"""Static output: published pages written as files that nginx or a CDN serves as they are.

Layout: the URL path `/en/articles/` becomes `en/articles/index.html`, page N of a listing
(`/en/articles/?page=N`) `en/articles/index.page-N.html`; paths with a file name (`/sitemap.xml`) keep it,
and other paths ending in `/` take the extension of what they return (`index.xml` for a feed). Beside each
file sit `.gz` and `.br` versions. Every file is written to a temporary name in the same folder and renamed
into place, so a reader gets the old file or the new one, never half of one.

Pages are rendered by Django's own request handler, with every middleware, as a reader would get them;
feeds and sitemaps, which are streamed, are read to the end. Only what an anonymous reader may keep is
written: a response that sets a cookie or says private (a page behind a password or a login) is not, and
its old file is removed. A file whose content has not changed is left as it is.

A page with a Content-Security-Policy of its own (a video page that may frame its host's player, see
nashr/multimedia) is not written to the folder: nginx sends the site's policy with every file there, so it
hands such a page to the app, which sends the page's policy (and keeps the page in its page cache). The
other outputs get it like any page (a mirror sends no policy of its own).

Other outputs (mirrors) get the same rendered files: apps add them through the Wagtail hook
``nashr_static_outputs``: ``fn() -> iterable of outputs``, each with ``write(path, files)`` (files: a list of
(relative file name, body, content type), the address's pages in order), ``remove(path)`` and ``finish()``
(called once the task's writing is done). A page is rendered once for the folder and every output; an output
keeps its own failures to itself (it must not raise), so one failing mirror holds back no other output.
"""

import gzip
import logging
import os
import tempfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import brotli
from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.test import RequestFactory
from django.urls import set_urlconf
from django.utils import translation
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.models import Page, Site

from nashr.caching.queries import PreparedQuery
from nashr.caching.store import GLOBAL, scope_of

from .dependencies import extra_static_paths
from .withdrawal import Watch

logger = logging.getLogger(__name__)

EXTENSIONS = {
    "text/html": "html",
    "application/rss+xml": "xml",
    "application/atom+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/feed+json": "json",
    "application/json": "json",
    "text/plain": "txt",
}
COMPRESSED_TYPES = set(EXTENSIONS)
# Brotli's quality 5 is within about 15% of its best size at a sixth of the time: a publish is live sooner.
BROTLI_QUALITY = 5
# gzip's level 6: files within 0.5% of level 9's size (21 KiB pages: 20.9% against 20.8%) in half the time.
GZIP_LEVEL = 6
OUTPUTS_HOOK = "nashr_static_outputs"


_PAGE = PreparedQuery(lambda pk: Page.objects.filter(pk=pk))


def other_outputs():
    """The outputs beside the static folder that get every file written (see the module's docstring)."""
    outputs = []
    for fn in hooks.get_hooks(OUTPUTS_HOOK):
        outputs += list(fn())
    return outputs


class StaticWriter:
    """Writes to the folder `root` (None: no folder) and to `outputs` (other_outputs() by default)."""

    def __init__(self, root, outputs=None):
        self.root = Path(root).resolve() if root else None
        self.own_policy = set()  # addresses whose response had a policy of its own (not for the folder)
        self.folders = set()  # folders this writer has made or found: one mkdir each, not one a file
        self.watch = Watch()  # edition folders withdrawn while an address was rendered (withdrawal.py)
        if outputs is not None:
            self.outputs = list(outputs)

    @cached_property
    def outputs(self):
        return other_outputs()

    @cached_property
    def handler(self):
        handler = BaseHandler()
        handler.load_middleware()
        return handler

    @cached_property
    def default_site(self):
        """The default Wagtail site's row (a dict of its fields), or None: looked up once per writer."""
        fields = [field.attname for field in Site._meta.concrete_fields]
        return Site.objects.filter(is_default_site=True).values(*fields).first()

    @cached_property
    def address(self):
        """(host name, port) that pages are rendered for: the default Wagtail site's."""
        site = self.default_site
        return (site["hostname"], site["port"]) if site else ("localhost", 80)

    # Rendering

    def render(self, path, page_number=None):
        """(status, content type, body, page count) for `path` as an anonymous reader gets it."""
        data = {"page": str(page_number)} if page_number else {}
        host, port = self.address
        server_port = str(port if port not in (80, 443) else 80)
        request = RequestFactory().get(path, data, SERVER_NAME=host, SERVER_PORT=server_port)
        request.nashr_skip_page_cache = True
        if self.default_site:
            # The site every address is rendered for, as Wagtail would find it for this host and port (they
            # are the default site's, unique to it); a fresh instance, its root page read per request by a
            # prepared query (a new title or path shows at once).
            site = request._wagtail_site = Site(**self.default_site)
            root = _PAGE(pk=site.root_page_id)
            if root:
                site.root_page = root[0]
        # The edition's language is activated for the page (LocaleMiddleware) and left active by the handler:
        # put back this thread's own, or the worker's next task would speak the last page's language.
        try:
            with translation.override(translation.get_language()):
                response = self.handler.get_response(request)
        finally:
            set_urlconf(None)
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        body = b"".join(response.streaming_content) if response.streaming else response.content
        status = response.status_code
        if page_number is None:
            own = getattr(response, "_csp_replace", None) or getattr(response, "_csp_update", None)
            (self.own_policy.add if own else self.own_policy.discard)(path)
        cache_control = response.get("Cache-Control", "").lower()
        if response.cookies or "private" in cache_control or "no-store" in cache_control:
            status = 403  # not for everyone: not for the static output
        return status, content_type, body, getattr(request, "nashr_page_count", 1)

    # Files

    def file_for(self, path, content_type="text/html", page_number=None):
        return self.root / relative_file(path, content_type, page_number)

    def write_path(self, path, page_numbers=None):
        """Render and write `path` (and, for a listing, its pages); remove its files if it is gone.

        `page_numbers` limits a listing to those pages (None: all of them). Returns the files written (in
        the folder; without one, the relative names given to the outputs).
        """
        self.watch.start(path)
        status, content_type, body, page_count = self.render(path)
        if status != 200:
            self.remove(path)
            return []
        files = [(relative_file(path, content_type), body, content_type)]
        numbers = range(2, page_count + 1) if page_numbers is None else [n for n in page_numbers if n > 1]
        for number in numbers:
            if number > page_count:
                continue
            status, content_type, body, _ = self.render(path, number)
            if status == 200:
                files.append((relative_file(path, content_type, number), body, content_type))
        for output in self.outputs:
            output.write(path, files)
        if self.root is None:
            return [relative for relative, _, _ in files]
        if path in self.own_policy:
            self.remove(path, outputs=False)
            return []
        written = [self._write(self.root / relative, body, type_) for relative, body, type_ in files]
        self._remove_pages_after(path, page_count)
        if self.watch.withdrawn(path):  # rendered before a change, written after it withdrew the edition
            self.remove(path, outputs=False)
            return []
        return written

    def finish(self):
        """The outputs' end of a run (a mirror records its success or queues its retry)."""
        for output in self.outputs:
            output.finish()

    def remove(self, path, outputs=True):
        for output in self.outputs if outputs else ():
            output.remove(path)
        if self.root is None:
            return
        folder = self.file_for(path).parent if path.endswith("/") else None
        targets = [self.file_for(path)] if folder is None else list(folder.glob("index.*"))
        for target in targets:
            for candidate in (
                target,
                target.with_name(target.name + ".gz"),
                target.with_name(target.name + ".br"),
            ):
                candidate.unlink(missing_ok=True)

    def _remove_pages_after(self, path, page_count):
        if not path.endswith("/"):
            return
        folder = self.file_for(path).parent
        for old in folder.glob("index.page-*"):
            number = old.name.split(".")[1].removeprefix("page-")
            if number.isdigit() and int(number) > page_count:
                old.unlink(missing_ok=True)

    def _write(self, target, body, content_type):
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        if not _same(target, body, content_type):
            write_with_copies(target, body, content_type in COMPRESSED_TYPES, made=True)
        return target

    # What to write

    def all_paths(self, editions=None):
        """Every address of the site (or, with `editions`, of those editions' and of none: sitemaps)."""
        pages = Page.objects.live().public().filter(depth__gt=1).order_by("path")
        if editions is not None:
            pages = pages.filter(locale__language_code__in=editions)
        # Page's own get_url (no page type of ours has an address of its own: no .specific(), one query),
        # with the sites' root paths read once for all of them (the holder keeps them, as a request would).
        holder = SimpleNamespace(_wagtail_site=None)
        pages = pages.only("id", "url_path", "locale_id", "content_type_id")
        paths = [url for url in (p.get_url(request=holder) for p in pages) if url]
        paths += _taxonomy_paths()
        paths += extra_static_paths()
        paths = list(dict.fromkeys(paths))
        if editions is None:
            return paths
        return [p for p in paths if scope_of(p) == GLOBAL or scope_of(p).split(":", 1)[1] in editions]

    def write_all(self, stdout=None, paths=None):
        """Write every published page (or only `paths`); returns the number of files written."""
        count = 0
        for path in paths or self.all_paths():
            written = self.write_path(path)
            count += len(written)
            if stdout is not None and written:
                stdout.write(f"{path} -> {len(written)} file(s)")
        self.finish()
        return count


def relative_file(path, content_type="text/html", page_number=None):
    """The file name, relative to the output's root, of the address `path` (page `page_number`)."""
    relative = unquote(path).lstrip("/")
    if ".." in Path(relative).parts:
        raise ValueError(f"refusing to write outside the output folder: {path!r}")
    if relative == "" or relative.endswith("/"):
        suffix = f".page-{page_number}" if page_number and page_number > 1 else ""
        relative += f"index{suffix}.{EXTENSIONS.get(content_type, 'html')}"
    return relative


def _taxonomy_paths():
    """Category, tag and author pages of every published edition (the home pages answer them)."""
    from nashr.articles.models import ArticlePage
    from nashr.editions.published import published_editions
    from nashr.home.topics import topic_paths

    paths = []
    for edition in published_editions().values():
        articles = ArticlePage.objects.live().public().filter(locale_id=edition.locale_id)
        paths += [edition.path(path) for path in topic_paths(edition.locale_id, articles)]
    return paths


def _same(target, body, content_type):
    """True when `target` holds `body` already, with its compressed copies."""
    try:
        if target.stat().st_size != len(body) or target.read_bytes() != body:
            return False
    except OSError:
        return False
    if content_type in COMPRESSED_TYPES:
        return all(target.with_name(target.name + ext).exists() for ext in (".gz", ".br"))
    return True


def remove_paths(paths):
    """Remove the files of these addresses from the static output at once (pages no longer public)."""
    root = output_dir()
    if not root or not paths:
        return
    writer = StaticWriter(root, outputs=())  # the other outputs remove them in the worker's task
    for path in dict.fromkeys(paths):
        writer.remove(path)


def write_with_copies(target, body, compress, made=False):
    """Write `body` to `target` (atomically), and with `compress` its .gz and .br beside it. `made`: the
    folder is known to exist."""
    atomic_write(target, body, made)
    if compress:
        gz = gzip.compress(body, GZIP_LEVEL, mtime=0)
        atomic_write(target.with_name(target.name + ".gz"), gz, made=True)
        br = brotli.compress(body, quality=BROTLI_QUALITY)
        atomic_write(target.with_name(target.name + ".br"), br, made=True)


def atomic_write(target, data, made=False):
    """Write `data` to `target` through a temporary file renamed into place: readers get the old file or the
    new one, never half of one. Creates the folder (with `made`, only if it is gone after all)."""
    if not made:
        target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except FileNotFoundError:
        if not made:
            raise
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def output_dir():
    return getattr(settings, "NASHR_STATIC_DIR", None)
