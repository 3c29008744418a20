"""Private sections, read once per request instead of once per listing.

Wagtail's `.public()` reads every PageViewRestriction each time it is called; a page that shows
several listings (related, recent, newer/older, editions menu) paid one query per listing. Here the
restricted paths are read once per request (RestrictionsMiddleware keeps them for the request's
length) and every `.public()` of our querysets filters by them. Outside a request each call reads them.
"""

from contextvars import ContextVar

from django.db.models import Q
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

_paths = ContextVar("nashr_restricted_paths", default=None)
_in_request = ContextVar("nashr_in_request", default=False)


def restricted_paths():
    paths = _paths.get()
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        if _in_request.get():
            _paths.set(paths)
    return paths


def private_q():
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


class PublicQuerySet(PageQuerySet):
    """A PageQuerySet whose `.public()` reads private sections once per request."""

    def private_q(self):
        return private_q()


def public(queryset):
    """`queryset.public()` for querysets of other page models (Page itself)."""
    return queryset.exclude(private_q())


class RestrictionsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_request = _in_request.set(True)
        paths = _paths.set(None)
        try:
            return self.get_response(request)
        finally:
            _paths.reset(paths)
            _in_request.reset(in_request)
