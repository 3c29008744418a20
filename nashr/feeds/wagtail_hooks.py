"""Feeds in the dependency map (what to refresh when a post changes) and in the static output."""

from wagtail import hooks

from nashr.articles.models import ArticlePage
from nashr.core.models import SectionPage
from nashr.editions.published import published_editions
from nashr.home.topics import topic_paths
from nashr.publications.models import PeriodicalIssuePage
from nashr.publishing.dependencies import DEPENDENT_URLS_HOOK, STATIC_PATHS_HOOK

from .sources import FORMATS


def _files(paths):
    return [f"{path}{filename}" for path in paths for filename in FORMATS]


@hooks.register(DEPENDENT_URLS_HOOK)
def feeds_showing(page):
    """The feeds a post appears in: its edition's, its sections', its categories', tags', people's."""
    feed_paths = getattr(page.specific, "feed_paths", None)  # core.BasePage
    paths = feed_paths() if feed_paths is not None else []
    return _files(paths)


@hooks.register(STATIC_PATHS_HOOK)
def all_feeds():
    """Every feed of every published edition."""
    paths = []
    for edition in published_editions().values():
        paths.append(edition.prefix)
        sections = SectionPage.objects.live().public().filter(locale_id=edition.locale_id)
        paths += [edition.page_path(url_path) for url_path in sections.values_list("url_path", flat=True)]
        articles = ArticlePage.objects.live().public().filter(locale_id=edition.locale_id)
        paths += [edition.path(path) for path in topic_paths(edition.locale_id, articles)]
        paths += [edition.path(f"periodical/{kind}/") for kind in PeriodicalIssuePage.Periodical.values]
    return _files(paths)
