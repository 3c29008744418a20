"""Private sections, read once and kept instead of once per listing and per page served.

Wagtail's `.public()` reads every PageViewRestriction each time it is called, and serving a page reads its
ancestors and their restrictions (two queries). Private sections are few and rarely change, so their tree
paths are kept in the cache until a restriction is saved or deleted or a page moves or is deleted, and for
the length of a request (RestrictionsMiddleware) in the request itself. Every `.public()` of our querysets
filters by them, and serving a page asks Wagtail's restriction check only for a page inside one of them
(`check_view_restrictions`). With `NASHR_CACHE_LOOKUPS` off (tests) they are read once per request.
"""

from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move

PATHS_KEY = "nashr:restricted-paths"

_paths = ContextVar("nashr_restricted_paths", default=None)
_in_request = ContextVar("nashr_in_request", default=False)


def _read_paths():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def restricted_paths():
    """The tree paths of the pages that carry a view restriction (everything below them is private too)."""
    paths = _paths.get()
    if paths is None:
        if settings.NASHR_CACHE_LOOKUPS:
            paths = cache.get(PATHS_KEY)
            if paths is None:
                paths = _read_paths()
                cache.set(PATHS_KEY, paths, None)
        else:
            paths = _read_paths()
        if _in_request.get():
            _paths.set(paths)
    return paths


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
@receiver(post_page_move)
def restrictions_changed(**kwargs):
    cache.delete(PATHS_KEY)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is Page:  # its restrictions' paths may be reused
        cache.delete(PATHS_KEY)


def may_be_restricted(page):
    """False when no view restriction can apply to `page`: it is in no private section. An alias takes its
    source's restrictions, which only Wagtail's own check resolves."""
    if page.alias_of_id:
        return True
    return any(page.path.startswith(path) for path in restricted_paths())


def check_view_restrictions(callback):
    """Wagtail's `on_serve_page` restriction check, asked only for pages in a private section."""
    from wagtail import wagtail_hooks  # not at import: this module is loaded with the models

    wagtail_check = wagtail_hooks.check_view_restrictions(callback)

    def inner(page, request, args, kwargs):
        if may_be_restricted(page):
            return wagtail_check(page, request, args, kwargs)
        return callback(page, request, args, kwargs)

    return inner


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
