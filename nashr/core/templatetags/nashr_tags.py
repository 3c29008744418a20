from html import escape as html_escape
from urllib.parse import quote_plus

from django import template
from django.utils import translation
from django.utils.translation import get_language_info, gettext_lazy, pgettext_lazy
from markupsafe import Markup

from nashr.editions import catalogs
from nashr.editions import urls as edition_urls
from nashr.editions.cldr import format_list
from nashr.editions.editions import get_edition
from nashr.editions.published import site_root_url
from nashr.editions.switcher import edition_links

register = template.Library()

# The networks by the names readers know them by in each edition (translators give local names, e.g.
# "تلگرام"); what is not translated yet shows the brand's own name. Only services that are open to all and
# take a plain address: no closed ones (Skype closed in 2025), nothing that needs a script.
SHARE_TARGETS = {
    "telegram": (
        pgettext_lazy("social network", "Telegram"),
        "https://t.me/share/url?{}",
        lambda u, t: {"url": u, "text": t},
    ),
    "whatsapp": (
        pgettext_lazy("social network", "WhatsApp"),
        "https://wa.me/?{}",
        lambda u, t: {"text": f"{t} {u}"},
    ),
    "facebook": (
        pgettext_lazy("social network", "Facebook"),
        "https://www.facebook.com/sharer/sharer.php?{}",
        lambda u, t: {"u": u},
    ),
    "x": (
        pgettext_lazy("social network", "X"),
        "https://x.com/intent/post?{}",
        lambda u, t: {"url": u, "text": t},
    ),
    "bluesky": (
        pgettext_lazy("social network", "Bluesky"),
        "https://bsky.app/intent/compose?{}",
        lambda u, t: {"text": f"{t} {u}"},
    ),
    "email": (gettext_lazy("E-mail"), "mailto:?{}", lambda u, t: {"subject": t, "body": u}),
}
# The networks each edition's readers use, most used first; five fit one row on a phone.
SHARE_ORDER = {
    "fa": ("telegram", "whatsapp", "x", "facebook", "email"),
    "ar": ("whatsapp", "telegram", "facebook", "x", "email"),
    "sq": ("facebook", "whatsapp", "x", "telegram", "email"),
}
SHARE_ORDER_DEFAULT = ("facebook", "whatsapp", "x", "bluesky", "email")


@register.simple_tag(takes_context=True)
def share_links(context, page):
    """Plain share URLs: no script, no widget, nothing loads from the networks until a reader clicks."""
    # The page's canonical address (seo/metadata.py): the site's root and the edition's path of the page,
    # without Wagtail's site root paths (a cache read and a reverse(), about 0.15 ms an article).
    url = site_root_url(context["request"]) + edition_urls.page_url(page.locale_id, page.url_path)
    return links_to_share(url, page.title)


def links_to_share(url, title):
    """[{key, name, url}] of the current edition's networks, in its readers' order, sharing `url`."""
    links = []
    for key in SHARE_ORDER.get(translation.get_language(), SHARE_ORDER_DEFAULT):
        name, pattern, params = SHARE_TARGETS[key]
        # Django's urlencode of plain text fields, without its checks for lists, bytes and None.
        query = "&".join(f"{field}={quote_plus(value)}" for field, value in params(url, title).items())
        if key == "email":
            query = query.replace("+", "%20")
        links.append({"key": key, "name": catalogs.text(name), "url": pattern.format(query)})
    return links


@register.simple_tag(takes_context=True)
def editions_menu(context):
    """Links to the other editions for the page being shown (see editions.switcher.edition_links)."""
    obj = context.get("translatable", context.get("page"))
    return edition_links(obj)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL with ?page= set to `number` (1 drops the parameter)."""
    request = context["request"]
    params = request.GET.copy()
    params.pop("page", None)
    if number and int(number) > 1:
        params["page"] = number
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


@register.filter
def page_href(page):
    """A page's address from its tree path under its edition's home (editions.urls.page_url), for readers'
    templates: Wagtail's `{% pageurl %}` reads the site's root paths and reverses on every call (about
    0.1 ms a link, 28 links on a home page)."""
    return edition_urls.page_url(page.locale_id, page.url_path)


@register.filter
def edition_digits(value):
    """Digits as the current edition writes them (Persian digits in the Farsi edition)."""
    return get_edition(translation.get_language()).digits(value)


@register.filter
def edition_number(value):
    """A number with a decimal part, e.g. a file size, in the current edition's digits and decimal sign."""
    return get_edition(translation.get_language()).number(value)


@register.filter
def edition_filesize(value):
    """A file size in bytes with its unit, in the current edition's words and digits (Edition.file_size)."""
    return get_edition(translation.get_language()).file_size(value)


@register.filter
def edition_date(value, form="long"):
    """A date as the current edition writes it (Edition.format_date); `|edition_date:"short"` for the short
    form. Keep `datetime="{{ value|date:'c' }}"` beside it for machines."""
    if not value:
        return ""
    return get_edition(translation.get_language()).format_date(value, long=form != "short")


def _bdi(name):
    return f"<bdi>{html_escape(name)}</bdi>"


@register.simple_tag
def people_names(people, link=False):
    """The people's names as the current edition writes a list ("A, B, and C"; Farsi "A، B، و C"), each in
    a <bdi> (a name in another script keeps its own direction); with `link`, each to their page."""
    # format_html's text (Django's escape is the standard library's) in a third of its time.
    if link:
        pattern = '<a href="{}" rel="author">{}</a>'
        items = [Markup(pattern.format(html_escape(p.get_absolute_url()), _bdi(p.name))) for p in people]
    else:
        items = [Markup(_bdi(person.name)) for person in people]
    return format_list(items, translation.get_language())


@register.filter
def image_text(image):
    """What readers of the current edition read of an image: its alt text, caption and credit
    (NashrImage.text_in; carried on the image's own row, so no query)."""
    return image.text_in(translation.get_language())


@register.simple_tag(takes_context=True)
def picture_alt(context, image):
    """A picture's alt text: the template's `alt` when it sets one ("" for a decorative picture), else the
    image's alt text in the current edition (empty where it has none, never another language's)."""
    alt = context.get("alt")
    if alt is not None:
        return alt
    return image.text_in(translation.get_language()).alt


@register.simple_tag
def language_name(code):
    """The name of a language in the reader's edition, e.g. "de" -> "آلمانی" in Farsi; the code if unknown."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code
