"""The full-page cache: what anonymous readers get, shared by every process through Django's cache.

Each cached URL path has a *generation* (a random token stored under its own key). An entry is stored under
the path, its generation and its query string, so purging a path (a new generation) drops every page number
of a listing at once. The generation is read before the page is rendered: a render that started before a
publish can only ever be stored under the old generation, which no reader asks for once the publish has
returned. A site-wide generation purges everything (menus, footer and other things every page shows).
"""

import hashlib
import secrets
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import caches
from django.utils.http import http_date

PREFIX = "nashr:pc:"
SITE = "*"

# Generations already read in this request (see request_generations): {key: generation}.
_read = ContextVar("nashr_generations_read", default=None)


@contextmanager
def request_generations():
    """Within it (one request: PageCacheMiddleware), each generation is read from the cache once, however many
    fragments ask for it: what the request renders is one consistent view of the site. A purge in the request
    forgets them."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def _forget_read():
    read = _read.get()
    if read is not None:
        read.clear()


def _cache():
    return caches[getattr(settings, "NASHR_PAGE_CACHE_ALIAS", "default")]


def _timeout():
    return getattr(settings, "NASHR_PAGE_CACHE_TIMEOUT", 24 * 3600)


def _generation_key(path):
    return f"{PREFIX}g:{hashlib.blake2b(path.encode(), digest_size=16).hexdigest()}"


def _entry_key(path, query, host, site, generation):
    digest = hashlib.blake2b(f"{host}{path}?{query}".encode(), digest_size=16).hexdigest()
    return f"{PREFIX}e:{site}:{generation}:{digest}"


@dataclass
class Entry:
    status: int
    headers: list  # [(name, value)], as the response had them, less cookies
    body: bytes
    etag: str
    last_modified: str
    path: str
    query: str
    host: str


class Slot:
    """Where one request's page lives in the cache, with the generations read before rendering."""

    def __init__(self, path, query, host=""):
        self.path = path
        self.query = query
        self.host = host
        cache = _cache()
        site_key, path_key = _generation_key(SITE), _generation_key(path)
        found = cache.get_many([site_key, path_key])
        self.site = found.get(site_key) or _new_generation(site_key, cache)
        self.generation = found.get(path_key) or _new_generation(path_key, cache)
        self.key = _entry_key(path, query, host, self.site, self.generation)

    def get(self):
        entry = _cache().get(self.key)
        # A stored entry carries its path: a hash collision can never serve another page.
        if entry is not None and (entry.path, entry.query, entry.host) == (self.path, self.query, self.host):
            return entry
        return None

    def store(self, status, headers, body):
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        entry = Entry(status, headers, body, etag, http_date(time.time()), self.path, self.query, self.host)
        _cache().set(self.key, entry, _timeout())
        return entry


def _new_generation(key, cache):
    """Start a generation for a path not seen yet; another process may have started one first."""
    cache.add(key, secrets.token_hex(6), None)
    return cache.get(key)


def purge(paths):
    """Drop every cached version of these URL paths (all their query strings, so all page numbers)."""
    keys = {_generation_key(unquote(p.split("?", 1)[0])) for p in paths if p}
    if keys:
        _cache().set_many({key: secrets.token_hex(6) for key in keys}, None)
        _forget_read()


def purge_all():
    """Drop every cached page: for what every page shows (menus, footer, site name)."""
    _cache().set(_generation_key(SITE), secrets.token_hex(6), None)
    _forget_read()


def fragment(name, paths, build):
    """A value many pages show (an edition's menus, its recent posts), built once and shared by every process.

    It is kept until the site generation or the generation of one of `paths` changes, that is until
    `purge_all()` or `purge()` of one of those paths: fragments follow the page cache's own invalidation.
    As for pages, the generations are read before building, so a value built from old content is stored
    under generations no reader asks for once the purge is done.
    """
    if not getattr(settings, "NASHR_FRAGMENTS", True):
        return build()
    cache = _cache()
    keys = [_generation_key(SITE), *(_generation_key(unquote(p)) for p in paths)]
    entry_key = f"{PREFIX}f:{name}"
    read = _read.get()
    read = {} if read is None else read
    missing = [key for key in keys if key not in read]
    found = cache.get_many([*missing, entry_key])
    for key in missing:
        read[key] = found.get(key) or _new_generation(key, cache)
    generations = tuple(read[key] for key in keys)
    stored = found.get(entry_key)
    if stored is not None and stored[0] == generations:
        return stored[1]
    value = build()
    cache.set(entry_key, (generations, value), _timeout())
    return value
