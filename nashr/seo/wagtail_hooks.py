"""Sitemaps and robots.txt in the dependency map and in the static output."""

from wagtail import hooks

from nashr.publishing.dependencies import DEPENDENT_URLS_HOOK, STATIC_PATHS_HOOK

from .sitemaps import sitemap_files


@hooks.register(DEPENDENT_URLS_HOOK)
def sitemaps_showing(page):
    """Every sitemap: a page is listed in its edition's and named in its translations' hreflang links."""
    return ["/sitemap.xml", *(f"/{name}" for name, _ in sitemap_files())]


@hooks.register(STATIC_PATHS_HOOK)
def seo_paths():
    return ["/robots.txt", "/sitemap.xml", *(f"/{name}" for name, _ in sitemap_files())]
