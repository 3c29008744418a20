"""A site with every kind of post for the read API's tests."""

import datetime as dt
from types import SimpleNamespace

from django.utils.text import slugify
from wagtail.models import Locale, PageViewRestriction

from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.comments.models import Comment
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, days_ago, publish, translate
from nashr.multimedia.models import GalleryImage, GalleryPage, ImagePostPage, VideoPage
from nashr.publications.models import BookPage
from nashr.publications.tests.factories import add_issue


def add_post(section, page, days):
    page.slug = page.slug or slugify(page.title)
    page.published_at = days_ago(days)
    section.add_child(instance=page)
    return publish(page)


def api_site():
    """Four editions; in English an article of every sort (signed, categorised, tagged, translated from
    elsewhere, with comments; a draft; a private one), a post of every other kind, and the Farsi
    translation of the signed article. Returns a namespace of what the tests name."""
    homes = build_editions()
    en, fa = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="fa")
    site = SimpleNamespace(homes=homes)
    site.articles = add_section(homes["en"], "Articles")
    site.media = add_section(homes["en"], "Media")
    site.publications = add_section(homes["en"], "Publications")
    site.picture = ImageFactory(
        title="Lighthouse at dusk", default_caption="The old lighthouse", credit="Photo: R."
    )
    site.category = CategoryFactory(slug="culture", name="Culture", locale=en)
    site.author = PersonFactory(slug="lena", name="Lena Park", locale=en)
    site.translator = PersonFactory(slug="omid", name="Omid Rahimi", locale=en)
    site.article = make_article(
        site.articles,
        "Book fair opens",
        categories=[site.category],
        tags=["books"],
        authors=[site.author],
        published_at=days_ago(1),
        summary="Stalls line the square.",
        lead_image=site.picture,
        lead_caption="Stalls at the fair",
        body=[("paragraph", '<p>Readers came early. <a href="https://example.org/fair">Map</a></p>')],
        translator=site.translator,
        original_title="Ouverture de la foire",
        original_publication="Le Journal du Livre",
        original_url="https://example.org/foire",
        original_language="fr",
        original_published_at=dt.date(2026, 11, 28),
    )
    site.older = make_article(site.articles, "Rain in the hills", published_at=days_ago(20), tags=["weather"])
    site.draft = make_article(site.articles, "Unfinished draft", live=False)
    site.private = make_article(site.articles, "Members only", published_at=days_ago(2))
    PageViewRestriction.objects.create(
        page=site.private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    fa_category = site.category.copy_for_translation(fa)
    fa_category.name = "فرهنگ"
    fa_category.save()
    site.fa_articles = translate(site.articles, "fa", title="مقاله‌ها")
    site.farsi = translate(site.article, "fa", title="نمایشگاه کتاب گشایش یافت", summary="غرفه‌ها در میدان.")
    site.farsi.categories.set([fa_category])
    site.farsi.save()
    approved, pending = Comment.Status.APPROVED, Comment.Status.PENDING
    for name, status in (("Ana", approved), ("Ben", approved), ("Cy", pending)):
        Comment.objects.create(
            page=site.article, name=name, email=f"{name}@example.org", body="Nice.", status=status
        )
    _media_and_publications(site)
    return site


def _media_and_publications(site):
    kinds = ImagePostPage.Kind
    site.cartoon = add_post(
        site.media, ImagePostPage(title="Queue", kind=kinds.CARTOON, description="A line."), 3
    )
    site.news_picture = add_post(
        site.media,
        ImagePostPage(
            title="Flood", kind=kinds.NEWS_PICTURE, lead_image=site.picture, description="Water.\n\nMore."
        ),
        4,
    )
    gallery = GalleryPage(title="Harbour in pictures")
    gallery.gallery_images = [GalleryImage(image=ImageFactory(title="Boats"), caption="Boats at rest")]
    site.gallery = add_post(site.media, gallery, 5)
    video = VideoPage(
        title="Night market", external_url="https://video.example.org/v/1", transcript="Voices."
    )
    video.duration = dt.timedelta(minutes=3, seconds=20)
    site.video = add_post(site.media, video, 6)
    site.book = add_post(
        site.publications,
        BookPage(
            title="Tides",
            subtitle="A coastal year",
            publisher="Shore Press",
            year=2025,
            description="<p>Sea.</p>",
        ),
        7,
    )
    site.newsletter = add_issue(
        site.publications, "Newsletter 4", 4, periodical="newsletter", body="<p>Hello.</p>"
    )
    site.brief = add_issue(site.publications, "Brief 9", 9, periodical="brief")
    site.digest = add_issue(site.publications, "Digest 12", 12, periodical="digest")
