"""What a search may find: the live public pages of an edition (or of all), narrowed by the reader's
filters (a section, a kind of page, a date range); `searchable_documents` narrows PostgreSQL's search table
the same way."""

from dataclasses import dataclass

from wagtail.models import Locale, Page, PageViewRestriction

from nashr.core.models import PostPage


@dataclass
class Filters:
    section: Page | None = None
    content_type: object = None  # a ContentType
    date_from: object = None  # a date
    date_to: object = None

    def dated_posts(self):
        """The posts published in the chosen date range, or None without one."""
        if not (self.date_from or self.date_to):
            return None
        posts = PostPage.objects.all()
        if self.date_from:
            posts = posts.filter(published_at__date__gte=self.date_from)
        if self.date_to:
            posts = posts.filter(published_at__date__lte=self.date_to)
        return posts


def searchable_pages(language=None, filters=None):
    """Live public pages of one edition (all editions when `language` is None), narrowed by `filters`.

    Only fields the search index declares as filters are used (locale, path, content type, id).
    """
    pages = Page.objects.live().public().filter(depth__gt=1)
    if language:
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            return Page.objects.none()
        pages = pages.filter(locale=locale)
    filters = filters or Filters()
    if filters.section is not None:
        pages = pages.filter(path__startswith=filters.section.path).exclude(id=filters.section.pk)
    if filters.content_type is not None:
        pages = pages.filter(content_type=filters.content_type)
    if (posts := filters.dated_posts()) is not None:
        pages = pages.filter(id__in=posts.values("pk"))
    return pages


def searchable_documents(documents, language=None, filters=None):
    """`documents` (PostgreSQL's `SearchDocument` rows) narrowed as `searchable_pages()` narrows pages: the
    edition, live, public, and `filters`. Edition, state and type are columns of the table; a section, the
    private sections and a date range are pages to keep or leave out."""
    documents = documents.filter(live=True)
    if language:
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            return documents.none()
        documents = documents.filter(locale=locale)
    if PageViewRestriction.objects.exists():
        documents = documents.exclude(page__in=Page.objects.not_public().values("pk"))
    filters = filters or Filters()
    if filters.section is not None:
        section = Page.objects.filter(path__startswith=filters.section.path).exclude(id=filters.section.pk)
        documents = documents.filter(page__in=section.values("pk"))
    if filters.content_type is not None:
        documents = documents.filter(content_type=filters.content_type)
    if (posts := filters.dated_posts()) is not None:
        documents = documents.filter(page__in=posts.values("pk"))
    return documents
