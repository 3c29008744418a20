from django import template
from django.utils import translation

from nashr.navigation.models import Navigation

register = template.Library()


def _link(value):
    page = value.get("page")
    url = page.url if page else value.get("url")
    label = value.get("label") or (page.title if page else url)
    return {"label": label, "url": url}


@register.simple_tag(takes_context=True)
def navigation(context):
    """The current edition's menus as plain dicts: site_name, tagline, main, footer, social, copyright."""
    request = context.get("request")
    language = translation.get_language()
    cache_attr = f"_nashr_navigation_{language}"
    if request is not None and hasattr(request, cache_attr):
        return getattr(request, cache_attr)
    nav = Navigation.for_language(language)
    result = {
        "site_name": "Nashr",
        "tagline": "",
        "main": [],
        "footer": [],
        "social": [],
        "copyright": "",
    }
    if nav is not None:
        result["site_name"] = nav.site_name
        result["tagline"] = nav.tagline
        for block in nav.main_menu:
            item = _link(block.value)
            item["children"] = [_link(child) for child in block.value.get("children") or []]
            result["main"].append(item)
        result["footer"] = [_link(block.value) for block in nav.footer_links]
        result["social"] = [{"name": b.value["name"], "url": b.value["url"]} for b in nav.social_links]
        result["copyright"] = nav.copyright
    if request is not None:
        setattr(request, cache_attr, result)
    return result
