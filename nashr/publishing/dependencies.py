"""Which pages show a given page, and which editions a change touches.

The page cache renews whole editions (nashr/caching/store.py); the static output re-renders, first, the files
listed here, which show the changed page most directly — the post itself, its translations (their editions
menu links to it), its sections' listings, its edition's home, the posts next to it in its section (their
newer/older links), its category, tag and author pages, feeds and sitemaps — and then every other file of
the editions touched (`editions_of`), since each page there may show it in its recent or related posts.

Apps that render other views of pages (feeds, sitemaps) add theirs through two Wagtail hooks:

- ``nashr_dependent_urls``: ``fn(page) -> iterable of URL paths`` that show `page`;
- ``nashr_static_paths``: ``fn() -> iterable of URL paths`` that are not pages but belong in the
  static output (feeds, sitemaps, robots.txt).

Pages that answer more addresses than their own (a gallery's pictures at `<gallery>/<n>/`) name them
through a third, so that they are rewritten with the page, written by the static output and removed with it:

- ``nashr_own_paths``: ``fn(page) -> iterable of URL paths`` that `page` (specific or not) answers besides
  its URL, including those it answered before its last change (a picture taken out of a gallery), so
  that they are removed.

Outputs built from many pages at once (offline bundles) and channels that post pieces (Telegram) follow
changes through a fourth:

- ``nashr_changed``: ``fn(editions, paths, gone, pages)``, called when a change is acted on (after commit, in
  the process that made it, before the action returns, and before the worker is asked to render the static
  output: the mirrors' stamp that the homes carry is bumped there): `editions` the language codes touched
  (None: all), `paths` the addresses that show the change most directly, `gone` those no longer public,
  `pages` the ids of the pages published, unpublished, moved, made private or public, or deleted (with the
  posts below a page moved or made private or public).
"""

from wagtail import hooks
from wagtail.models import Page

DEPENDENT_URLS_HOOK = "nashr_dependent_urls"
STATIC_PATHS_HOOK = "nashr_static_paths"
OWN_PATHS_HOOK = "nashr_own_paths"
CHANGED_HOOK = "nashr_changed"


def dependent_urls(page):
    """URL paths (without page numbers) of the pages that show `page`, the page itself first."""
    page = page.specific
    urls = [page.url, *own_paths(page)]
    urls += [
        p.url for p in Page.objects.live().filter(translation_key=page.translation_key).exclude(pk=page.pk)
    ]
    urls += [ancestor.url for ancestor in page.get_ancestors().live() if ancestor.depth > 1]
    showing = getattr(page, "showing_urls", None)  # a post's neighbours and topic pages (core.BasePage)
    if showing is not None:
        urls += showing()
    for fn in hooks.get_hooks(DEPENDENT_URLS_HOOK):
        urls += list(fn(page))
    return list(dict.fromkeys(u for u in urls if u))


def own_paths(page):
    """The addresses `page` answers besides its own URL (see ``nashr_own_paths`` above). The hooks get the
    page as it is (specific or not): they check `page.specific_class` before reading more, so walking a
    section's descendants costs a query only for the pages that have such addresses."""
    paths = []
    for fn in hooks.get_hooks(OWN_PATHS_HOOK):
        paths += list(fn(page))
    return paths


def editions_of(page):
    """Language codes of the editions a change to `page` shows in: its own and its translations' (their
    editions menus and hreflang links name it). None when it is an edition home or above: every page of
    every edition lists the editions, so the whole site changes."""
    if page.depth <= 2:
        return None
    codes = Page.objects.filter(translation_key=page.translation_key).values_list(
        "locale__language_code", flat=True
    )
    return sorted({page.locale.language_code, *codes})


def extra_static_paths():
    """URL paths that apps other than the page tree publish (feeds, sitemaps, robots.txt)."""
    paths = []
    for fn in hooks.get_hooks(STATIC_PATHS_HOOK):
        paths += list(fn())
    return list(dict.fromkeys(paths))
