"""An article's categories, tags and authors: read with prepared queries (caching/queries.py), the querysets
the page's related managers build, unless the page holds them in memory.

A preview, a revision or a form's page carries its chosen categories, tags and authors in memory
(modelcluster), and its managers answer from there; a page read from the database has none in memory, and
its managers build and compile a query on every page (about 1 ms each on an article rendered from nothing,
for 0.1 ms of SQL).
"""

from nashr.caching.queries import PreparedQuery


def _models():
    from . import models  # not at import: models import this module

    return models


# The querysets the managers build for a page read from the database (ArticleTag.tags_for is taggit's own).
_CATEGORIES = PreparedQuery(
    lambda pk: _models().Category.objects.filter(articles=pk).select_related("locale")
)
_TAGS = PreparedQuery(
    lambda pk: _models().ArticleTag.tags_for(_models().ArticlePage, _models().ArticlePage(pk=pk))
)
_AUTHOR_LINKS = PreparedQuery(
    lambda pk: _models().ArticleAuthor.objects.filter(page=pk).select_related("person__locale")
)


def in_memory(page):
    """Whether `page`'s relations may differ from the database's: an unsaved page has none there, and a
    page built from a revision or a form keeps its relations in memory."""
    return page.pk is None or bool(getattr(page, "_cluster_related_objects", None))


def reads_of(page):
    """The reads `categories`, `tags` and `authors` make of `page`, for `caching.together.read_together`:
    none for a page whose relations are in memory."""
    if in_memory(page):
        return []
    return [_CATEGORIES.ahead(pk=page.pk), _TAGS.ahead(pk=page.pk), _AUTHOR_LINKS.ahead(pk=page.pk)]


def categories(page):
    if in_memory(page):
        return list(page.categories.select_related("locale"))
    return _CATEGORIES(pk=page.pk)


def tags(page):
    return list(page.tags.all()) if in_memory(page) else _TAGS(pk=page.pk)


def authors(page):
    links = (
        page.article_authors.select_related("person__locale")
        if in_memory(page)
        else _AUTHOR_LINKS(pk=page.pk)
    )
    return [link.person for link in links]


# The same for many articles at once (a feed's entries), in the orders the pages' managers give.
_CATEGORY_LINKS_OF = PreparedQuery(
    lambda pks: (
        _models()
        .ArticlePage.categories.through.objects.filter(articlepage_id__in=pks)
        .select_related("category")
        .order_by("category__name", "category_id")
    )
)
_TAG_LINKS_OF = PreparedQuery(
    lambda pks: (
        _models().ArticleTag.objects.filter(content_object_id__in=pks).select_related("tag").order_by("pk")
    )
)
_AUTHOR_LINKS_OF = PreparedQuery(
    lambda pks: (
        _models()
        .ArticleAuthor.objects.filter(page_id__in=pks)
        .select_related("person__locale")
        .order_by("sort_order", "pk")
    )
)


def authors_read(pks):
    """The read `authors_of(pks)` makes, for `caching.together.read_together`."""
    return _AUTHOR_LINKS_OF.ahead(pks=pks)


def authors_of(pks):
    """{pk: [Person]} of the articles `pks` read from the database, in their order: one query."""
    people = {}
    for link in _AUTHOR_LINKS_OF(pks=pks):
        people.setdefault(link.page_id, []).append(link.person)
    return people


def of_pages(pks):
    """({pk: [Person]}, {pk: [names of its categories, then of its tags]}) of the articles `pks` read from the
    database: three queries, whatever their number."""
    people, terms, tags = authors_of(pks), {}, {}
    for link in _CATEGORY_LINKS_OF(pks=pks):
        terms.setdefault(link.articlepage_id, []).append(link.category.name)
    for item in _TAG_LINKS_OF(pks=pks):
        tags.setdefault(item.content_object_id, []).append(item.tag.name)
    for pk, names in tags.items():
        terms.setdefault(pk, []).extend(names)
    return people, terms
