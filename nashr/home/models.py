from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from nashr.articles.models import ArticlePage
from nashr.caching.queries import PreparedQuery
from nashr.caching.together import read_together
from nashr.core.blocks.body import RICH_TEXT_FEATURES
from nashr.core.listing import Listing, paginate
from nashr.core.models import BasePage, PostPage, SectionPage
from nashr.editions.published import private_q
from nashr.home.cards import card_meta_for
from nashr.home.topics import TOPICS

# The home's lists, each one query prepared once (caching/queries.py).
_NEWEST = PreparedQuery(
    lambda edition, pk, limit, private: (
        ArticlePage.objects.for_listing(private).in_edition(edition).exclude(pk=pk)[:limit]
    )
)
# Read from the few sections, in the tree's order once read: ordered by path, SQLite walks every page in
# path order to find them (18 ms on 50,000 articles against 0.1 ms).
_SECTIONS = PreparedQuery(
    lambda path, depth, private: (
        SectionPage.objects.filter(path__startswith=path, depth=depth).live().exclude(private).order_by("pk")
    )
)


def _section_posts(path, depth, pk, shown, limit, private):
    """The newest posts below the section (Wagtail's `descendant_of`) but those `shown` already."""
    posts = PostPage.objects.filter(path__startswith=path, depth__gte=depth).exclude(pk=pk)
    posts = posts.for_listing(private)
    return (posts.exclude(pk__in=shown) if shown else posts)[:limit]


_SECTION_POSTS = PreparedQuery(_section_posts)
# A category's, tag's or author's page: the articles of the edition the topic's page lists.
_TOPIC_LISTING = Listing(
    lambda kind, topic, edition, private: TOPICS[kind].articles(
        topic, ArticlePage.objects.for_listing(private).filter(locale_id=edition)
    )
)


def _article_type_id():
    return ContentType.objects.get_for_model(ArticlePage).pk


class HomePage(RoutablePageMixin, BasePage):
    """The home of one edition. Also answers the edition's category, tag and author pages."""

    template = "pages/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["core.SectionPage", "home.StandardPage", "contact.ContactPage"]

    featured = models.ForeignKey(
        "core.PostPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("featured piece"),
        help_text=_("Shown first. Leave blank to feature the newest article."),
    )

    second_tier_size = 4  # articles under the lead

    content_panels = [*BasePage.content_panels, FieldPanel("featured")]
    # Carried over as chosen and shown in each edition's version (featured_post): translating the home page
    # with wagtail-localize must not re-translate, and so overwrite, the featured article.
    override_translatable_fields = [SynchronizedField("featured")]

    class Meta:
        verbose_name = _("edition home page")

    def featured_post(self, newest=None):
        """The chosen piece in this edition's version, else the edition's newest article (the first of
        `newest`, the edition's newest articles, when they are read already)."""
        featured = self.featured if self.featured_id else None
        if featured is not None and featured.locale_id != self.locale_id:
            featured = featured.get_translation_or_none(self.locale)
        if featured is not None and featured.live:
            return featured.specific
        if newest is not None:
            return newest[0] if newest else None
        return next(iter(self.newest(1)), None)

    def newest(self, count, leaving_out=None):
        """The edition's `count` newest articles (but the article `leaving_out`), for their cards."""
        return _NEWEST(**self._newest_values(count, leaving_out))

    def _newest_values(self, count, leaving_out=None):
        shape = {"limit": count, "private": private_q()}
        return {"edition": self.locale_id, "pk": leaving_out or 0, "shape": shape}  # no page has the id 0

    def sections(self):
        sections = _SECTIONS(**self._sections_values())
        return sorted(sections, key=lambda section: section.path)

    def _sections_values(self):
        return {"path": self.path, "depth": self.depth + 1, "shape": {"private": private_q()}}

    def second_tier(self, featured=None, newest=None):
        """The newest articles after the lead, shown under it with their pictures; taken from `newest`
        (the edition's newest articles, one more than the tier) when they are read already."""
        if newest is not None:
            others = [post for post in newest if not featured or post.pk != featured.pk]
            return others[: self.second_tier_size]
        return self.newest(self.second_tier_size, leaving_out=featured.pk if featured else None)

    def lead(self):
        """(the lead, the articles under it), from one query of the edition's newest articles, read with the
        sections the home lists next (one round trip: caching/together.py)."""
        count = self.second_tier_size + 1
        read_together(_NEWEST.ahead(**self._newest_values(count)), _SECTIONS.ahead(**self._sections_values()))
        newest = self.newest(count)
        featured = self.featured_post(newest)
        return featured, self.second_tier(featured, newest)

    def latest_by_section(self, shown=()):
        """[{"section", "posts", "strip"}]: each section's four newest posts, leaving out what the home shows
        above them; `strip` marks a section with no article (pictures, videos, books: shown as a strip)."""
        exclude = [post.pk for post in shown if post]

        def values(section):
            return {
                "path": section.path,
                "depth": section.depth,
                "pk": section.pk,
                "shown": exclude,
                "shape": {"limit": 4, "private": private_q()},
            }

        sections = self.sections()
        read_together(*(_SECTION_POSTS.ahead(**values(section)) for section in sections))  # one round trip
        latest = []
        for section in sections:
            posts = _SECTION_POSTS(**values(section))
            if posts:
                strip = not any(post.content_type_id == _article_type_id() for post in posts)
                latest.append(
                    {
                        "section": section,
                        "posts": posts,
                        "strip": strip,
                        "summaries": not strip,
                        "classname": "card--compact" if strip else "",
                    }
                )
        return latest

    def get_context(self, request, *args, **kwargs):
        """Read only when the template's kept pieces are built (`{% cached ... edition %}`): each value is
        worked out the first time the template asks for it."""
        context = super().get_context(request, *args, **kwargs)
        lead = SimpleLazyObject(self.lead)
        featured = SimpleLazyObject(lambda: lead[0])
        second = SimpleLazyObject(lambda: lead[1])
        latest = SimpleLazyObject(lambda: self.latest_by_section([featured or None, *second]))

        def shown():
            return [featured or None, *second, *(post for group in latest for post in group["posts"])]

        context.update(
            featured=featured,
            second_tier=second,
            latest_by_section=latest,
            card_meta=card_meta_for(SimpleLazyObject(shown)),  # labels and bylines: three queries
        )
        return context

    def topic_view(self, request, kind, slug):
        """A category's, tag's or author's page in this edition (articles.topics)."""
        topics = TOPICS[kind]
        topic = topics.find(self.locale_id, slug)
        if topic is None:
            raise Http404
        listed = _TOPIC_LISTING.posts(
            shape={"kind": kind, "private": private_q()}, topic=topic.pk, edition=self.locale_id
        )
        posts = paginate(request, listed)
        if topics.model is None and not posts.paginator.count:  # a tag has no page where it has no articles
            raise Http404
        context = {
            "page": self,
            "self": self,
            "request": request,
            "object": topic,
            "kind": kind,
            "posts": posts,
            "translatable": topic if topics.model is not None else None,
        }
        return TemplateResponse(request, topics.template, context)

    @path("category/<str:slug>/", name="category")
    def category_view(self, request, slug):
        return self.topic_view(request, "category", slug)

    @path("tag/<str:slug>/", name="tag")
    def tag_view(self, request, slug):
        return self.topic_view(request, "tag", slug)

    @path("author/<str:slug>/", name="author")
    def author_view(self, request, slug):
        return self.topic_view(request, "author", slug)


class StandardPage(BasePage):
    """A plain page such as About."""

    template = "pages/standard_page.html"
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
