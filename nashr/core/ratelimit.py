"""A small rate limit for readers' forms (comments, contact) that remembers no one.

The key is a keyed hash of the client address and the form, kept only in the cache and only for the window,
so nothing identifies a reader once the window has passed. The cache is shared across processes in
production (Redis), so the limit holds for the whole site.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache

from nashr.core.addresses import client_address

__all__ = ["allow", "client_address"]


def allow(request, scope, limit, window):
    """True while this client has sent at most `limit` `scope` requests in the current `window` seconds."""
    bucket = int(time.time() // window)
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{scope}|{client_address(request)}|{bucket}".encode(), hashlib.sha256
    ).hexdigest()[:32]
    key = f"nashr:rate:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
