from django import template
from django.utils import translation
from wagtail.models import Page

from nashr.navigation.models import Navigation

register = template.Library()


def _values(raw_items):
    """Block values from a stream's or list block's raw data (list items may be wrapped with an id)."""
    for item in raw_items or []:
        yield item["value"] if isinstance(item, dict) and "type" in item and "value" in item else item


def menus(nav):
    """The navigation as plain dicts, with every chosen page fetched in one query."""
    main = list(_values(nav.main_menu.raw_data))
    footer = list(_values(nav.footer_links.raw_data))
    ids = {v.get("page") for v in main + footer if v.get("page")}
    ids |= {c.get("page") for v in main for c in _values(v.get("children")) if c.get("page")}
    pages = {p.pk: p for p in Page.objects.live().filter(pk__in=ids)}

    def link(value):
        page = pages.get(value.get("page"))
        url = page.url if page else value.get("url")
        return {"label": value.get("label") or (page.title if page else url), "url": url}

    def usable(value):
        return value.get("page") in pages or value.get("url")

    return {
        "site_name": nav.site_name,
        "tagline": nav.tagline,
        "main": [
            {**link(v), "children": [link(c) for c in _values(v.get("children")) if usable(c)]}
            for v in main
            if usable(v)
        ],
        "footer": [link(v) for v in footer if usable(v)],
        "social": [{"name": v["name"], "url": v["url"]} for v in _values(nav.social_links.raw_data)],
        "copyright": nav.copyright,
    }


@register.simple_tag(takes_context=True)
def navigation(context):
    """The current edition's menus: site_name, tagline, main (with children), footer, social, copyright."""
    request = context.get("request")
    language = translation.get_language()
    cache_attr = f"_nashr_navigation_{language}"
    if request is not None and hasattr(request, cache_attr):
        return getattr(request, cache_attr)
    nav = Navigation.for_language(language)
    result = (
        menus(nav)
        if nav
        else {"site_name": "Nashr", "tagline": "", "main": [], "footer": [], "social": [], "copyright": ""}
    )
    if request is not None:
        setattr(request, cache_attr, result)
    return result


@register.simple_tag(takes_context=True)
def section_links(context, page):
    """The sub-menu under `page` in the edition's main menu (e.g. the categories under Articles), if any."""
    url = page.url
    for item in navigation(context)["main"]:
        if item["url"] == url:
            return item["children"]
    return []
