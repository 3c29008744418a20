"""The demo's editions and the tree every piece hangs in: the four locales and home pages, the site and its
address, categories and people (with their portraits), the sections, About and Contact."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from nashr.articles.models import Category
from nashr.contact.models import ContactPage
from nashr.core.models import SectionPage
from nashr.home.models import HomePage, StandardPage
from nashr.people.models import Person

from . import art
from .common import EDITIONS, SECTIONS, publish
from .translations import draft_of, localize


def load_editions(loader):
    """Every edition's locale and home page; the site, at the address `make run` serves."""
    for lang in EDITIONS:
        loader.locales[lang], _ = Locale.objects.get_or_create(language_code=lang)
    # Taken before the placeholder page goes (and its site with it): saved again below, it keeps its id.
    site = Site.objects.filter(is_default_site=True).first()
    site_text = loader.media["site"]
    home = HomePage.objects.filter(locale=loader.locales["en"], depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        # Replace Wagtail's placeholder welcome page with the English edition's home.
        for placeholder in root.get_children().exclude(content_type__model="homepage"):
            placeholder.delete()
        home = HomePage(
            title=site_text["name"]["en"],
            slug="home",
            summary=site_text["home_intro"]["en"],
            locale=loader.locales["en"],
        )
        root.add_child(instance=home)
        publish(home)
        loader.created += 1
    _site_at_its_address(loader, site, home, site_text["name"]["en"])
    loader.homes["en"] = home
    for lang in EDITIONS[1:]:
        loader.homes[lang] = loader.translation(
            home, lang, title=site_text["name"][lang], summary=site_text["home_intro"][lang]
        )


def _site_at_its_address(loader, site, home, name):
    """The site's address is where `make run` serves it (WAGTAILADMIN_BASE_URL, which `make run` takes from
    HOST and PORT unless it is set), so the absolute links in feeds, sitemaps, share links and canonical URLs
    work in the demo. Every run sets it again: the next `make run` may serve on another port."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname = address.hostname or "localhost"
    port = address.port or (443 if address.scheme == "https" else 80)
    if site is None:
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name=name
        )
    elif site.root_page_id != home.pk or (site.hostname, site.port) != (hostname, port):
        if site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = name
        elif site.hostname != hostname or site.port != port:
            loader.log(
                f"The demo site's address is now {hostname}:{port} (it was {site.hostname}:{site.port})."
            )
        site.hostname, site.port = hostname, port
        site.save()  # renews every edition in the page cache (publishing/signals.py)


def load_snippets(loader):
    """Categories and people in every edition, the others translations of the English ones; portraits."""
    for item in loader.taxonomy["categories"]:
        texts = {
            lang: {"name": item[lang]["name"], "description": item[lang]["description"]} for lang in EDITIONS
        }
        _translated_snippets(loader, Category, item["key"], texts, loader.categories)
    for item in loader.taxonomy["people"]:
        texts = {lang: {"name": item["name"][lang], "bio": item["bio"][lang]} for lang in EDITIONS}
        _translated_snippets(loader, Person, item["key"], texts, loader.people)
    art.people_portraits(loader, loader.taxonomy["people"], EDITIONS)


def _translated_snippets(loader, model, slug, texts, found):
    """The snippet `slug` of `model` in every edition with its `texts` ({lang: fields}), kept in `found`."""
    source = None
    for lang in EDITIONS:
        snippet = model.objects.filter(locale=loader.locales[lang], slug=slug).first()
        if snippet is None:
            fields = texts[lang]
            if source:
                snippet = localize(source, loader.locales[lang], draft_of(source, **fields))
            else:
                snippet = model.objects.create(locale=loader.locales[lang], slug=slug, **fields)
            loader.created += 1
        source = source or snippet
        found[(lang, slug)] = snippet


def load_structure(loader):
    """The sections (content/media_and_pages.json, digests.json), About and Contact in every edition."""
    texts = {**loader.media["sections"], "digest": loader.digests["section"]}
    for key, slug, parent_key in SECTIONS:
        text = texts[key]
        parent = loader.homes["en"] if parent_key is None else loader.sections[("en", parent_key)]
        source = loader.child(parent, SectionPage, slug, title=text["title"]["en"], intro=text["intro"]["en"])
        loader.sections[("en", key)] = source
        for lang in EDITIONS[1:]:
            loader.sections[(lang, key)] = loader.translation(
                source, lang, title=text["title"][lang], intro=text["intro"][lang]
            )
    about, contact = loader.media["about"], loader.media["contact"]
    for lang in EDITIONS:
        body = "".join(f"<p>{paragraph[lang]}</p>" for paragraph in about["body"])
        fields = {"title": about["title"][lang], "body": body}
        loader.about[lang] = _page(loader, loader.about, StandardPage, "about", lang, fields)
        fields = {name: contact[name][lang] for name in ("title", "intro", "thanks")}
        loader.contact[lang] = _page(loader, loader.contact, ContactPage, "contact", lang, fields)


def _page(loader, found, model, slug, lang, fields):
    """A page below the home: the English one, or the translation into `lang` of the English one `found`."""
    if lang == "en":
        return loader.child(loader.homes["en"], model, slug, **fields)
    return loader.translation(found["en"], lang, **fields)
