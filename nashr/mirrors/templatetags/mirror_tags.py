from django import template
from django.utils.translation import get_language

from nashr.editions.editions import language_code_of

from ..announce import mirror_links, onion_base
from ..health import edition_stamp

register = template.Library()


def mirror_head(context):
    """The onion alternate of this page, and on an edition home the stamp mirrors are checked by: the values
    of the readers' components/mirror_head.html (a Jinja2 template: nashr/templating.py renders it)."""
    request = context.get("request")
    page = context.get("page")
    onion = onion_base()
    is_home = page is not None and getattr(page, "depth", None) == 2 and request is not None
    is_home = is_home and request.path == page.get_url(request=request)
    return {
        "onion_url": onion + request.get_full_path() if onion and request is not None else "",
        "stamp": edition_stamp(language_code_of(page.locale_id)) if is_home else "",
    }


@register.simple_tag
def healthy_mirrors(code=None):
    """The healthy mirrors of an edition (the current language's by default), for footers and mail."""
    return mirror_links(code or get_language())
