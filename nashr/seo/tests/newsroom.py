"""A small published newsroom for the feed, sitemap and metadata tests.

English, Farsi and Arabic are published; the Albanian edition's home is unpublished, so nothing of it may
appear. Besides the published pieces there is a draft and an article in a password-protected section.
"""

from wagtail.models import PageViewRestriction

from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, days_ago, translate
from nashr.publications.models import BookPage, PeriodicalIssuePage


def build_newsroom(test_case):
    homes = build_editions()
    t = test_case
    t.homes = homes
    t.section = add_section(homes["en"], "Articles")
    t.fa_section = translate(t.section, "fa", title="مقاله‌ها")
    translate(t.section, "ar", title="مقالات")
    translate(t.section, "sq", title="Artikuj")
    t.category = CategoryFactory(name="Culture", slug="culture", description="Books, music and fairs.")
    t.fa_category = t.category.copy_for_translation(homes["fa"].locale)
    t.fa_category.name, t.fa_category.slug = "فرهنگ", "فرهنگ"
    t.fa_category.save()
    t.author = PersonFactory(name="Ana Writer", slug="ana")
    t.translator = PersonFactory(name="Leo Translator", slug="leo")
    t.image = ImageFactory(title="Fair hall")
    body_image = ImageFactory(title="Stand")
    t.article = make_article(
        t.section,
        "Book fair opens",
        summary="The autumn book fair opens with forty stands.",
        published_at=days_ago(1),
        categories=[t.category],
        tags=["books", "fair"],
        authors=[t.author],
        translator=t.translator,
        lead_image=t.image,
        original_title="Buchmesse eröffnet",
        original_publication="Stadtblatt",
        original_url="https://news.example.org/stadtblatt/buchmesse",
        original_language="de",
        body=[
            ("paragraph", "<p>Stands from <b>forty</b> publishers & readers.</p>"),
            ("image", {"image": body_image, "caption": "A stand", "alt_text": "Books on a table"}),
            ("quote", {"text": "Reading is a conversation.", "attribution": "A visitor"}),
        ],
    )
    t.fa_article = translate(t.article, "fa", title="نمایشگاه کتاب گشایش یافت", slug="نمایشگاه-کتاب")
    t.ar_article = translate(t.article, "ar", title="افتتاح معرض الكتاب", slug="معرض-الكتاب")
    t.sq_article = translate(t.article, "sq", title="Hapet panairi i librit", slug="panairi")
    t.old_article = make_article(t.section, "Spring rain", published_at=days_ago(30), authors=[t.author])
    t.draft = make_article(t.section, "Unfinished draft", live=False)
    members = add_section(homes["en"], "Members")
    PageViewRestriction.objects.create(page=members, restriction_type="password", password="secret")
    t.private = make_article(members, "Members only notice")
    publications = add_section(homes["en"], "Publications")
    newsletter = add_section(publications, "Newsletter")
    t.issue = PeriodicalIssuePage(
        title="Newsletter 1", slug="newsletter-1", periodical="newsletter", number=1, published_at=days_ago(3)
    )
    newsletter.add_child(instance=t.issue)
    t.issue.save_revision().publish()
    t.book = BookPage(
        title="River Tales",
        slug="river-tales",
        book_authors="Mira Stone",
        publisher="Lake Press",
        isbn="9780000000001",
        pages=120,
        year=2025,
        lead_image=ImageFactory(title="Cover"),
    )
    publications.add_child(instance=t.book)
    t.book.save_revision().publish()
    homes["sq"].unpublish()
    return homes
