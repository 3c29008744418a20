"""Topic pages: the listings of an edition's categories, tags and authors (`/<edition>/category/<slug>/`,
`tag/<slug>/`, `author/<slug>/`).

Listed here once. The edition's home page answers them (home.HomePage), each has its feeds
(feeds.sources), the sitemaps and the static output list them, and an article names those it appears on
(ArticlePage.topic_urls). Categories and people are translatable snippets, so their pages have versions
in other editions; tags belong to one edition.
"""

from django.db.models import Q
from django.utils.functional import cached_property
from taggit.models import Tag

from nashr.articles.models import ArticlePage, Category
from nashr.caching.queries import PreparedQuery
from nashr.people.models import Person


class TopicKind:
    kind = ""  # the first part of the address
    template = "pages/taxonomy_page.html"
    model = None  # the translatable snippet behind the pages; None for tags

    def path(self, slug):
        """The topic page's path under its edition."""
        return f"{self.kind}/{slug}/"

    def find(self, locale_id, slug):
        """The category, tag or person of the page `slug` in the edition of `locale_id`, or None."""
        found = self._find(locale_id=locale_id, slug=slug)
        return found[0] if found else None

    @cached_property
    def _find(self):
        model = self.model
        return PreparedQuery(lambda locale_id, slug: model.objects.filter(locale_id=locale_id, slug=slug)[:1])

    def articles(self, topic, articles):
        """Those of `articles` (a queryset of one edition's) that the page of `topic` lists."""
        raise NotImplementedError

    def slugs(self, locale_id, articles):
        """The slugs of the edition's pages of this kind; `articles`: the edition's live public ones."""
        return self.model.objects.filter(locale_id=locale_id).order_by("slug").values_list("slug", flat=True)

    def description(self, topic):
        return ""


class CategoryPages(TopicKind):
    kind = "category"
    model = Category

    def articles(self, topic, articles):
        return articles.filter(categories=topic)

    def description(self, topic):
        return topic.description


class TagPages(TopicKind):
    """A tag's page lists the edition's articles with the tag; there is none where it has none."""

    kind = "tag"

    def find(self, locale_id, slug):
        found = _TAG(slug=slug)
        return found[0] if found else None

    def articles(self, topic, articles):
        return articles.filter(tagged_items__tag=topic)

    def slugs(self, locale_id, articles):
        tags = Tag.objects.filter(articles_articletag_items__content_object__in=articles)
        return tags.distinct().order_by("slug").values_list("slug", flat=True)


class AuthorPages(TopicKind):
    """A person's page lists the articles they wrote or translated."""

    kind = "author"
    template = "pages/author_page.html"
    model = Person

    def articles(self, topic, articles):
        theirs = ArticlePage.objects.filter(Q(article_authors__person=topic) | Q(translator=topic))
        return articles.filter(pk__in=theirs.values("pk"))

    def description(self, topic):
        return topic.bio


_TAG = PreparedQuery(lambda slug: Tag.objects.filter(slug=slug).order_by("pk")[:1])
TOPICS = {kind.kind: kind for kind in (CategoryPages(), AuthorPages(), TagPages())}


def topic_paths(locale_id, articles):
    """Paths under the edition of its topic pages; `articles`: the edition's live public articles."""
    return [kind.path(slug) for kind in TOPICS.values() for slug in kind.slugs(locale_id, articles)]
