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


def add_page(parent, page):
    parent.add_child(instance=page)
    return publish(page)


def every_page_type_site():
    """Every page type in the four editions (English first, translated): ({language: home},
    {(language, kind): page}) with kinds home, section, article, gallery, video, cartoon, book, issue,
    about, contact. The article has a category, an author, a tag and a lead image."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
    from nashr.contact.models import ContactPage
    from nashr.home.models import StandardPage
    from nashr.multimedia.models import GalleryImage, GalleryPage, ImagePostPage, VideoPage
    from nashr.publications.models import BookPage, PeriodicalIssuePage

    homes = build_editions()
    home = homes["en"]
    image = ImageFactory()
    pdf = get_document_model().objects.create(
        title="Issue", file=ContentFile(b"%PDF-1.4 test", name="issue.pdf")
    )
    articles = add_section(home, "Articles")
    media = add_section(home, "Media")
    publications = add_section(home, "Publications")
    gallery = GalleryPage(title="Harbour in pictures", slug="harbour", lead_image=image)
    gallery.gallery_images = [GalleryImage(image=image, caption="The pier")]
    sources = {
        "home": home,
        "section": articles,
        "article": make_article(
            articles,
            "A book fair",
            categories=[CategoryFactory()],
            authors=[PersonFactory()],
            tags=["fair"],
            lead_image=image,
        ),
        "gallery": add_page(media, gallery),
        "video": add_page(
            media,
            VideoPage(
                title="Marathon",
                slug="marathon",
                lead_image=image,
                external_url="https://video.example.org/w/1",
                transcript="Runners.",
            ),
        ),
        "cartoon": add_page(media, ImagePostPage(title="Umbrellas", slug="umbrellas", lead_image=image)),
        "book": add_page(
            publications,
            BookPage(
                title="River tales",
                slug="river-tales",
                lead_image=image,
                document=pdf,
                isbn="9780000000002",
                year=2026,
                pages=184,
            ),
        ),
        "issue": add_page(
            publications,
            PeriodicalIssuePage(
                title="Newsletter 1",
                slug="newsletter-1",
                periodical="newsletter",
                number=1,
                document=pdf,
            ),
        ),
        "about": add_page(home, StandardPage(title="About", slug="about", body="<p>Who we are.</p>")),
        "contact": add_page(home, ContactPage(title="Contact", slug="contact")),
    }
    pages = {("en", k): v for k, v in sources.items()}
    # Translate parents before children so each translation lands in its edition's tree.
    for language in ["fa", "ar", "sq"]:
        for key in [
            "section",
            "article",
            "gallery",
            "video",
            "cartoon",
            "book",
            "issue",
            "about",
            "contact",
        ]:
            source = sources[key]
            parent_source = source.get_parent()
            if (
                parent_source.specific_class.__name__ == "SectionPage"
                and not parent_source.get_translation_or_none(homes[language].locale)
            ):
                translate(parent_source.specific, language)
            pages[(language, key)] = translate(source, language, title=f"{source.title} ({language})")
        pages[(language, "home")] = homes[language]
    return homes, pages
