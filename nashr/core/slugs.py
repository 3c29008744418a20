"""Slugs a page may not take because the site's own addresses claim them under its parent.

Below /<edition>/ the site's views answer before Wagtail's pages (search/, api/, offline/, subscriptions/,
mirrors/, comments/, ...: nashr/urls.py), and a routable page answers its own routes before its children
(an edition home's category/, tag/ and author/). A child page with such a slug would be published and never
be seen: the editor's form refuses it (core/page_form.py), and so does saving the page and the WordPress
import's slug chooser.
"""

import re
from functools import cache

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from wagtail.contrib.routable_page.models import RoutablePageMixin

EDITION_DEPTH = 2  # edition homes sit right below the tree's root
_LITERAL = re.compile(r"[\w.-]+")


def reserved_slugs(parent):
    """The slugs no child page of `parent` may take."""
    reserved = set(edition_addresses()) if parent.depth == EDITION_DEPTH else set()
    specific = parent.specific_class
    if specific is not None and issubclass(specific, RoutablePageMixin):
        reserved |= _first_segments(specific.get_subpage_urls())
    return reserved


@cache
def edition_addresses():
    """First segments of the addresses the site's own views answer below /<edition>/."""
    found = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern):
            found |= _first_segments(entry.url_patterns)
    return frozenset(found)


def _first_segments(patterns):
    found = set()
    for pattern in patterns:
        route = str(pattern.pattern).lstrip("^")
        if not route and isinstance(pattern, URLResolver):  # path("", include(...)): look inside
            found |= _first_segments(pattern.url_patterns)
            continue
        segment = route.split("/", 1)[0]
        if _LITERAL.fullmatch(segment):
            found.add(segment)
    return found
