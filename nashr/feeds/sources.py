"""What a feed lists: an edition, a section, a category, a tag, an author or a periodical.

A feed lives beside the page it follows: `/en/rss.xml` for the edition, `/en/articles/atom.xml` for a
section, `/en/category/culture/feed.json`, `/en/tag/rain/rss.xml`, `/en/author/ana/rss.xml`, and
`/en/periodical/newsletter/rss.xml` for the numbered issues of a periodical.
"""

from dataclasses import dataclass

from nashr.articles.models import ArticlePage
from nashr.core.models import PostPage, SectionPage
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
    posts: object  # () -> a PostPage (or subclass) queryset, unordered: built only when the entries are
    description: str = ""

    def url(self, edition, filename):
        return edition.path(f"{self.path}{filename}")


def _live(model, **filters):
    """() -> the live public pages of `model` matching `filters`: built when the entries are."""
    return lambda: model.objects.live().public().filter(**filters)


def resolve(edition, path):
    """The FeedSource for `path` (as in the URL, decoded) in `edition`, or None."""
    parts = [p for p in path.split("/") if p]
    if not parts:
        return FeedSource("edition", "", "", _live(PostPage, locale_id=edition.locale_id))
    if len(parts) == 2:
        kind, slug = parts
        if kind in TOPICS:
            topics = TOPICS[kind]
            topic = topics.find(edition.locale_id, slug)
            if topic is None:
                return None
            articles = _live(ArticlePage, locale_id=edition.locale_id)
            return FeedSource(
                kind, topic.name, path, lambda: topics.articles(topic, articles()), topics.description(topic)
            )
        if kind == "periodical":
            choices = dict(PeriodicalIssuePage.Periodical.choices)
            if slug in choices:
                posts = _live(PeriodicalIssuePage, locale_id=edition.locale_id, periodical=slug)
                return FeedSource("periodical", str(choices[slug]), path, posts)
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
    return FeedSource(
        "section",
        section.title,
        path,
        lambda: PostPage.objects.live().public().descendant_of(section),
        description,
    )
