"""Page types shared by every section: BasePage (abstract), PostPage (anything dated) and SectionPage."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageManager
from wagtail.search import index

from nashr.search.index import NormalizedIndexMixin

from .restrictions import PublicQuerySet


class BasePage(NormalizedIndexMixin, Page):
    """Fields every public page has: a summary for listings, previews and meta descriptions.

    Search indexes its text through the normalizer for its edition (nashr/search/index.py).
    """

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown in listings and previews."),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        abstract = True


class PostQuerySet(PublicQuerySet):
    def for_listing(self):
        """Live public posts, newest first, with what a card shows (renditions come from the cache)."""
        return self.live().public().select_related("lead_image", "locale").order_by("-published_at", "-pk")


class PostPage(BasePage):
    """Anything dated that appears in section listings: articles, galleries, videos, books, issues...

    Concrete so that one query can list and order every kind of post together.
    """

    published_at = models.DateTimeField(
        _("date"),
        default=timezone.now,
        db_index=True,
        help_text=_("Shown to readers; listings are ordered by it."),
    )
    lead_image = models.ForeignKey(
        "images.NashrImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    lead_caption = models.CharField(
        _("lead image caption"),
        max_length=500,
        blank=True,
        help_text=_("Leave blank to use the image's default caption."),
    )

    objects = PageManager.from_queryset(PostQuerySet)()

    lead_panels = [
        MultiFieldPanel([FieldPanel("lead_image"), FieldPanel("lead_caption")], heading=_("Lead image"))
    ]
    content_panels = [*BasePage.content_panels, FieldPanel("published_at")]
    search_fields = BasePage.search_fields

    class Meta:
        verbose_name = _("post")

    @property
    def caption(self):
        return self.lead_caption or (self.lead_image.default_caption if self.lead_image else "")

    def _siblings(self):
        return PostPage.objects.sibling_of(self, inclusive=False).live().public().select_related("lead_image")

    def newer(self):
        return (
            self._siblings()
            .filter(
                models.Q(published_at__gt=self.published_at)
                | models.Q(published_at=self.published_at, pk__gt=self.pk)
            )
            .order_by("published_at", "pk")
            .first()
        )

    def older(self):
        return (
            self._siblings()
            .filter(
                models.Q(published_at__lt=self.published_at)
                | models.Q(published_at=self.published_at, pk__lt=self.pk)
            )
            .order_by("-published_at", "-pk")
            .first()
        )


def paginate(request, queryset, per_page=None):
    """The requested page of a listing. A malformed, zero or too large ?page= gives the nearest real page.

    The page count is left on the request for the static output, which writes every page of a listing.
    """
    paginator = Paginator(queryset, per_page or settings.NASHR_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    request.nashr_page_count = paginator.num_pages
    return page


class SectionPage(BasePage):
    """A listing: Articles, Media and its sub-sections, Publications and its sub-sections.

    Lists every live post below it, newest first, ten a page.
    """

    template = "pages/section_page.html"
    subpage_types = [
        "core.SectionPage",
        "articles.ArticlePage",
        "multimedia.GalleryPage",
        "multimedia.VideoPage",
        "multimedia.ImagePostPage",
        "publications.BookPage",
        "publications.PeriodicalIssuePage",
    ]
    parent_page_types = ["home.HomePage", "core.SectionPage"]

    intro = models.TextField(_("introduction"), blank=True)

    objects = PageManager.from_queryset(PublicQuerySet)()

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("section")

    def posts(self):
        return PostPage.objects.descendant_of(self).for_listing()

    def subsections(self):
        return SectionPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["posts"] = paginate(request, self.posts())
        context["subsections"] = self.subsections()
        return context
