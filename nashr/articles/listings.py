"""What an article page shows of other rows, by prepared queries (caching/queries.py): "you may also like",
the edition's recent posts and the page's published comments."""

from django.db.models import Exists, OuterRef, Q

from nashr.caching.queries import PreparedQuery
from nashr.comments.models import Comment
from nashr.core.posts import PostLink


def _models():
    from . import models  # not at import: models import this module

    return models


def _related_posts(categories, tags, edition, pk, limit, private):
    """The articles of `edition` but `pk` in one of `categories` or with one of `tags`, for their cards.

    The matches are tested per candidate (EXISTS, no join that multiplies rows), so the database walks the
    edition's posts newest first along the (published_at, pk) index and stops at the `limit`-th match: the
    cost does not grow with the site as long as matches are not rare.
    """
    category_links = _models().ArticlePage.categories.through.objects
    in_category = category_links.filter(articlepage_id=OuterRef("pk"), category_id__in=categories)
    tagged = _models().ArticleTag.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=tags)
    matches = Q(Exists(in_category)) | Q(Exists(tagged))
    posts = _models().ArticlePage.objects.for_listing(private).in_edition(edition)
    return posts.filter(matches).exclude(pk=pk)[:limit]


def _related_to_saved(pk, edition, limit, private):
    """The same for the saved article `pk`, its categories and tags read by the query itself: it needs no
    earlier read, so it is sent with the page's other reads (caching/together.py)."""
    categories = _models().ArticlePage.categories.through.objects.filter(articlepage_id=pk)
    tags = _models().ArticleTag.objects.filter(content_object_id=pk)
    return _related_posts(
        categories.values("category_id"), tags.values("tag_id"), edition, pk, limit, private
    )


RELATED = PreparedQuery(_related_posts)  # a page whose relations are in memory (a preview)
RELATED_TO_SAVED = PreparedQuery(_related_to_saved)
APPROVED_COMMENTS = PreparedQuery(
    lambda page: (
        Comment.objects.approved().filter(page=page).only("name", "body", "created_at", "parent", "removed")
    )
)


def _recent(edition, limit, private):
    posts = _models().ArticlePage.objects.for_listing(private).in_edition(edition)
    return posts.values_list(*PostLink.COLUMNS)[:limit]


RECENT = PreparedQuery(_recent)
