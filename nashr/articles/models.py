from django import forms
from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from nashr.comments.forms import CommentForm
from nashr.comments.models import Comment
from nashr.core.blocks import BodyBlock
from nashr.core.models import PostPage
from nashr.editions.urls import edition_url


class Category(TranslatableMixin, models.Model):
    """A subject such as Culture or Sport. Translatable: each edition names it in its language."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_category_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return edition_url(self.locale.language_code, f"category/{self.slug}/")


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(PostPage):
    template = "pages/article_page.html"
    parent_page_types = ["core.SectionPage"]
    subpage_types = []

    body = StreamField(BodyBlock(), blank=True)
    categories = ParentalManyToManyField(Category, blank=True, related_name="articles")
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    translator = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        verbose_name=_("translator"),
    )
    # Provenance: for pieces first published elsewhere and translated for this edition.
    original_title = models.CharField(_("original title"), max_length=500, blank=True)
    original_publication = models.CharField(_("original publication"), max_length=255, blank=True)
    original_url = models.URLField(_("original address"), max_length=1000, blank=True)
    original_language = models.CharField(
        _("original language"),
        max_length=16,
        blank=True,
        help_text=_("Language code, e.g. de or fr."),
    )
    original_published_at = models.DateField(_("originally published on"), null=True, blank=True)

    content_panels = [
        *PostPage.content_panels,
        *PostPage.lead_panels,
        FieldPanel("body"),
        InlinePanel("article_authors", label=_("Authors"), min_num=0),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("original_publication"),
                FieldPanel("original_title"),
                FieldPanel("original_url"),
                FieldPanel("original_language"),
                FieldPanel("original_published_at"),
                FieldPanel("translator"),
            ],
            heading=_("Source and translation"),
            help_text=_("For pieces first published elsewhere: where, when, and who translated them."),
        ),
    ]
    search_fields = [
        *PostPage.search_fields,
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("locale_id"),
    ]

    class Meta:
        verbose_name = _("article")

    @cached_property
    def category_list(self):
        return list(self.categories.select_related("locale"))

    @property
    def category(self):
        return self.category_list[0] if self.category_list else None

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    @cached_property
    def authors(self):
        return [item.person for item in self.article_authors.select_related("person__locale")]

    @property
    def has_provenance(self):
        return bool(self.original_publication or self.original_url)

    def related(self, limit=None):
        """ "You may also like": same category or a shared tag, newest first, never this article."""
        limit = limit or settings.NASHR_RELATED_POSTS
        category_ids = [c.pk for c in self.category_list]
        tag_ids = [t.pk for t in self.tag_list]
        if not category_ids and not tag_ids:
            return ArticlePage.objects.none()
        matches = models.Q(categories__in=category_ids) | models.Q(tagged_items__tag_id__in=tag_ids)
        ids = (
            ArticlePage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .filter(matches)
            .exclude(pk=self.pk)
            .values("pk")
        )
        return ArticlePage.objects.filter(pk__in=ids).for_listing()[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        comments = list(Comment.objects.approved().filter(page=self).only("name", "body", "created_at"))
        context.update(
            comments=comments,
            comment_count=len(comments),
            comment_form=CommentForm(),
            comment_received=request.GET.get("comment") == "received",
        )
        return context

    def recent(self, limit=None):
        limit = limit or settings.NASHR_RECENT_POSTS
        return ArticlePage.objects.for_listing().filter(locale_id=self.locale_id).exclude(pk=self.pk)[:limit]


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="article_links")

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
