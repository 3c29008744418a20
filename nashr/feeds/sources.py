"""What a feed lists: an edition, a section, a category, a tag, an author or a periodical.

A feed lives beside the page it follows: `/en/rss.xml` for the edition, `/en/articles/atom.xml` for a
section, `/en/category/culture/feed.json`, `/en/tag/rain/rss.xml`, `/en/author/ana/rss.xml`, and
`/en/periodical/newsletter/rss.xml` for the numbered issues of a periodical.
"""

from dataclasses import dataclass

from nashr.articles.models import ArticlePage
from nashr.caching.queries import PreparedQuery
from nashr.core.models import PostPage, SectionPage
from nashr.editions.published import private_q
from nashr.home.topics import TOPICS
from nashr.publications.models import PeriodicalIssuePage

FORMATS = {"rss.xml": "rss", "atom.xml": "atom", "feed.json": "json"}
TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}


@dataclass
class FeedSource:
    kind: str  # edition, section, category, tag, author, periodical
    name: str  # what the feed follows, e.g. "Culture"; empty for the edition
    path: str  # the path under the edition, e.g. "category/culture/"; empty for the edition
    newest: object  # (limit) -> the newest live public posts: (pk, app label, model name) rows
    description: str = ""

    def url(self, edition, filename):
        return edition.path(f"{self.path}{filename}")


class _Newest:
    """What one kind of feed lists, newest first, read by a query prepared once per process, entry count
    and private pages (caching/queries.py): `build(private, **values)` gives the live posts, `private` the
    pages readers cannot see."""

    def __init__(self, build):
        self.query = PreparedQuery(
            lambda limit, private, **values: (
                build(private, **values)
                .order_by("-published_at", "-pk")
                .values_list("pk", "content_type__app_label", "content_type__model")[:limit]
            )
        )

    def rows(self, shape=None, **values):
        """(limit) -> the rows, read with this request's private pages when called."""
        shape = shape or {}
        return lambda limit: self.query(shape={**shape, "limit": limit, "private": private_q()}, **values)


def _live(model, private):
    return model.objects.live().exclude(private)


# Through the (edition, published_at, pk) index, newest first: the same cost on 2,000 posts as on 50,000.
_EDITION = _Newest(lambda private, edition: _live(PostPage, private).in_edition(edition))
_SECTION = _Newest(  # Wagtail's descendant_of
    lambda private, path, depth: _live(PostPage, private).filter(path__startswith=path, depth__gt=depth)
)
_TOPIC = _Newest(
    lambda private, kind, topic, edition: TOPICS[kind].articles(
        topic, _live(ArticlePage, private).filter(locale_id=edition)
    )
)
_PERIODICAL = _Newest(
    lambda private, edition, periodical: _live(PeriodicalIssuePage, private).filter(
        locale_id=edition, periodical=periodical
    )
)


def resolve(edition, path):
    """The FeedSource for `path` (as in the URL, decoded) in `edition`, or None."""
    parts = [p for p in path.split("/") if p]
    if not parts:
        return FeedSource("edition", "", "", _EDITION.rows(edition=edition.locale_id))
    if len(parts) == 2:
        kind, slug = parts
        if kind in TOPICS:
            topics = TOPICS[kind]
            topic = topics.find(edition.locale_id, slug)
            if topic is None:
                return None
            newest = _TOPIC.rows(shape={"kind": kind}, topic=topic.pk, edition=edition.locale_id)
            return FeedSource(kind, topic.name, path, newest, topics.description(topic))
        if kind == "periodical":
            choices = dict(PeriodicalIssuePage.Periodical.choices)
            if slug in choices:
                newest = _PERIODICAL.rows(edition=edition.locale_id, periodical=slug)
                return FeedSource("periodical", str(choices[slug]), path, newest)
            return None
    section = (
        SectionPage.objects.live()
        .public()
        .filter(locale_id=edition.locale_id, url_path=f"{edition.home_path}{'/'.join(parts)}/")
        .first()
    )
    if section is None:
        return None
    description = section.search_description or section.summary
    newest = _SECTION.rows(path=section.path, depth=section.depth)
    return FeedSource("section", section.title, path, newest, description)
