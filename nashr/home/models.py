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
from nashr.core.blocks.body import RICH_TEXT_FEATURES
from nashr.core.models import BasePage, SectionPage, paginate
from nashr.home.topics import TOPICS


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

    content_panels = [*BasePage.content_panels, FieldPanel("featured")]
    # Carried over as chosen and shown in each edition's version (featured_post): translating the home page
    # with wagtail-localize must not re-translate, and so overwrite, the featured article.
    override_translatable_fields = [SynchronizedField("featured")]

    class Meta:
        verbose_name = _("edition home page")

    def featured_post(self):
        """The chosen piece in this edition's version, else the edition's newest article."""
        featured = self.featured if self.featured_id else None
        if featured is not None and featured.locale_id != self.locale_id:
            featured = featured.get_translation_or_none(self.locale)
        if featured is not None and featured.live:
            return featured.specific
        return ArticlePage.objects.for_listing().in_edition(self.locale_id).first()

    def sections(self):
        return SectionPage.objects.child_of(self).live().public()

    def latest_by_section(self, featured=None):
        """[{"section", "posts"}]: each section's four newest posts, the featured piece left out."""
        exclude = [featured.pk] if featured else []
        latest = []
        for section in self.sections():
            posts = list(section.posts().exclude(pk__in=exclude)[:4])
            if posts:
                latest.append({"section": section, "posts": posts})
        return latest

    def get_context(self, request, *args, **kwargs):
        """Read only when the template's kept pieces are built (`{% cached ... edition %}`): each value is
        worked out the first time the template asks for it."""
        context = super().get_context(request, *args, **kwargs)
        featured = SimpleLazyObject(self.featured_post)
        context.update(
            featured=featured,
            latest_by_section=SimpleLazyObject(lambda: self.latest_by_section(featured or None)),
            recent=ArticlePage.objects.for_listing().in_edition(self.locale_id)[:5],
        )
        return context

    def topic_view(self, request, kind, slug):
        """A category's, tag's or author's page in this edition (articles.topics)."""
        topics = TOPICS[kind]
        topic = topics.find(self.locale_id, slug)
        if topic is None:
            raise Http404
        articles = ArticlePage.objects.for_listing().filter(locale_id=self.locale_id)
        posts = topics.articles(topic, articles)
        if topics.model is None and not posts.exists():  # a tag has no page where it has no articles
            raise Http404
        context = {
            "page": self,
            "self": self,
            "request": request,
            "object": topic,
            "kind": kind,
            "posts": paginate(request, posts),
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
