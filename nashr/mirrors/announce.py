"""What the site tells readers about its mirrors: the healthy ones per edition (the mirrors page,
/mirrors.json, reader mail, the `nashr_mirror_urls` hook) and the onion address (the `Onion-Location`
header and a `<link rel="alternate">` on every page).

Everything here reads only healthy, enabled mirrors. A change of mirrors (saved, deleted, health changed)
renews what shows them through the publishing pipeline (publishing/signals.changed), so the page cache, the
static output and the mirrors themselves carry the new list.
"""

import json
from dataclasses import dataclass

from django.core.cache import cache

from nashr.caching.queries import PreparedQuery
from nashr.caching.store import per_request
from nashr.editions.published import published_editions
from nashr.editions.urls import edition_url
from nashr.publishing.static import relative_file

from .models import Mirror

ONION_KEY = "nashr:mirrors:onion"
MIRRORS_JSON = "/mirrors.json"


@dataclass(frozen=True)
class MirrorLink:
    name: str
    kind: str
    url: str


def listing_paths():
    """The addresses that list mirrors: /mirrors.json and each published edition's mirrors page."""
    return [MIRRORS_JSON, *(edition_url(code, "mirrors/") for code in published_editions())]


def url_on(mirror, path):
    return mirror.url_for(path, relative_file(path))


def mirror_links(code):
    """The healthy mirrors carrying edition `code`, each with the address of that edition's home there."""
    home = edition_url(code)
    mirrors = [m for m in _HEALTHY() if m.carries_edition(code)]
    return [MirrorLink(m.name, m.kind, url_on(m, home)) for m in mirrors]


_HEALTHY = PreparedQuery(lambda: Mirror.objects.healthy())


def mirrors_document():
    """What /mirrors.json says: every healthy mirror, the editions it carries and their homes there."""
    mirrors = []
    for mirror in Mirror.objects.healthy():
        homes = {code: url_on(mirror, edition_url(code)) for code in mirror.edition_codes()}
        mirrors.append(
            {"name": mirror.name, "kind": mirror.kind, "url": mirror.public_url, "editions": homes}
        )
    # No time of writing: the document changes only when the list does, so a sweep does not re-upload it.
    return {"mirrors": mirrors}


def mirrors_json():
    return json.dumps(mirrors_document(), ensure_ascii=False, indent=1).encode()


def onion_base():
    """ "http://xxx.onion" of the enabled onion service, or "": one read of the shared cache a request (the
    page's head and its Onion-Location header both ask)."""
    return per_request("onion-base", _onion_base)


def _onion_base():
    value = cache.get(ONION_KEY)
    if value is None:
        onion = Mirror.objects.enabled().filter(kind=Mirror.Kind.ONION).order_by("pk").first()
        value = onion.public_url.rstrip("/") if onion else ""
        cache.set(ONION_KEY, value, None)
    return value


def mirror_urls(page):
    """The `nashr_mirror_urls` hook: absolute URLs of `page` on the healthy mirrors carrying its edition
    (none for a page readers cannot see)."""
    if not page.live or not _is_public(page) or not page.url:
        return []
    code = page.locale.language_code
    return [url_on(m, page.url) for m in Mirror.objects.healthy().for_edition(code)]


def _is_public(page):
    return not page.get_view_restrictions().exists()


def mirrors_changed(codes=None):
    """Mirrors were added, changed or removed, or one's health changed: what shows them is renewed (the
    whole site when `codes` is None: the onion link and the footer's link are on every page)."""
    from nashr.publishing.signals import changed

    cache.delete(ONION_KEY)
    changed(codes, listing_paths())
