"""What a card shows of a post besides its own fields: the label above the title (an article's first
category, else the post's section) and the byline (an article's authors).

Built for a whole listing at once, in three queries whatever the number of posts, and only when a card is
not already kept in the cache (`card_meta_for` returns a lazy mapping).
"""

from dataclasses import dataclass, field

from django.utils.functional import SimpleLazyObject
from wagtail.models import Page

from nashr.articles.models import ArticleAuthor, ArticlePage


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
    pks = [post.pk for post in posts]
    categories = {}
    links = ArticlePage.categories.through.objects.filter(articlepage_id__in=pks).select_related("category")
    for link in links.order_by("-id"):  # the first category chosen wins
        categories[link.articlepage_id] = link.category
    authors = {}
    for item in ArticleAuthor.objects.filter(page_id__in=pks).select_related("person").order_by("sort_order"):
        authors.setdefault(item.page_id, []).append(item.person)
    steplen = Page.steplen
    parent_paths = {post.path[:-steplen] for post in posts}
    sections = {
        p.path: p
        for p in Page.objects.filter(path__in=parent_paths).only("title", "url_path", "path", "depth")
    }
    meta = {}
    for post in posts:
        category = categories.get(post.pk)
        section = sections.get(post.path[:-steplen])
        if category is not None:
            label, url = category.name, category.get_absolute_url()
        elif section is not None and section.depth > 2:
            label, url = section.title, section.url
        else:
            label, url = "", ""
        meta[post.pk] = CardMeta(label, url or "", authors.get(post.pk, []))
    return meta


def card_meta_for(posts):
    """A mapping worked out the first time a card asks for it."""
    return SimpleLazyObject(lambda: card_meta(list(posts)))
