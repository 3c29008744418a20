"""What the read API shows of posts beyond their own rows, looked up for a whole listing at once.

Authors, categories, tags, translators, comment counts, translations and lead pictures with their
renditions each cost one query for all the posts of a response, never one per post: a listing of 50 items
costs what a listing of 5 does (nashr/api/tests/test_queries.py).
"""

from collections import defaultdict

from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from wagtail.images.models import Filter
from wagtail.models import Page

from nashr.articles.models import ArticleAuthor, ArticlePage, ArticleTag
from nashr.comments.models import Comment
from nashr.editions.published import site_root_url
from nashr.editions.urls import edition_url
from nashr.images.models import NashrImage
from nashr.images.renditions import PICTURE
from nashr.people.models import Person

# The pictures' renditions readers' pages use already (images/renditions.py): WebP and JPEG, three widths.
RENDITION_SPECS = Filter.expand_spec(PICTURE)
_FILTERS = [Filter(spec) for spec in RENDITION_SPECS]  # parsed once: Wagtail keeps each Filter's operations


def detail_url(code, endpoint, pk):
    """The host-relative address of an item of an edition's API, e.g. /fa/api/v2/pages/12/."""
    with translation.override(code):
        return reverse(f"nashr_api:{endpoint}:detail", args=[pk])


def person_data(person):
    return {"id": person.pk, "name": person.name, "slug": person.slug, "url": person.get_absolute_url()}


def renditions_of(image):
    """The picture's renditions as the API shows them, worked out once per image object: the posts of an
    answer that share a picture share its object (`images_with_renditions`)."""
    if not hasattr(image, "_nashr_api_renditions"):
        image._nashr_api_renditions = [
            {
                "url": rendition.url,
                "width": rendition.width,
                "height": rendition.height,
                "format": spec.split("|")[0].removeprefix("format-"),
            }
            for spec, rendition in image.get_renditions(*_FILTERS).items()
        ]
    return image._nashr_api_renditions


def image_data(image, caption=""):
    """A picture with its words and renditions (prefetched on `image`: see `images_with_renditions`)."""
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.default_alt_text,
        "caption": caption or image.default_caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "renditions": renditions_of(image),
    }


def images_with_renditions(ids):
    """{id: NashrImage} with the API's renditions prefetched: two queries however many."""
    if not ids:
        return {}
    images = NashrImage.objects.filter(pk__in=set(ids)).prefetch_renditions(*RENDITION_SPECS)
    return {image.pk: image for image in images}


class Extras:
    """Everything a response shows of its posts' related rows, keyed by page id.

    `pages` are specific post pages of one edition (`edition`: a PublishedEdition); `editions` the published
    editions (their translations link only to those); `private` the Q of the pages readers cannot see."""

    def __init__(self, pages, edition, editions, private, request=None):
        self.edition, self.editions, self.private = edition, editions, private
        self.root = site_root_url(request)
        ids = [page.pk for page in pages]
        articles = [page for page in pages if isinstance(page, ArticlePage)]
        self.images = images_with_renditions([page.lead_image_id for page in pages if page.lead_image_id])
        self.authors, self.categories, self.tags = self._article_relations([page.pk for page in articles])
        translator_ids = {page.translator_id for page in articles if page.translator_id}
        self.people = (
            {p.pk: p for p in Person.objects.filter(pk__in=translator_ids)} if translator_ids else {}
        )
        counts = Comment.objects.approved().filter(page_id__in=ids).values("page_id").annotate(n=Count("pk"))
        self.comment_counts = {row["page_id"]: row["n"] for row in counts} if ids else {}
        self.translations = self._translations(pages)

    def _article_relations(self, ids):
        authors, categories, tags = defaultdict(list), defaultdict(list), defaultdict(list)
        if not ids:
            return authors, categories, tags
        links = ArticleAuthor.objects.filter(page_id__in=ids).select_related("person")
        for link in links.order_by("page_id", "sort_order"):
            authors[link.page_id].append(person_data(link.person))
        through = ArticlePage.categories.through.objects.filter(articlepage_id__in=ids)
        for row in through.select_related("category").order_by("category__name"):
            category = row.category
            categories[row.articlepage_id].append(
                {
                    "id": category.pk,
                    "name": category.name,
                    "slug": category.slug,
                    "url": category.get_absolute_url(),
                }
            )
        code = self.edition.code
        for row in (
            ArticleTag.objects.filter(content_object_id__in=ids).select_related("tag").order_by("tag__name")
        ):
            tag = row.tag
            tags[row.content_object_id].append(
                {"name": tag.name, "slug": tag.slug, "url": edition_url(code, f"tag/{tag.slug}/")}
            )
        return authors, categories, tags

    def _translations(self, pages):
        """{page id: [the same piece in the other published editions]}, in the editions' order."""
        keys = {page.translation_key: page.pk for page in pages}
        if not keys:
            return {}
        by_locale = {edition.locale_id: edition for edition in self.editions.values()}
        rows = (
            Page.objects.live()
            .exclude(self.private)
            .filter(translation_key__in=keys, locale_id__in=by_locale)
            .exclude(pk__in=keys.values())
            .values("pk", "title", "translation_key", "locale_id", "url_path")
        )
        found = defaultdict(list)
        for row in rows:
            edition = by_locale[row["locale_id"]]
            found[keys[row["translation_key"]]].append(
                {
                    "edition": edition.code,
                    "id": row["pk"],
                    "title": row["title"],
                    "detail_url": detail_url(edition.code, "pages", row["pk"]),
                    "html_url": self.root + edition.page_path(row["url_path"]),
                }
            )
        order = list(self.editions)
        return {
            pk: sorted(items, key=lambda item: order.index(item["edition"])) for pk, items in found.items()
        }

    def html_url(self, page):
        """The page on the primary address, as canonical links give it."""
        return self.root + self.edition.page_path(page.url_path)

    def lead_image(self, page):
        image = self.images.get(page.lead_image_id)
        return image_data(image, page.lead_caption) if image is not None else None

    def provenance(self, page):
        if not isinstance(page, ArticlePage) or not (page.has_provenance or page.translator_id):
            return None
        translator = self.people.get(page.translator_id)
        return {
            "original_title": page.original_title,
            "original_publication": page.original_publication,
            "original_url": page.original_url,
            "original_language": page.original_language,
            "original_published_at": page.original_published_at.isoformat()
            if page.original_published_at
            else None,
            "translator": person_data(translator) if translator is not None else None,
        }
