"""The editions readers can see, the site's address, and page URLs built without a query per page.

An edition is published when its home page (the root of its locale's tree) is live and public; pages of an
unpublished edition appear in no feed, sitemap or hreflang link.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import Case, IntegerField, Q, When
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import MATCH_DEFAULT, MATCH_HOSTNAME, MATCH_HOSTNAME_DEFAULT, MATCH_HOSTNAME_PORT
from wagtail.query import PageQuerySet

from nashr.caching.queries import PreparedQuery
from nashr.caching.store import forget, fragment, has_per_request, per_request

from .editions import all_editions
from .urls import edition_url

# What Django's reverse() leaves unquoted in a path, so URLs built here match page.url exactly.
_PATH_SAFE = "!$&'()*+,;=/~:@"
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_.~/-]*")


@dataclass(frozen=True)
class PublishedEdition:
    code: str
    locale_id: int
    home_id: int
    home_path: str  # the home page's url_path, e.g. "/home/"
    prefix: str  # the edition's URL, e.g. "/en/"

    def path(self, rest=""):
        """The URL path of `rest` (decoded, e.g. "tag/باران/") under the edition, quoted as reverse() does."""
        if _PLAIN_PATH.fullmatch(rest):  # most slugs: nothing to quote
            return self.prefix + rest
        return self.prefix + quote(rest, safe=_PATH_SAFE)

    def page_path(self, url_path):
        """The URL path of a page of this edition from its tree url_path, e.g. "/en/articles/rain/"."""
        return self.path(url_path[len(self.home_path) :])


def view_restrictions():
    """Every view restriction of the site, with its page: one query, read once a request however many ask
    (the lists that exclude private pages, Wagtail's check of the page served). Forgotten as soon as the
    request saves or deletes one (`forget_view_restrictions`)."""
    return per_request("view-restrictions", _VIEW_RESTRICTIONS)


_VIEW_RESTRICTIONS = PreparedQuery(lambda: PageViewRestriction.objects.select_related("page"))


def private_q():
    """Q for the pages readers cannot see (view restrictions and below), from `view_restrictions()`
    (PublicPageQuerySet.public() uses it too)."""
    return per_request("private-q", _private_q)


def _private_q():
    pages = Page.objects.all()
    q = Q()
    for restriction in view_restrictions():  # as Wagtail's PageQuerySet.private_q builds it
        q |= pages.descendant_of_q(restriction.page, inclusive=True)
    return q if q else Q(pk__in=[])


def forget_view_restrictions(**kwargs):
    """A view restriction saved or deleted: what this request read of them is read again."""
    forget("view-restrictions", "private-q")


class PublicPageQuerySet(PageQuerySet):
    """Wagtail's page queryset whose `public()` reads the view restrictions once a request, not once a
    list: an article shows five lists (newer, older, related, recent, its translations)."""

    def private_q(self):
        return private_q()


def published_editions(private=None):
    """{language code: PublishedEdition}, in the editions' order. One query, and one for `private_q()`
    unless given."""
    private = private_q() if private is None else private
    by_code = {row[0]: row[1:] for row in _EDITION_HOMES(shape={"private": private})}
    editions = {}
    for edition in all_editions():
        if edition.code in by_code:
            pk, url_path, locale_id = by_code[edition.code]
            editions[edition.code] = PublishedEdition(
                edition.code, locale_id, pk, url_path, edition_url(edition.code)
            )
    return editions


def readers_editions():
    """`published_editions()` as a reader's page or feed reads it: the same for every address, so kept for
    the whole site (an edition home's publish, unpublish or move renews the whole site) and read once a
    request."""
    return per_request("published-editions", lambda: fragment("published-editions", published_editions))


def _edition_homes(private):
    # The edition homes are the translations of the default site's root page (as Wagtail routes them);
    # found by translation key, which is indexed, rather than by depth, which is not.
    root_keys = Site.objects.filter(is_default_site=True).values("root_page__translation_key")
    return (
        Page.objects.filter(translation_key__in=root_keys, depth=2)
        .live()
        .exclude(private)
        .values_list("locale__language_code", "pk", "url_path", "locale_id")
    )


_EDITION_HOMES = PreparedQuery(_edition_homes)


def find_site(request):
    """The Wagtail Site answering `request`, as `Site.find_for_request` finds it (and kept on the request
    where Wagtail keeps it), its query prepared once: Wagtail's builds an annotated query on every request,
    1.2 ms against 0.1 ms for running it. A port that is not a number matches no site's port."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = _site_for(**_host_of(request))
    return request._wagtail_site


def first_reads(request):
    """The reads every reader's page makes before it is routed, for `caching.together.read_together`: the
    request's site (unless found already) and the view restrictions (unless read already)."""
    reads = [] if hasattr(request, "_wagtail_site") else [_SITES.ahead(**_host_of(request))]
    if not has_per_request("view-restrictions"):
        reads.append(_VIEW_RESTRICTIONS.ahead())
    return reads


def _host_of(request):
    hostname = split_domain_port(request._get_raw_host())[0]
    port = str(request.get_port())
    return {"hostname": hostname, "port": int(port) if port.isdigit() else -1}


def _site_for(hostname, port):
    """Wagtail's `get_site_for_hostname`, or None where it finds no site."""
    sites = _SITES(hostname=hostname, port=port)
    if not sites:
        return None
    if len(sites) == 1 or sites[0].match in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return sites[0]
    if sites[0].match == MATCH_DEFAULT:  # the default, unless exactly one other site has the host name
        return sites[len(sites) == 2]
    return None


def _sites(hostname, port):
    match = Case(
        When(hostname=hostname, port=port, then=MATCH_HOSTNAME_PORT),
        When(hostname=hostname, is_default_site=True, then=MATCH_HOSTNAME_DEFAULT),
        When(is_default_site=True, then=MATCH_DEFAULT),
        default=MATCH_HOSTNAME,
        output_field=IntegerField(),
    )
    sites = Site.objects.annotate(match=match).filter(Q(hostname=hostname) | Q(is_default_site=True))
    return sites.order_by("match").select_related("root_page")


_SITES = PreparedQuery(_sites)


def site_root_url(request=None):
    """The site's address without a trailing slash, e.g. "https://news.example.org", from the Wagtail Site."""
    site = find_site(request)
    if site is None:
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return site.root_url if site is not None else "http://localhost"
