"""From a reader's URL to a page in one query, whatever its depth.

Wagtail routes a request by walking the tree from the site's root: the site (one query), the edition's home
(its locale, then the translation of the root page, then its specific row) and, for each segment of the path,
the child with that slug and its specific row: nine queries for an article two levels down, and more for
its lead image and translator. A page's URL is its tree `url_path` under its edition's home, so here:

- the page's type and id are found by that `url_path` (through the indexed slug) and kept with the page
  cache's fragments under the page's own URL, which publishing, unpublishing, moving or deleting it purges;
- the page is read with its model's `serve_queryset()` (with what its template shows of other rows on every
  request joined in, such as a gallery's lead image): one query.

The site is kept in the cache until a site is saved or deleted; Wagtail keeps the edition homes' url_paths
(`Site.get_site_root_paths()`) there already.

Anything the direct lookup does not find — a sub-route of a routable page (`tag/<slug>/`), an unknown path, a
page that is not live — goes to Wagtail's own routing, so the outcome is Wagtail's in every case.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from nashr.publishing.cache import fragment

SITES_KEY = "nashr:routing:sites"
MAX_HOSTS = 100


def find_site(request):
    """`Site.find_for_request(request)`, kept in the cache per host and port instead of a query a request."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    if not settings.NASHR_CACHE_LOOKUPS:
        return Site.find_for_request(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    key = f"{hostname}:{port}"
    sites = cache.get(SITES_KEY) or {}
    if key not in sites:
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            site = None
        if len(sites) >= MAX_HOSTS:  # hosts are few; a flood of made-up ones must not grow this forever
            sites = {}
        sites[key] = site
        cache.set(SITES_KEY, sites, None)
    request._wagtail_site = sites[key]
    return sites[key]


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def sites_changed(**kwargs):
    cache.delete(SITES_KEY)


def _edition_root_path(site, language):
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk and root.language_code == language:
            return root.root_path
    return None


def _locate(url_path):
    """(content type id, page id) of the live page at `url_path`, or None."""
    slug = url_path.rstrip("/").rsplit("/", 1)[-1]
    return (
        Page.objects.filter(slug=slug, url_path=url_path, live=True)
        .values_list("content_type_id", "pk")
        .first()
    )


# Values that stand in for this request's pk and url_path in the SQL built once per model.
_PK, _URL_PATH = -7_351_001, "\x00url_path"
_serve_sql = {}  # (model, database alias) -> (SQL, parameter order), or None to leave it to the ORM


def _read_page(model, pk, url_path):
    """The live page of `model` with this pk at this url_path, read with its `serve_queryset()`, or None.

    Building the SQL of a page model (three tables, 50 columns) costs more than running it: 0.33 of the
    0.60 ms on SQLite. Where the queryset joins nothing else, the SQL is built once per model and database
    and run as a raw query of the same model; otherwise the ORM builds it each time."""
    queryset = model.serve_queryset() if hasattr(model, "serve_queryset") else model.objects.all()
    key = (model, queryset.db)
    if key not in _serve_sql:
        _serve_sql[key] = _prepared(queryset)
    if _serve_sql[key] is None:
        # Unordered and sliced rather than `.first()` (pages are ordered by tree path): cheaper to build.
        return next(iter(queryset.filter(pk=pk, url_path=url_path, live=True).order_by()[:1]), None)
    sql, order = _serve_sql[key]
    values = {_PK: pk, _URL_PATH: url_path}
    return next(iter(model.objects.db_manager(queryset.db).raw(sql, [values[v] for v in order])), None)


def _prepared(queryset):
    if queryset.query.select_related:  # joined rows are not something a raw query can fill in
        return None
    sql, params = (
        queryset.filter(pk=_PK, url_path=_URL_PATH, live=True).order_by()[:1].query.sql_with_params()
    )
    if sorted(params, key=str) != sorted([_PK, _URL_PATH], key=str):  # written in some other way
        return None
    return sql, list(params)


def _direct_route(request, site, path):
    root_path = _edition_root_path(site, translation.get_language())
    if root_path is None:
        return None
    url_path = root_path + path
    if settings.NASHR_CACHE_LOOKUPS:
        # Under the URL the page cache purges when this page is published, unpublished, moved or deleted.
        url = request.path
        name = "route:" + hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
        located = fragment(name, [url], lambda: _locate(url_path)) or _locate(url_path)
    else:
        located = _locate(url_path)
    if located is None:
        return None
    model = ContentType.objects.get_for_id(located[0]).model_class()
    if model is None:
        return None
    page = _read_page(model, located[1], url_path)
    if page is None:  # moved or unpublished since: Wagtail decides
        return None
    page._nashr_served = True  # what it shows of other rows may come from the fragments (BasePage.kept)
    try:
        return page.route(request, [])
    except Http404:
        return None


def route_for_request(request, path):
    """What `Page.route_for_request(request, path)` returns (page, args, kwargs, or None), kept on the request
    where Wagtail keeps it, so that anything else asking for the route gets this one."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site = find_site(request)
        if site is None:
            request._wagtail_route_for_request = None
        else:
            result = _direct_route(request, site, path)
            if result is not None:
                request._wagtail_route_for_request = result
    return Page.route_for_request(request, path)
