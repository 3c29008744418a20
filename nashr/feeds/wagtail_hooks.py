"""Feeds in the dependency map (what to refresh when a post changes) and in the static output."""

from taggit.models import Tag
from wagtail import hooks

from nashr.articles.models import ArticlePage, Category
from nashr.core.models import PostPage, SectionPage
from nashr.editions.published import published_editions
from nashr.editions.urls import edition_url
from nashr.people.models import Person
from nashr.publications.models import PeriodicalIssuePage
from nashr.publishing.dependencies import DEPENDENT_URLS_HOOK, STATIC_PATHS_HOOK

from .sources import FORMATS


def _files(paths):
    return [f"{path}{filename}" for path in paths for filename in FORMATS]


@hooks.register(DEPENDENT_URLS_HOOK)
def feeds_showing(page):
    """The feeds a post appears in: its edition's, its sections', its categories', tags', people's."""
    page = page.specific
    if not isinstance(page, PostPage):
        return []
    language = page.locale.language_code
    paths = [edition_url(language)]
    paths += [s.url for s in SectionPage.objects.ancestor_of(page) if s.url]
    if isinstance(page, ArticlePage):
        paths += [category.get_absolute_url() for category in page.category_list]
        paths += [edition_url(language, f"tag/{tag.slug}/") for tag in page.tag_list]
        people = [*page.authors, page.translator] if page.translator else page.authors
        paths += [person.get_absolute_url() for person in people]
    if isinstance(page, PeriodicalIssuePage):
        paths.append(edition_url(language, f"periodical/{page.periodical}/"))
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
