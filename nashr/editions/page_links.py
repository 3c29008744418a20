"""Links to pages in rich text, as Wagtail writes them, but with the active edition looked up once for all the
links of a text rather than once per link (`Page.localized` asks for it each time): a feed expands the links
of all its entries at once, so its queries stay the same however many links the entries hold."""

from django.utils.html import format_html
from wagtail.models import Locale
from wagtail.rich_text.pages import PageLinkHandler


def _active_locale_id():
    try:
        return Locale.get_active().id
    except (LookupError, Locale.DoesNotExist):
        return None


def _link(page):
    return format_html('<a href="{}">', page.url) if page else "<a>"


class PageLinks(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        pages = cls.get_many(attrs_list)
        active = _active_locale_id() if any(pages) else None
        return [_link(page if page is None or page.locale_id == active else page.localized) for page in pages]


def register(features):
    features.register_link_type(PageLinks)
