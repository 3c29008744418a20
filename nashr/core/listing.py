"""Paginated listings whose pages are read by a prepared query (caching/queries.py).

A section's, category's, tag's or author's page shows one page of its posts. Django builds and compiles
that page's query on every request, for longer than the database takes to run it; and a full static build
renders every page of every listing. `Listing(build)` prepares `build(**values)[start:stop]` once per
process and page slice, and its count, and `Listing.posts(...)` gives Django's Paginator what it needs:
the count and a page's posts, from the prepared SQL. They are what the queryset gives, in its order
(tests/test_listing.py compares both ways).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, Value

from nashr.caching.queries import PreparedQuery
from nashr.caching.together import read_together

READ_AHEAD_PAGES = 50


def paginate(request, posts, per_page=None):
    """The requested page of a listing (`posts`: a queryset, or `Listing.posts()`). A malformed, zero or
    too large ?page= gives the nearest real page.

    The page count is left on the request for the static output, which writes every page of a listing, and
    the number shown for the page cache, which never keeps a page asked for by a number it does not have.
    """
    per_page = per_page or settings.NASHR_PAGE_SIZE
    if isinstance(posts, ListedPosts):
        posts.read_ahead(request.GET.get("page"), per_page)
    paginator = Paginator(posts, per_page)
    page = paginator.get_page(request.GET.get("page"))
    request.nashr_page_count = paginator.num_pages
    request.nashr_page_number = page.number
    return page


class Listing:
    def __init__(self, build):
        """`build(**values)`: the listing's queryset, ordered; the values as PreparedQuery takes them."""
        self.build = build
        self.pages = PreparedQuery(lambda start, stop, **values: build(**values)[start:stop])
        self.counts = PreparedQuery(lambda **values: _counted(build(**values)))

    def posts(self, shape=None, **values):
        """The listing for Paginator: `paginate(request, listing.posts(...))`."""
        return ListedPosts(self, shape or {}, values)


def _counted(posts):
    """`posts.count()` as a queryset of one row: COUNT grouped by a constant, which Django leaves out of
    GROUP BY (a plain aggregate is not a queryset, and cannot be prepared)."""
    if posts.query.distinct or posts.query.combinator:
        raise ValueError("a listing is counted row by row: distinct or combined querysets are not")
    one = Value(1, output_field=IntegerField())
    grouped = posts.order_by().annotate(_all=one).values("_all")
    return grouped.annotate(_n=Count("pk")).values_list("_n", flat=True)


class ListedPosts:
    """A sequence Paginator can count and slice, from the listing's prepared queries."""

    def __init__(self, listing, shape, values):
        self.listing, self.shape, self.values = listing, shape, values
        self.per_page = 0

    def count(self):
        return self.listing.counts(shape=self.shape, **self.values)[0]

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None or index.stop is None:
            raise TypeError("a listing gives its posts a slice at a time")
        start = index.start or 0
        if index.stop <= start:  # an empty listing's one page
            return []
        return self.listing.pages(**self._page(start, index.stop - start))[: index.stop - start]

    def _page(self, start, size):
        """A page's query: a whole page's rows asked for (the last page's, shorter, are the same rows), so
        that every page of every listing runs the SQL of its page number, whatever the listing's length."""
        stop = start + max(size, self.per_page)
        return {"shape": {**self.shape, "start": start, "stop": stop}, **self.values}

    def read_ahead(self, number, per_page):
        """The count and the page ?page=`number` asks for, read together (caching/together.py): the first
        page without a number, a page up to READ_AHEAD_PAGES with one. Any other (zero, malformed, far down
        a listing) is read after the count, as Paginator.get_page settles it, so that no page number beyond
        those makes a query to prepare before the count says it exists."""
        self.per_page = per_page
        if not number:
            page = 1
        elif number.isascii() and number.isdigit():
            page = int(number)
        else:
            page = 0
        ahead = None
        if 1 <= page <= READ_AHEAD_PAGES:
            ahead = self.listing.pages.ahead(**self._page((page - 1) * per_page, per_page))
        read_together(self.listing.counts.ahead(shape=self.shape, **self.values), ahead)
