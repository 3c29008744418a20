"""What listings read of posts: the queryset of every post type (`for_listing`: live, public, newest first,
with what a card shows) and `PostLink`, a post as a list of links shows it."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, Subquery

from nashr.caching.queries import PreparedQuery
from nashr.editions.published import PublicPageQuerySet
from nashr.editions.urls import page_url


@dataclass(frozen=True)
class PostLink:
    """What a list of links shows of a post, small enough to keep in the cache."""

    pk: int
    title: str
    url: str
    published_at: datetime

    COLUMNS = ("pk", "title", "url_path", "locale_id", "published_at")

    @classmethod
    def listed(cls, posts):
        """The links of a queryset of posts (sliced or not), read as plain values: no page is built, and
        each URL comes from the tree path under its edition's home (`editions.urls.page_url`)."""
        return cls.from_rows(posts.values_list(*cls.COLUMNS))

    @classmethod
    def from_rows(cls, rows):
        return [cls(pk, title, page_url(locale, path), date) for pk, title, path, locale, date in rows]


# What no listing shows of any post: Wagtail's bookkeeping (revisions, locks, schedule, owner), the page's
# own head texts, and of its lead image what only the admin shows. Six dates a row fewer to convert.
NOT_IN_LISTINGS = (
    *("draft_title", "latest_revision", "has_unpublished_changes", "first_published_at", "live_revision"),
    *("go_live_at", "expire_at", "expired", "locked", "locked_at", "locked_by", "owner", "alias_of"),
    *("latest_revision_created_at", "show_in_menus", "seo_title", "search_description", "numchild"),
    *("lead_image__created_at", "lead_image__uploaded_by_user", "lead_image__collection"),
    "lead_image__file_size",
)


class PostQuerySet(PublicPageQuerySet):
    def for_listing(self, private=None):
        """Live public posts, newest first, with what a card shows. `private`: the Q of the private pages
        (`private_q()` by default), given by a prepared query, which keeps it in its shape."""
        posts = (
            self.live()
            .exclude(self.private_q() if private is None else private)
            .select_related("lead_image", "locale")
            .order_by("-published_at", "-page_ptr")  # the index's columns (an ArticlePage's pk is another)
        )
        return posts.defer(*NOT_IN_LISTINGS, *self.model.not_in_listings)

    def in_edition(self, locale_id):
        """Posts of one edition, found through the (edition, published_at, pk) index."""
        return self.filter(edition_id=locale_id)


# Newer and older (PostPage.neighbours): one prepared query for both sides.


def _post_pages():
    from django.apps import apps  # the models import this module

    return apps.get_model("core", "PostPage").objects


def _neighbours_of(newer, parent, pk, published_at, private):
    """The ids of the live, public posts beside the post `pk` under the same page (its section), from its date
    on (newer) or back (older), nearest first: the (parent_page, published_at) index walked from the post
    onward; the exclusion only breaks ties between posts of the same date."""
    posts = _post_pages().filter(parent_page_id=parent, live=True).exclude(pk=pk).exclude(private)
    if newer:
        posts = posts.filter(published_at__gte=published_at).exclude(published_at=published_at, pk__lte=pk)
        posts = posts.order_by("published_at", "pk")
    else:
        posts = posts.filter(published_at__lte=published_at).exclude(published_at=published_at, pk__gte=pk)
        posts = posts.order_by("-published_at", "-pk")
    return posts.values("pk")


def _neighbours(**values):
    """The newer and the older post beside one (`_neighbours_of`), as PostLink rows: each side's nearest
    post found by a subquery of one row (computed once, then the posts read by id), both in one query."""
    newer, older = (Subquery(_neighbours_of(side, **values)[:1]) for side in (True, False))
    nearest = Q(pk=newer) | Q(pk=older)
    return _post_pages().filter(nearest).values_list(*PostLink.COLUMNS)


NEIGHBOURS = PreparedQuery(_neighbours)
