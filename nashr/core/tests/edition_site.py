"""Every page type, written natively in one edition, for the test that reads each page's interface language.

Every text the builder writes is in the edition's own language and is gathered in `written`, so the test can
tell the content apart from what the interface says around it.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Locale

from nashr.articles.models import ArticleAuthor, ArticlePage, Category
from nashr.comments.models import Comment
from nashr.contact.models import ContactPage
from nashr.core.tests.factories import ImageFactory, add_section, days_ago, publish
from nashr.home.models import StandardPage
from nashr.multimedia.models import GalleryImage, GalleryPage, ImagePostPage, VideoPage
from nashr.newsletters.models import MailingList
from nashr.people.models import Person
from nashr.publications.models import BookPage, PeriodicalIssuePage

# Neutral texts in each edition's language: a garden in spring.
WORDS = {
    "fa": {
        "title": "باغ شهر",
        "text": "درختان باغ در بهار شکوفه دادند.",
        "name": "مریم باغبان",
        "category": "طبیعت",
        "tag": "بهار",
        "section": "گزارش‌ها",
        "media": "چندرسانه‌ای",
        "publications": "انتشارات",
        "about": "دربارهٔ ما",
        "contact": "تماس",
    },
    "ar": {
        "title": "حديقة المدينة",
        "text": "أزهرت أشجار الحديقة في الربيع.",
        "name": "مريم البستاني",
        "category": "طبيعة",
        "tag": "ربيع",
        "section": "تقارير",
        "media": "وسائط",
        "publications": "منشورات",
        "about": "من نحن",
        "contact": "اتصل بنا",
    },
    "sq": {
        "title": "Kopshti i qytetit",
        "text": "Pemët e kopshtit lulëzuan në pranverë.",
        "name": "Mira Kopshtari",
        "category": "Natyra",
        "tag": "pranvera",
        "section": "Reportazhe",
        "media": "Multimedia",
        "publications": "Botime",
        "about": "Rreth nesh",
        "contact": "Kontakt",
    },
}


@dataclass
class EditionSite:
    language: str
    paths: dict = field(default_factory=dict)  # what a page is -> its address
    written: set = field(default_factory=set)  # every text the builder wrote
    article: ArticlePage = None
    comment: Comment = None
    contact: ContactPage = None


def build_edition_site(home, language):
    """Under an edition's `home`: a section of twelve articles (two pages), one full article with comments,
    media and publications sections with each kind of post, an about page and a contact page."""
    words = WORDS[language]
    site = EditionSite(language)
    site.written.update([*words.values(), home.title])
    locale = Locale.objects.get(language_code=language)
    image = _image(language, words, site)
    person = Person.objects.create(
        name=words["name"], slug=slugify(words["name"], allow_unicode=True), locale=locale
    )
    category = Category.objects.create(
        name=words["category"], slug=slugify(words["category"], allow_unicode=True), locale=locale
    )
    section = add_section(home, words["section"])
    for n in range(11):
        _article(section, site, f"{words['title']} {n}", days_ago(20 + n))
    site.article = _full_article(section, site, image, person, category)
    media = add_section(home, words["media"])
    _media(media, site, image)
    publications = add_section(home, words["publications"])
    _publications(publications, site, image)
    about = StandardPage(title=words["about"], slug="about", body=f"<p>{words['text']}</p>")
    home.add_child(instance=about)
    publish(about)
    site.contact = ContactPage(
        title=words["contact"], slug="contact", intro=words["text"], thanks=words["text"]
    )
    home.add_child(instance=site.contact)
    publish(site.contact)
    MailingList.objects.create(locale=locale, kind="newsletter", name=words["title"], slug=f"list-{language}")
    site.paths.update(
        home=home.url,
        section=section.url,
        section_page_2=f"{section.url}?page=2",
        article=site.article.url,
        article_after_comment=f"{site.article.url}?comment=received",
        category=f"{home.url}category/{category.slug}/",
        tag=f"{home.url}tag/{words['tag']}/",
        author=f"{home.url}author/{person.slug}/",
        media=media.url,
        publications=publications.url,
        about=about.url,
        contact=site.contact.url,
        contact_thanks=f"{site.contact.url}thanks/",
        search=f"/{language}/search/?q={words['title'].split()[0]}",
        search_nothing=f"/{language}/search/?q={words['tag']}{words['tag']}",
        search_empty=f"/{language}/search/",
        search_refused=f"/{language}/search/?q={words['tag']}&section=999&type=x&date_from=2025-13-45",
        reply=f"/{language}/comments/{site.article.pk}/reply/{site.comment.pk}/",
        subscribe=f"/{language}/subscriptions/",
        subscribe_sent=f"/{language}/subscriptions/sent/",
        not_found=f"/{language}/{words['tag']}-404/",
    )
    site.written.update({person.slug, category.slug})
    return site


def _image(language, words, site):
    image = ImageFactory(title=words["title"], credit="", description="", default_caption="")
    image.set_text(language, alt=words["text"], caption=words["title"], credit=words["name"])
    image.save()
    return image


def _article(section, site, title, published_at, **fields):
    site.written.add(title)
    page = ArticlePage(
        title=title, slug=slugify(title, allow_unicode=True), published_at=published_at, **fields
    )
    section.add_child(instance=page)
    return page


def _full_article(section, site, image, person, category):
    words = WORDS[site.language]
    text = words["text"]
    body = [
        ("paragraph", f"<p>{text}</p>"),
        ("image", {"image": image, "caption": "", "alt_text": ""}),
        ("quote", {"text": text, "attribution": words["name"]}),
        ("gallery", {"images": [{"image": image, "caption": words["title"], "alt_text": text}] * 3}),
    ]
    page = _article(
        section,
        site,
        words["tag"],
        days_ago(1),
        summary=text,
        lead_image=image,
        translator=person,
        body=body,
        original_title=words["title"],
        original_publication=words["name"],
        original_url="https://news.example.org/garden",
        original_language="de",
        original_published_at=dt.date(2025, 3, 21),
    )
    page.categories.set([category])
    page.tags.set([words["tag"]])
    page.article_authors.set([ArticleAuthor(person=person, sort_order=0)])
    publish(page)
    for _ in range(3):
        site.comment = Comment.objects.create(
            page=page, name=words["name"], body=text, status=Comment.Status.APPROVED
        )
    for other in section.get_children().exclude(pk=page.pk):
        publish(other.specific)
    return page


def _media(media, site, image):
    words = WORDS[site.language]
    for kind in ImagePostPage.Kind.values:
        _post(
            media,
            site,
            ImagePostPage,
            f"{words['title']} {kind}",
            kind=kind,
            lead_image=image,
            description=words["text"],
        )
    gallery = _post(media, site, GalleryPage, f"{words['title']} g", save=False)
    gallery.gallery_images = [GalleryImage(image=image, caption=words["title"]) for _ in range(3)]
    publish(gallery)
    site.paths["gallerypage"] = gallery.url
    _post(
        media,
        site,
        VideoPage,
        f"{words['title']} v",
        lead_image=image,
        external_url="https://video.example.org/garden",
        duration=dt.timedelta(minutes=3, seconds=25),
        transcript=words["text"],
    )


def _publications(publications, site, image):
    words = WORDS[site.language]
    data = b"%PDF-1.4\n" + b"0" * 150_000
    document = get_document_model().objects.create(
        title=words["title"], file=ContentFile(data, name="garden.pdf"), file_size=len(data)
    )
    _post(
        publications,
        site,
        BookPage,
        f"{words['title']} b",
        subtitle=words["text"],
        book_authors=words["name"],
        publisher=words["name"],
        year=2025,
        pages=212,
        isbn="9780000000001",
        lead_image=image,
        document=document,
        description=f"<p>{words['text']}</p>",
    )
    for kind in PeriodicalIssuePage.Periodical.values:
        _post(
            publications,
            site,
            PeriodicalIssuePage,
            f"{words['title']} {kind}",
            periodical=kind,
            number=7,
            document=document,
            lead_image=image,
            body=f"<p>{words['text']}</p>",
        )
    site.written.add("9780000000001")


def _post(parent, site, model, title, save=True, **fields):
    """A post of `model`, its address kept under the name of its kind (and periodical or picture kind)."""
    site.written.add(title)
    page = model(title=title, slug=slugify(title, allow_unicode=True), published_at=days_ago(2), **fields)
    parent.add_child(instance=page)
    kind = fields.get("kind") or fields.get("periodical") or model._meta.model_name
    site.paths[kind] = page.url
    return publish(page) if save else page
