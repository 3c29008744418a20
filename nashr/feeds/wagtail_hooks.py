"""Feeds in the dependency map (what to refresh when a post changes) and in the static output."""

from taggit.models import Tag
from wagtail import hooks

from nashr.articles.models import ArticlePage, Category
from nashr.core.models import SectionPage
from nashr.editions.published import published_editions
from nashr.people.models import Person
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
        for model, kind in ((Category, "category"), (Person, "author")):
            slugs = model.objects.filter(locale_id=edition.locale_id).values_list("slug", flat=True)
            paths += [edition.path(f"{kind}/{slug}/") for slug in slugs]
        articles = ArticlePage.objects.live().public().filter(locale_id=edition.locale_id)
        tags = Tag.objects.filter(articles_articletag_items__content_object__in=articles).distinct()
        paths += [edition.path(f"tag/{slug}/") for slug in tags.values_list("slug", flat=True)]
        paths += [edition.path(f"periodical/{kind}/") for kind in PeriodicalIssuePage.Periodical.values]
    return _files(paths)
