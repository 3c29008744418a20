"""Serves anonymous readers from the full-page cache (see cache.py) and stores what they are given.

It sits first in MIDDLEWARE, so a hit costs two cache reads and no database, and a stored page carries every
header the rest of the stack added (security headers, Content-Security-Policy). Bypassed: anything but GET and
HEAD, requests carrying a session cookie (logged-in staff see their toolbar and drafts), the admin and the
forms' endpoints, dynamic paths (search), and any query string other than a page number. Not stored: responses
other than 200, responses that set a cookie or say private/no-store, and anything a logged-in user got.
"""

import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, parse_http_date_safe

from . import cache

CACHE_CONTROL = "public, max-age=0, must-revalidate"
CACHEABLE_QUERY = re.compile(r"^(?:page=[1-9][0-9]{0,5})?$")
STORED_TYPES = (
    "text/html",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "text/plain",
)


def _bypassed_paths():
    return re.compile(getattr(settings, "NASHR_PAGE_CACHE_BYPASS", r"^/(?:admin|documents|static|media)/"))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.bypass = _bypassed_paths()
        self.cookies = {settings.SESSION_COOKIE_NAME, "messages"}

    def __call__(self, request):
        with cache.request_generations():
            return self._respond(request)

    def _respond(self, request):
        enabled = getattr(settings, "NASHR_PAGE_CACHE", True)
        if not (enabled and self._cacheable_request(request)):
            response = self.get_response(request)
            if enabled and request.COOKIES.keys() & self.cookies:
                patch_cache_control(response, private=True)
            return response
        # The host is part of the key: pages may carry absolute links (canonical, Open Graph).
        slot = cache.Slot(request.path, request.META.get("QUERY_STRING", ""), request.get_host())
        entry = slot.get()
        if entry is not None:
            return self._answer(request, entry, "HIT")
        response = self.get_response(request)
        if not self._storable(request, response):
            return response
        headers = [(k, v) for k, v in response.items() if k.lower() not in {"etag", "last-modified"}]
        entry = slot.store(response.status_code, headers, response.content)
        return self._answer(request, entry, "MISS")

    def _cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and not getattr(request, "nashr_skip_page_cache", False)
            and not (request.COOKIES.keys() & self.cookies)
            and CACHEABLE_QUERY.match(request.META.get("QUERY_STRING", "")) is not None
            and not self.bypass.match(request.path)
        )

    def _storable(self, request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        if response.get("Content-Type", "").split(";")[0].strip() not in STORED_TYPES:
            return False
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)

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
