"""The read API's own fields, added to Wagtail's serializers (wagtail.api.v2) through `APIField`.

Each reads what `bulk.Extras` looked up for the whole response (the serializer context's "extras"), so no
field costs a query per item.
"""

from rest_framework.fields import Field
from wagtail.api import APIField

from .body import body_html
from .bulk import detail_url
from .kinds import kind_of


class PageField(Field):
    """A read-only field computed from the whole page and the response's extras."""

    def __init__(self, compute, **kwargs):
        self.compute = compute
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return self.compute(page, self.context["extras"])


def field(name, compute):
    return APIField(name, serializer=PageField(compute))


def _document_url(document):
    return document.url if document is not None else None


# Every post, in listings and details.
POST_FIELDS = [
    "title",
    "published_at",
    "summary",
    field("lead_image", lambda page, extras: extras.lead_image(page)),
    field("authors", lambda page, extras: extras.authors.get(page.pk, [])),
    field("categories", lambda page, extras: extras.categories.get(page.pk, [])),
    field("tags", lambda page, extras: extras.tags.get(page.pk, [])),
    field("provenance", lambda page, extras: extras.provenance(page)),
    field("translations", lambda page, extras: extras.translations.get(page.pk, [])),
    field("comment_count", lambda page, extras: extras.comment_counts.get(page.pk, 0)),
]
POST_META_FIELDS = [
    field("kind", lambda page, extras: kind_of(page)),
    field("detail_url", lambda page, extras: detail_url(extras.edition.code, "pages", page.pk)),
    field("html_url", lambda page, extras: extras.html_url(page)),
    "slug",
    field("edition", lambda page, extras: extras.edition.code),
    "first_published_at",
    "last_published_at",
]
# Details only: what costs a query or a render per item.
BODY = field("body", lambda page, extras: body_html(page))
PDF = field("pdf", lambda page, extras: _document_url(page.document))
TYPE_FIELDS = {
    "articles.ArticlePage": [BODY],
    "multimedia.ImagePostPage": [BODY],
    "multimedia.GalleryPage": [BODY],
    "multimedia.VideoPage": [
        BODY,
        "external_url",
        "duration",
        field("video_file", lambda page, extras: _document_url(page.video_file)),
    ],
    "publications.BookPage": [BODY, "subtitle", "book_authors", "publisher", "year", "pages", "isbn", PDF],
    "publications.PeriodicalIssuePage": [BODY, "periodical", "number", PDF],
}
DETAIL_ONLY = ["body", "video_file", "pdf"]
