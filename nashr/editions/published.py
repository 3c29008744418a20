"""The editions readers can see, the site's address, and page URLs built without a query per page.

An edition is published when its home page (the root of its locale's tree) is live and public; pages of an
unpublished edition appear in no feed, sitemap or hreflang link.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from wagtail.models import Page, Site
from wagtail.query import PageQuerySet

from nashr.caching.store import per_request

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


def private_q():
    """Q for the pages readers cannot see (view restrictions and below): one query, read once a request
    however many lists ask (PublicPageQuerySet.public() uses it too)."""
    return per_request("private-q", lambda: PageQuerySet.private_q(Page.objects.all()))


class PublicPageQuerySet(PageQuerySet):
    """Wagtail's page queryset whose `public()` reads the view restrictions once a request, not once a
    list: an article shows five lists (newer, older, related, recent, its translations)."""

    def private_q(self):
        return private_q()


def published_editions(private=None):
    """{language code: PublishedEdition}, in the editions' order. One query, and one for `private_q()`
    unless given."""
    private = private_q() if private is None else private
    # The edition homes are the translations of the default site's root page (as Wagtail routes them);
    # found by translation key, which is indexed, rather than by depth, which is not.
    root_keys = Site.objects.filter(is_default_site=True).values("root_page__translation_key")
    rows = (
        Page.objects.filter(translation_key__in=root_keys, depth=2)
        .live()
        .exclude(private)
        .values("pk", "url_path", "locale_id", "locale__language_code")
    )
    by_code = {row["locale__language_code"]: row for row in rows}
    editions = {}
    for edition in all_editions():
        row = by_code.get(edition.code)
        if row is not None:
            editions[edition.code] = PublishedEdition(
                edition.code, row["locale_id"], row["pk"], row["url_path"], edition_url(edition.code)
            )
    return editions


def site_root_url(request=None):
    """The site's address without a trailing slash, e.g. "https://news.example.org", from the Wagtail Site."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return site.root_url if site is not None else "http://localhost"
