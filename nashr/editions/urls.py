import functools
import re
from urllib.parse import quote

from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS


def edition_url(language_code, path=""):
    """URL of `path` under an edition's home page, e.g. ("fa", "tag/باران/") -> "/fa/tag/باران/".

    Each edition's HomePage is the root of its locale's tree, so no query is needed. The address is the one
    Django reverses for Wagtail's page view with the edition's language active (i18n_patterns with
    prefix_default_language, nashr/urls.py): the script prefix, the language code, the quoted path. It is
    written here rather than reversed because activating a language loads its whole translation catalog,
    every installed app's (0.4-0.9 MB each for Farsi, Arabic and Albanian), which an English page linking to
    the other editions does not need. test_page_url compares the two for every edition and many paths.
    """
    quoted = _quoted_page_path(path)
    if quoted is None:  # not a page's path: Django says why (NoReverseMatch)
        with translation.override(language_code):
            return reverse("wagtail_serve", args=[path])
    return f"{get_script_prefix()}{language_code}/{quoted}"


@functools.lru_cache(maxsize=512)
def _quoted_page_path(path):
    """`path` quoted as reverse() quotes it, or None where it is not a page's path: a function of the text
    alone, kept for the paths most linked (every page links its edition's menus, sections and categories).
    A Farsi path quoted is about 470 bytes kept: 512 of them 0.24 MB of a worker, 8,192 of them 3.9 MB."""
    if _serve_pattern().match(path) is None:
        return None
    return quote(path, safe=RFC3986_SUBDELIMS + "/~:@")


def page_url(locale_id, url_path):
    """A page's URL from its tree path, as Wagtail's `page.url` gives it for a page under an edition's home
    ("/home-1/articles/rain/" in Farsi -> "/fa/articles/rain/"), without reading the site's root paths from
    the cache (Wagtail reads them on every `page.url` asked without a request: dozens of times a page)."""
    from .editions import language_code_of  # not at import: settings load that module

    rest = url_path.split("/", 2)[2] if url_path.count("/") > 1 else ""
    return edition_url(language_code_of(locale_id), rest)


@functools.cache
def _serve_pattern():
    """Wagtail's page URL pattern, compiled once (not at import: wagtail.urls needs the models loaded)."""
    from wagtail.urls import serve_pattern

    return re.compile(serve_pattern)


def host_relative(url, root_url):
    """`url` without the site's own address when it points there ("https://news.example.org/fa/rss.xml" ->
    "/fa/rss.xml"), so the same page serves from a mirror's host, an onion address or a folder; any other
    URL as it is. `root_url` is the site's address, e.g. from `published.site_root_url()`."""
    root = (root_url or "").rstrip("/")
    if not url or not root or not url.startswith(root):
        return url
    rest = url[len(root) :]
    if rest == "" or rest[0] in "?#":
        return "/" + rest
    return rest if rest.startswith("/") and not rest.startswith("//") else url
