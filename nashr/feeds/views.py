from django.http import Http404, StreamingHttpResponse
from django.utils import timezone, translation

from nashr.editions.published import published_editions, site_root_url
from nashr.navigation.models import Navigation

from .items import feed_entries
from .sources import FORMATS, TYPES, resolve
from .writers import WRITERS, FeedInfo


def feed(request, path, filename):
    """One feed (RSS, Atom or JSON Feed) of an edition, section, category, tag, author or periodical."""
    language = translation.get_language()
    edition = published_editions().get(language)
    source = resolve(edition, path) if edition else None
    if source is None:
        raise Http404
    fmt = FORMATS[filename]
    root = site_root_url(request)
    nav = Navigation.for_language(language)
    site_name = nav.site_name if nav else "Nashr"
    entries = feed_entries(source.posts, edition, root)
    updated = max((e.updated for e in entries), default=None) or timezone.now()
    info = FeedInfo(
        title=f"{site_name} · {source.name}" if source.name else site_name,
        description=source.description or (nav.tagline if nav else ""),
        language=language,
        home_url=f"{root}{edition.path(source.path)}",
        self_url=f"{root}{source.url(edition, filename)}",
        author=site_name,
        updated=updated,
    )
    return StreamingHttpResponse(WRITERS[fmt](info, entries), content_type=f"{TYPES[fmt]}; charset=utf-8")
