"""The demo's menus, one per edition: the sections and categories, About and Contact, and the social links,
whose feeds follow the site's address."""

from urllib.parse import urlsplit

from wagtail.models import Site

from nashr.editions.urls import edition_url
from nashr.navigation.models import Navigation

from .common import EDITIONS, SECTIONS

SUBSECTIONS = {
    "media": ("cartoons", "news_pictures", "galleries", "videos"),
    "publications": ("books", "newsletter", "brief", "digest"),
}


def load_navigation(loader):
    site = loader.media["site"]
    root_url = Site.objects.get(is_default_site=True).root_url
    source = None
    for lang in EDITIONS:
        # A link with a "feed" points at that feed of the menu's own edition, e.g. /fa/rss.xml.
        social = [
            ("link", {"name": s["name"], "url": s.get("url") or f"{root_url}{edition_url(lang)}{s['feed']}"})
            for s in loader.media["social"]
        ]
        existing = Navigation.objects.filter(locale=loader.locales[lang]).first()
        if existing:
            _follow_site_address(loader, existing, social)
            source = source or existing
            continue
        about, contact = loader.about[lang], loader.contact[lang]
        nav = Navigation(
            locale=loader.locales[lang],
            site_name=site["name"][lang],
            tagline=site["tagline"][lang],
            main_menu=_main_menu(loader, lang),
            footer_links=[("link", _link(about)), ("link", _link(contact))],
            social_links=social,
            copyright=site["copyright"][lang],
        )
        if source:
            nav.translation_key = source.translation_key
        nav.save()
        loader.created += 1
        source = source or nav


def _main_menu(loader, lang):
    sections = {key: loader.sections[(lang, key)] for key, _, _ in SECTIONS}
    categories = [loader.categories[(lang, c["key"])] for c in loader.taxonomy["categories"]]
    return [
        _item(loader.homes[lang]),
        _item(sections["articles"], [_link(category=c) for c in categories]),
        *[_item(sections[key], [_link(sections[k]) for k in keys]) for key, keys in SUBSECTIONS.items()],
        _item(loader.about[lang]),
        _item(loader.contact[lang]),
    ]


def _item(page, children=()):
    return ("item", {**_link(page), "children": list(children)})


def _link(page=None, category=None):
    return {"label": "", "page": page, "category": category, "url": ""}


def _follow_site_address(loader, nav, social):
    """The menu's links to its feeds at the site's current address, if they were written for another one.
    Links an editor changed to anything else are kept."""
    wanted = {value["name"]: value["url"] for _, value in social}
    feeds = {
        f"{edition_url(lang)}{s['feed']}" for lang in EDITIONS for s in loader.media["social"] if "feed" in s
    }
    changed = False
    for block in nav.social_links:
        url = block.value["url"]
        target = wanted.get(block.value["name"])
        if (
            target
            and url != target
            and urlsplit(url).path in feeds
            and urlsplit(url).path == urlsplit(target).path
        ):
            block.value["url"] = target
            changed = True
    if changed:
        nav.save()
