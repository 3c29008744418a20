"""What a card shows of a post besides its own fields: the label above the title (an article's first
category, else the post's section) and the byline (an article's authors).

Built for a whole listing at once, in three queries whatever the number of posts (two when every post has
a category), and only when a card is not already kept in the cache (`card_meta_for` returns a lazy
mapping). The listing's pictures then read
their renditions together too (images.renditions.share_renditions: one query, when the first is drawn).
"""

from dataclasses import dataclass, field

from django.utils.functional import SimpleLazyObject
from wagtail.models import Page

from nashr.articles import relations
from nashr.articles.models import ArticlePage
from nashr.caching.queries import PreparedQuery
from nashr.caching.together import read_together
from nashr.core.models import PostPage
from nashr.editions.urls import page_url
from nashr.images.models import NashrImage
from nashr.images.renditions import share_renditions

LEAD_IMAGE = PostPage._meta.get_field("lead_image")


@dataclass(frozen=True)
class CardMeta:
    label: str = ""
    label_url: str = ""
    authors: list = field(default_factory=list)


def card_meta(posts):
    """{post pk: CardMeta} for `posts` (PostPages, specific or not)."""
    posts = [post for post in posts if post is not None]
    if not posts:
        return {}
    pks = sorted({post.pk for post in posts})
    read_together(_CATEGORY_LINKS.ahead(pks=pks), relations.authors_read(pks))  # one round trip
    categories = {}
    for link in _CATEGORY_LINKS(pks=pks):  # the first category chosen wins
        categories[link.articlepage_id] = link.category
    authors = relations.authors_of(pks)
    steplen = Page.steplen
    # A post's section labels its card only where it has no category (every article of "you may also like").
    unlabelled = {post.path[:-steplen] for post in posts if post.pk not in categories}
    sections = {p.path: p for p in _SECTIONS(paths=sorted(unlabelled))} if unlabelled else {}
    meta = {}
    for post in posts:
        category = categories.get(post.pk)
        section = sections.get(post.path[:-steplen])
        if category is not None:
            label, url = category.name, category.get_absolute_url()
        elif section is not None and section.depth > 2:
            label, url = section.title, page_url(section.locale_id, section.url_path)
        else:
            label, url = "", ""
        meta[post.pk] = CardMeta(label, url or "", authors.get(post.pk, []))
    share_renditions(lead_images(posts))
    return meta


# Each card's meta in three queries, whatever the number of cards (prepared: caching/queries.py; the
# authors' is articles.relations.authors_of).
_CATEGORY_LINKS = PreparedQuery(
    lambda pks: (
        ArticlePage.categories.through.objects.filter(articlepage_id__in=pks)
        .select_related("category")
        .order_by("-id")
    )
)
_SECTIONS = PreparedQuery(
    lambda paths: Page.objects.filter(path__in=paths).only("title", "url_path", "path", "depth", "locale")
)


def lead_images(posts):
    """The posts' lead images; those not read with their post are read together (one query)."""
    unread = [post for post in posts if post.lead_image_id and not LEAD_IMAGE.is_cached(post)]
    if unread:
        images = NashrImage.objects.in_bulk({post.lead_image_id for post in unread})
        for post in unread:
            if post.lead_image_id in images:
                post.lead_image = images[post.lead_image_id]
    return [post.lead_image for post in posts if post.lead_image_id and LEAD_IMAGE.is_cached(post)]


def card_meta_for(posts):
    """A mapping worked out the first time a card asks for it."""
    return SimpleLazyObject(lambda: card_meta(list(posts)))
