"""Wagtail's routing of a reader's request to a page, with the pages it needs read in one query.

Wagtail finds a page in three steps: the site's root page in the active language (`localized`: the locale,
then the translation), that page as its own type, then one child and its own type per level of the path.
Here the edition's home and every page whose slug is on the path are read at once, and only the page found
last is read as its own type. The outcome is Wagtail's: the same page (or 404) for the same path, routable
pages (RoutablePageMixin: the home's topics, a gallery's pictures) route the rest of the path themselves,
and a page only answers when live (its ancestors need not be, as in Wagtail).
"""

from itertools import accumulate

from django.db.models import Q
from django.http import Http404
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from nashr.caching.queries import PreparedQuery
from nashr.caching.together import read_together
from nashr.editions.editions import language_code_of
from nashr.editions.published import find_site, first_reads


def route_for_request(request, path):
    """RouteResult of `path` on the request's site (None without a site); Http404 when nothing answers."""
    read_together(*first_reads(request))  # the site and the view restrictions: one round trip
    site = find_site(request)
    if site is None:
        return None
    root = site.root_page
    components = [component for component in path.split("/") if component]
    if not components:
        pages = _HOMES(key=root.translation_key)
    else:
        pages = _ALONG(
            key=root.translation_key,
            siblings=root.path[: -Page.steplen],  # the edition homes: translations of the root, beside it
            depth=root.depth,
            deepest=root.depth + len(components),
            slugs=components,
        )
    home = _localized(root, [page for page in pages if page.translation_key == root.translation_key])
    if not components or home.depth != root.depth or not _walks(home.specific_class, components):
        return _specific(home).route(request, components)  # Wagtail's way
    return walk(request, home, components, {page.url_path: page for page in pages if page.depth > home.depth})


def _along(key, siblings, depth, deepest, slugs):
    """The root page's translations (`key`), and the pages below the edition homes (`siblings`: the path
    they share) down to `deepest` whose slug is on the path."""
    below = Q(path__startswith=siblings, depth__gt=depth, depth__lte=deepest) & Q(slug__in=slugs)
    return Page.objects.filter(Q(translation_key=key) | below).only(*_WALKED)


# What routing reads of the pages on the way: the page answering is read again whole, as its own type
# (`_specific`), so the others' dates, owners and locks need not be read and converted (a dozen rows).
_WALKED = (
    "path",
    "depth",
    "translation_key",
    "locale_id",
    "live",
    "content_type_id",
    "url_path",
    "slug",
    "title",
)
_ALONG = PreparedQuery(_along)
_HOMES = PreparedQuery(lambda key: Page.objects.filter(translation_key=key).only(*_WALKED))


def _localized(root, homes):
    """The root's translation in the active language when live, else the root (Wagtail's `localized`)."""
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return root
    for home in homes:
        if language_code_of(home.locale_id) == language and home.live:
            return home
    return root


def _walks(page_class, components):
    """Whether Wagtail would walk down the tree from a page of `page_class` for this path: its `route` is
    the plain one, or it is a RoutablePageMixin none of whose own routes takes the path."""
    if getattr(page_class, "route", None) in PLAIN_ROUTES:
        return True
    if not issubclass(page_class, RoutablePageMixin):
        return False
    try:
        page_class.get_resolver().resolve("/" + "/".join(components) + "/")
    except Http404:
        return True
    return False


def walk(request, start, components, pages):
    """The route below `start` along `components`, given the pages read for it ({url_path: Page}, plain
    pages of any type): a routable page on the way routes the rest itself; the last one is read as its
    own type and answers only when live."""
    prefixes = _prefixes(start, components)
    parent = start
    for n, url_path in enumerate(prefixes):
        page = pages.get(url_path)
        if page is None or not page.path.startswith(start.path):
            raise Http404
        page._cached_parent_obj = parent  # as Wagtail does: get_parent() needs no query
        if getattr(page.specific_class, "route", None) not in PLAIN_ROUTES:
            return _specific(page).route(request, components[n + 1 :])
        parent = page
    page = _specific(parent)
    if not page.live:
        raise Http404
    return RouteResult(page)


def _specific(page):
    """`page` as its own type, as Wagtail's `page.specific` gives it (what was set on `page` kept), read by
    a query prepared once per page type, with the pages its `served_with` names."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    query = _BY_TYPE.get(model)
    if query is None:
        related = getattr(model, "served_with", ())  # core.BasePage: its foreign keys the page shows
        query = _BY_TYPE.setdefault(
            model, PreparedQuery(lambda pk: model._default_manager.filter(pk=pk).select_related(*related))
        )
    found = query(pk=page.pk)
    if not found:
        raise Http404
    specific = found[0]
    for name, value in page.__dict__.items():
        specific.__dict__.setdefault(name, value)
    return specific


_BY_TYPE = {}


def pages_along(start, components):
    """{url_path: Page} of the pages below `start` on the path `components`, in one query."""
    prefixes = _prefixes(start, components)
    found = Page.objects.filter(slug__in=set(components), url_path__in=prefixes, path__startswith=start.path)
    return {page.url_path: page for page in found}


def _prefixes(start, components):
    """The url_path of each page on the path below `start`: "/home/a/", "/home/a/b/" for ["a", "b"]."""
    return list(accumulate((f"{slug}/" for slug in components), initial=start.url_path))[1:]


PLAIN_ROUTES = [Page.route, None]  # routes that walk down by slugs; BasePage adds its own
