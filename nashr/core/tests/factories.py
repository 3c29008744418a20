"""A small four-edition site for tests: locales, one HomePage per edition, sections, categories, people."""

import datetime as dt

import factory
import wagtail_factories
from django.core.cache import cache
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from nashr.core.models import SectionPage
from nashr.home.models import HomePage

EDITIONS = ["en", "fa", "ar", "sq"]


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Picture {n}")
    credit = "Photo: Test"
    file = factory.django.ImageField(width=640, height=360, color="teal")


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")

    class Meta:
        model = SectionPage


def days_ago(days):
    return timezone.now() - dt.timedelta(days=days)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, language, **fields):
    """A published translation of `page` in `language`, sharing its translation key."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=language)).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return publish(copy)


def build_editions():
    """Four edition homes, English as the site root; returns {language: HomePage}.

    The cache is emptied too: what it keeps of a site (menus, recent posts) outlives a test's database.
    """
    cache.clear()
    for language in EDITIONS:
        Locale.objects.get_or_create(language_code=language)
    # After a TransactionTestCase (a worker process test) has emptied the tables, not even Wagtail's root
    # page is left.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code=EDITIONS[0]))
    )
    for placeholder in root.get_children():
        placeholder.delete()
    home = HomePage(title="Nashr", slug="home", locale=Locale.objects.get(language_code="en"))
    root.add_child(instance=home)
    publish(home)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Nashr"
    )
    homes = {"en": home}
    for language in EDITIONS[1:]:
        homes[language] = translate(home, language, title=f"Nashr {language}")
    return homes


def add_section(parent, title, slug=None):
    section = SectionPage(title=title, slug=slug or slugify(title, allow_unicode=True))
    parent.add_child(instance=section)
    return publish(section)
