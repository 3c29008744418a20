"""Is each mirror serving what the site serves? Its edition homes are fetched from its public address and
their `<meta name="nashr-published">` stamp compared with the site's (`edition_stamp`).

A stamp is the moment the edition last changed (`EditionStamp`, bumped by every change publishing acts on,
before the worker renders the home), so a publish, an unpublish, a deletion, a page made private or a
comment all change it, and reading it costs one short query whatever the edition's size. A mirror whose
stamp differs is "catching up" for up to NASHR_MIRROR_STALE_AFTER seconds (a push takes a few), then
"behind the site"; one that cannot be fetched, or that answers something else than the stamp, is
"unreachable". Only healthy mirrors are published (the mirrors page, /mirrors.json, reader mail). An onion
service serves the site's own nginx through Tor, which this machine cannot reach without a Tor client: it
counts as healthy while the site is.
"""

import gzip
import logging
import re
import urllib.error
import urllib.request
import zlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from nashr.caching.queries import PreparedQuery
from nashr.editions.published import published_editions
from nashr.editions.urls import edition_url
from nashr.publishing.static import relative_file
from nashr.worker.schedule import only_one

from .models import EditionStamp, Mirror

STAMP = re.compile(rb'<meta name="nashr-published" content="([^"]*)"')
USER_AGENT = "Nashr mirror check"
LOCK_KEY = zlib.crc32(b"nashr.worker.mirrors")  # one advisory lock number, the same in every process
worker_log = logging.getLogger("nashr.worker")  # the worker shows what its jobs log there


_STAMP = PreparedQuery(lambda code: EditionStamp.objects.filter(language_code=code).values_list("changed_at"))


def edition_stamp(code):
    """When the edition last changed (ISO, to the microsecond), or "-" before its first change: what its
    home page carries. Bumped by every change (wagtail_hooks.py), before the worker renders the home."""
    rows = _STAMP(code=code)
    return rows[0][0].strftime("%Y-%m-%dT%H:%M:%S.%fZ") if rows else "-"


def fetch(url, timeout=10):
    """(status, body) of `url`, decompressed as a browser would; status None when it cannot be reached."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            return response.status, body
    except urllib.error.HTTPError as error:
        return error.code, b""
    except (urllib.error.URLError, OSError, ValueError, zlib.error, EOFError) as error:
        return None, str(getattr(error, "reason", error)).encode()


def home_url(mirror, code):
    path = edition_url(code)
    return mirror.url_for(path, relative_file(path))


def check(mirror, stamps=None):
    """Fetch the mirror's edition homes, record and return its health (Mirror.Health)."""
    now = timezone.now()
    if mirror.kind == Mirror.Kind.ONION:
        return _record(mirror, Mirror.Health.HEALTHY, "served by this site through Tor; not fetched", now)
    stamps = stamps if stamps is not None else {}
    problems, behind = [], []
    published = published_editions()
    for code in [c for c in mirror.edition_codes() if c in published]:
        expected = stamps[code] if code in stamps else edition_stamp(code)
        url = home_url(mirror, code)
        status, body = fetch(url)
        if status != 200:
            problems.append(f"{url}: {status or body.decode(errors='replace')}")
            continue
        found = STAMP.search(body)
        if found is None:
            problems.append(f"{url}: no nashr-published stamp")
        elif found.group(1).decode() != expected:
            behind.append(f"{code}: {found.group(1).decode()} (site: {expected})")
    if problems:
        return _record(mirror, Mirror.Health.UNREACHABLE, "; ".join(problems), now)
    if behind:
        since = mirror.behind_since or now
        late = now - since > timedelta(seconds=settings.NASHR_MIRROR_STALE_AFTER) or mirror.failing
        was_healthy = mirror.health == Mirror.Health.HEALTHY
        health = Mirror.Health.STALE if late or not was_healthy else Mirror.Health.HEALTHY
        detail = ("behind: " if health == Mirror.Health.STALE else "catching up: ") + "; ".join(behind)
        return _record(mirror, health, detail, now, behind_since=since)
    return _record(mirror, Mirror.Health.HEALTHY, "", now)


def _record(mirror, health, detail, now, behind_since=None):
    changed = health != mirror.health
    mirror.health, mirror.health_detail, mirror.checked_at = health, detail[:2000], now
    mirror.behind_since = behind_since
    Mirror.objects.filter(pk=mirror.pk).update(
        health=health, health_detail=mirror.health_detail, checked_at=now, behind_since=behind_since
    )
    if changed:
        from .announce import mirrors_changed

        mirrors_changed(mirror.edition_codes())
    return health


def check_all(names=None):
    """Check every enabled mirror (or those named); {name: health}."""
    mirrors = Mirror.objects.enabled()
    if names:
        mirrors = mirrors.filter(name__in=names)
    stamps = {}
    results = {}
    for mirror in mirrors:
        for code in mirror.edition_codes():
            if code not in stamps:
                stamps[code] = edition_stamp(code)
        results[mirror.name] = check(mirror, stamps)
    return results


def check_on_schedule():
    """The worker's round of checks (wagtail_hooks.py registers it), in one worker at a time."""
    with only_one(LOCK_KEY, "mirrors") as mine:
        if not mine:
            return {}
        results = check_all()
    for name, health in results.items():
        worker_log.info("Mirror %s: %s", name, health)
    return results
