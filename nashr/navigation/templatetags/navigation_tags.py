from typing import NamedTuple
from uuid import UUID

from django import template
from django.utils import translation
from wagtail.models import Page, Site

from nashr.articles.models import Category
from nashr.caching.queries import PreparedQuery
from nashr.caching.store import fragment
from nashr.caching.together import read_together
from nashr.editions.editions import language_code_of
from nashr.editions.urls import edition_url, host_relative, page_url
from nashr.navigation.models import Navigation

register = template.Library()


def _values(raw_items):
    """Block values from a stream's or list block's raw data (list items may be wrapped with an id)."""
    for item in raw_items or []:
        yield item["value"] if isinstance(item, dict) and "type" in item and "value" in item else item


def _in_edition(query, ids, locale_id):
    """{chosen id: link target in the edition `locale_id`} for chosen pages or categories of any edition
    (`query`: _PAGES or _CATEGORIES)."""
    chosen = {target.pk: target for target in query.chosen(pks=sorted(ids))}
    foreign = {target.key for target in chosen.values() if target.locale_id != locale_id}
    own = {}
    if foreign:
        own = {target.key: target for target in query.translations(keys=sorted(foreign), locale_id=locale_id)}
    result = {}
    for pk, target in chosen.items():
        found = target if target.locale_id == locale_id else own.get(target.key)
        if found is not None:
            result[pk] = found
    return result


class _Target(NamedTuple):
    """A page or category a menu links to, read as a row: only what a link needs."""

    pk: int
    label: str
    path: str  # a page's url_path, a category's slug
    locale_id: int
    key: UUID  # the translation key
    is_page: bool

    @property
    def url(self):
        if self.is_page:
            return page_url(self.locale_id, self.path)
        return edition_url(language_code_of(self.locale_id), f"category/{self.path}/")  # as Category's


class _Chosen:
    """The chosen targets of one kind, and their translations in an edition: two prepared queries of rows,
    not model instances (a menu of a dozen links made as many pages and categories)."""

    def __init__(self, objects, columns, is_page):
        self.is_page = is_page
        self._chosen = PreparedQuery(lambda pks: objects().filter(pk__in=pks).values_list(*columns))
        self._translations = PreparedQuery(
            lambda keys, locale_id: (
                objects().filter(translation_key__in=keys, locale_id=locale_id).values_list(*columns)
            )
        )

    def chosen(self, **values):
        return [_Target(*row, self.is_page) for row in self._chosen(**values)]

    def chosen_read(self, ids):
        """The read `_in_edition(self, ids, ...)` starts with, for `caching.together.read_together`."""
        return self._chosen.ahead(pks=sorted(ids)) if ids else None

    def translations(self, **values):
        return [_Target(*row, self.is_page) for row in self._translations(**values)]


_PAGES = _Chosen(Page.objects.live, ("pk", "title", "url_path", "locale_id", "translation_key"), is_page=True)
_CATEGORIES = _Chosen(Category.objects.all, ("pk", "name", "slug", "locale_id", "translation_key"), False)


def menus(nav, request=None):
    """The navigation as plain dicts; chosen pages and categories fetched at once, in the menu's edition."""
    main = list(_values(nav.main_menu.raw_data))
    footer = list(_values(nav.footer_links.raw_data))
    links = main + footer + [child for value in main for child in _values(value.get("children"))]
    page_ids = {v["page"] for v in links if v.get("page")}
    category_ids = {v["category"] for v in links if v.get("category")}
    read_together(_PAGES.chosen_read(page_ids), _CATEGORIES.chosen_read(category_ids))  # one round trip
    pages = _in_edition(_PAGES, page_ids, nav.locale_id)
    categories = _in_edition(_CATEGORIES, category_ids, nav.locale_id)

    # A link typed as a full address of this site is written host-relative, like every other internal link
    # (the site's addresses come from Wagtail's cached list of sites, read only for such a link, once a
    # request where Wagtail keeps it for `page.get_url(request)`).
    roots = []

    def own(url):
        if url and url.startswith(("http://", "https://")):
            roots or roots.extend(path.root_url for path in _site_root_paths(request))
            for root in roots:
                if host_relative(url, root) != url:
                    return host_relative(url, root)
        return url

    def link(value):
        target = pages.get(value.get("page")) or categories.get(value.get("category"))
        if target is None:
            return {
                "label": value.get("label") or value.get("url"),
                "url": own(value.get("url")),
            }
        return {"label": value.get("label") or target.label, "url": target.url}

    def usable(value):
        return value.get("page") in pages or value.get("category") in categories or value.get("url")

    return {
        "site_name": nav.site_name,
        "tagline": nav.tagline,
        "main": [
            {**link(v), "children": [link(c) for c in _values(v.get("children")) if usable(c)]}
            for v in main
            if usable(v)
        ],
        "footer": [link(v) for v in footer if usable(v)],
        "social": [{"name": v["name"], "url": own(v["url"])} for v in _values(nav.social_links.raw_data)],
        "copyright": nav.copyright,
    }


@register.simple_tag(takes_context=True)
def navigation(context):
    """The current edition's menus: site_name, tagline, main (with children), footer, social, copyright."""
    return edition_menus(translation.get_language(), context.get("request"))


def edition_menus(language, request=None):
    """The menus of the edition `language` (as `navigation` gives them), read once per request."""
    cache_attr = f"_nashr_navigation_{language}"
    if request is not None and hasattr(request, cache_attr):
        return getattr(request, cache_attr)
    # Shared by every page of the edition until anything in it changes (a page in the menu may be renamed).
    result = fragment(f"navigation:{language}", lambda: _build(language, request), edition=language)
    if request is not None:
        setattr(request, cache_attr, result)
    return result


@register.simple_tag(takes_context=True)
def current_menu_url(context, nav):
    """The request's path if a main-menu link goes there (it is marked as the current page), else "": the
    menu's HTML is then the same for every other page of the edition and is kept once for them all."""
    request = context.get("request")
    path = getattr(request, "path", "")
    for item in nav["main"]:
        if path in (item["url"], *(child["url"] for child in item["children"])):
            return path
    return ""


def _build(language, request=None):
    nav = Navigation.for_language(language)
    if nav is None:
        return {"site_name": "Nashr", "tagline": "", "main": [], "footer": [], "social": [], "copyright": ""}
    return menus(nav, request)


def _site_root_paths(request):
    """Wagtail's list of the sites' root paths, kept on the request as `Page.get_url(request)` keeps it."""
    if request is None:
        return Site.get_site_root_paths()
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    return request._wagtail_cached_site_root_paths


@register.simple_tag(takes_context=True)
def section_links(context, page):
    """The sub-menu under `page` in the edition's main menu (e.g. the categories under Articles), if any."""
    url = page.url
    for item in navigation(context)["main"]:
        if item["url"] == url:
            return item["children"]
    return []
