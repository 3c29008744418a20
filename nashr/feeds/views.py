from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from wagtail.models import Page

from nashr.caching.store import fragment
from nashr.editions.published import readers_editions, site_root_url
from nashr.navigation.templatetags.navigation_tags import edition_menus

from .items import feed_entries
from .sources import FORMATS, TYPES, resolve
from .writers import WRITERS, FeedInfo


def feed(request, path, filename):
    """One feed (RSS, Atom or JSON Feed) of an edition, section, category, tag, author or periodical."""
    language = translation.get_language()
    edition = readers_editions().get(language)
    source = resolve(edition, path) if edition else None
    if source is None:
        raise Http404
    fmt = FORMATS[filename]
    root = site_root_url(request)
    nav = edition_menus(language, request)  # the pages' menus, kept for the edition: the name and tagline
    site_name = nav["site_name"]
    # The feed's three formats carry the same entries: built once (a full static build writes all three,
    # a renewal of the edition rewrites all three), kept as long as the edition's pages are.
    entries = fragment(
        f"feed-entries:{path}\x1f{root}",
        lambda: feed_entries(source.newest, edition, root),
        edition=language,
    )
    updated = max((e.updated for e in entries), default=None) or _edition_updated(edition)
    info = FeedInfo(
        title=f"{site_name} · {source.name}" if source.name else site_name,
        description=source.description or nav["tagline"],
        language=language,
        home_url=f"{root}{edition.path(source.path)}",
        self_url=f"{root}{source.url(edition, filename)}",
        author=site_name,
        updated=updated,
    )
    return HttpResponse(WRITERS[fmt](info, entries), content_type=f"{TYPES[fmt]}; charset=utf-8")


def _edition_updated(edition):
    """For a feed with no entries: when the edition's home was last published, not the time of the request,
    so that the same content always gives the same feed (and the same ETag and static file)."""
    home = Page.objects.filter(pk=edition.home_id).values_list("last_published_at", flat=True).first()
    return home or timezone.now()
