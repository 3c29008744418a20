"""Serves anonymous readers from the page cache (store.py) and keeps what they are given.

First in MIDDLEWARE: a hit costs two cache reads and no database, and a kept page carries every header the
rest of the stack added (security headers, Content-Security-Policy). Feeds and sitemaps are kept like pages.

Bypassed: anything but GET and HEAD, requests carrying a session cookie (logged-in staff see their toolbar
and drafts), the admin, uploads, the forms' endpoints and search (`NASHR_PAGE_CACHE_BYPASS`), and query
strings a page acts on (`NASHR_PAGE_CACHE_PASS_PARAMS`: `?comment=received`, old WordPress links). Any other
parameter (`utm_source`, `fbclid`, anything made up) is dropped before the page sees it, so it can neither
change the page nor split the cache. `?page=N` is part of the key; a page number the listing does not
have is answered (with its nearest page) but never kept, so a flood of them cannot push real pages out.
Addresses that act on their whole query string (`NASHR_PAGE_CACHE_QUERY_PATHS`: the read API) are keyed by
all of it, its parameters in order, and kept only when the view says so (`request.nashr_keep_query`).
Not kept: responses other than 200, responses that set a cookie or say private/no-store, and anything a
logged-in user got.
"""

import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe, urlencode

from . import store

CACHE_CONTROL = "public, max-age=0, must-revalidate"
PAGE_NUMBER = re.compile(r"^[1-9][0-9]{0,5}$")
KEPT_TYPES = (
    "text/html",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "text/plain",
)
MAX_BODY = 10 * 1024 * 1024  # a streamed response larger than this is passed on, not kept


@dataclass
class Entry:
    status: int
    headers: list  # [(name, value)], as the response had them, less validators
    body: bytes
    etag: str
    last_modified: str
    path: str
    query: str
    host: str


def cache_query(request, whole=False):
    """The query string a cached page is keyed by ("" or "page=N"), or None: not for the cache. With `whole`
    (an address that acts on its whole query string), all of it, its parameters sorted by name."""
    params = request.GET
    if whole:
        return urlencode([(name, value) for name, values in sorted(params.lists()) for value in values])
    if any(name in params for name in settings.NASHR_PAGE_CACHE_PASS_PARAMS):
        return None
    number = params.get("page")
    if number is None or number == "1":
        return ""
    return f"page={number}" if PAGE_NUMBER.match(number) else None


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.bypass = re.compile(settings.NASHR_PAGE_CACHE_BYPASS)
        self.cookies = {settings.SESSION_COOKIE_NAME, "messages"}
        self.whole_query = re.compile(getattr(settings, "NASHR_PAGE_CACHE_QUERY_PATHS", None) or r"(?!)")

    def __call__(self, request):
        with store.request_generations():
            return self._respond(request)

    def _respond(self, request):
        enabled = getattr(settings, "NASHR_PAGE_CACHE", True)
        whole = self.whole_query.match(request.path) is not None
        query = cache_query(request, whole) if enabled and self._cacheable_request(request) else None
        if query is None:
            response = self.get_response(request)
            if enabled and request.COOKIES.keys() & self.cookies:
                patch_cache_control(response, private=True)
            return response
        if request.META.get("QUERY_STRING", "") != query:  # the page sees only what it is keyed by
            request.META["QUERY_STRING"] = query
            request.GET = QueryDict(query)
        # The host is part of the key: pages carry absolute links (canonical, Open Graph).
        slot = store.Slot(request.path, query, request.get_host())
        entry = slot.get()
        if entry is not None:
            return self._answer(request, entry, "HIT")
        response = self.get_response(request)
        body = self._keepable_body(request, response, query, whole)
        if body is None:
            return response
        headers = [(k, v) for k, v in response.items() if k.lower() not in {"etag", "last-modified"}]
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        modified = http_date(time.time())
        entry = Entry(response.status_code, headers, body, etag, modified, slot.path, slot.query, slot.host)
        slot.put(entry)
        return self._answer(request, entry, "MISS")

    def _cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and not getattr(request, "nashr_skip_page_cache", False)
            and not (request.COOKIES.keys() & self.cookies)
            and not self.bypass.match(request.path)
        )

    def _keepable_body(self, request, response, query, whole=False):
        if response.status_code != 200 or response.cookies:
            return None
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return None
        if response.get("Content-Type", "").split(";")[0].strip() not in KEPT_TYPES:
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        # A listing asked for a page it does not have answers with its nearest page: served, never kept.
        shown = getattr(request, "nashr_page_number", None)  # None: not a listing; no page but the first
        if whole:
            if getattr(request, "nashr_keep_query", None) is not True:
                return None
        elif query and query != f"page={shown}":
            return None
        if response.streaming:
            body = b"".join(response.streaming_content)
            response.streaming_content = [body]
            return body if len(body) <= MAX_BODY else None
        return response.content

    def _answer(self, request, entry, state):
        if _not_modified(request, entry):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(b"" if request.method == "HEAD" else entry.body, status=entry.status)
            for name, value in entry.headers:
                response[name] = value
            response["Content-Length"] = str(len(entry.body))
        response["ETag"] = entry.etag
        response["Last-Modified"] = entry.last_modified
        response["Cache-Control"] = CACHE_CONTROL
        response["X-Page-Cache"] = state
        return response


def _not_modified(request, entry):
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        tags = parse_etags(if_none_match)
        return "*" in tags or entry.etag in tags or f"W/{entry.etag}" in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    modified = parse_http_date_safe(entry.last_modified)
    return since is not None and modified is not None and modified <= since
