import math
import re

from django import forms
from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from nashr.caching.store import fragment
from nashr.comments.models import thread
from nashr.core.blocks import BodyBlock, fetch_posters, images_in, videos_in
from nashr.core.models import Crumb, PostPage
from nashr.core.page_form import PageForm
from nashr.core.posts import PostLink
from nashr.editions.direction import ContentDirectionModelForm
from nashr.editions.editions import language_code_of
from nashr.editions.published import private_q
from nashr.editions.urls import edition_url
from nashr.images.renditions import share_renditions

from . import listings, relations


class Category(TranslatableMixin, models.Model):
    """A subject such as Culture or Sport. Translatable: each edition names it in its language."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("parent category"),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("parent")]
    base_form_class = ContentDirectionModelForm

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
        return edition_url(language_code_of(self.locale_id), f"category/{self.slug}/")


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageForm(PageForm):
    """Offers only the categories of the article's own edition; fetches the posters of the videos its body
    embeds (core/blocks/body.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or (self.parent_page.locale_id if self.parent_page else None)
        if locale_id and "categories" in self.fields:
            self.fields["categories"].queryset = Category.objects.filter(locale_id=locale_id)

    def save(self, commit=True):
        page = super().save(commit=False)
        fetch_posters(page.body)
        if commit:
            page.save()
            self.save_m2m()
        return page


# Words a reader reads in a minute, by the edition's script: Persian and Arabic text is read more slowly.
WORDS_PER_MINUTE = {"fa": 180, "ar": 180}
WORDS_PER_MINUTE_DEFAULT = 230
# A tag of a paragraph's HTML, taken out to count its words (Django's strip_tags parses it: 1.4 % of a page).
_TAG = re.compile(r"<[^>]*>")


class ArticlePage(PostPage):
    template = "pages/article_page.html"
    not_in_listings = ("body", "original_title", "original_publication", "original_url", "original_language")
    not_in_listings += ("original_published_at", "translator")
    parent_page_types = ["core.SectionPage"]
    subpage_types = []
    base_form_class = ArticlePageForm
    # People are carried over as they are and swapped for their own edition's version in
    # localize_references(); left to wagtail-localize, a new translation of the article would overwrite
    # the people's existing translations with the source edition's names.
    override_translatable_fields = [SynchronizedField("translator")]
    served_with = ("lead_image", "translator")

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
    # Fields in the original's language, not the edition's (nashr/editions/direction.py).
    original_language_fields = {
        "original_title": "original_language",
        "original_publication": "original_language",
    }

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
        return relations.categories(self)

    @property
    def category(self):
        return self.category_list[0] if self.category_list else None

    @cached_property
    def tag_list(self):
        return relations.tags(self)

    @cached_property
    def authors(self):
        return relations.authors(self)

    @property
    def has_provenance(self):
        return bool(self.original_publication or self.original_url)

    @property
    def people(self):
        """The authors, then the translator if there is one."""
        return [*self.authors, self.translator] if self.translator_id else self.authors

    def topic_urls(self):
        language = language_code_of(self.locale_id)
        urls = [category.get_absolute_url() for category in self.category_list]
        urls += [edition_url(language, f"tag/{tag.slug}/") for tag in self.tag_list]
        return urls + [person.get_absolute_url() for person in self.people]

    def followed_feed(self):
        category = self.category
        return (f"category/{category.slug}/", category.name) if category else None

    def open_graph_tags(self, root):
        tags = super().open_graph_tags(root)
        tags += [("article:author", person.schema(root)["url"]) for person in self.authors]
        tags += [("article:section", category.name) for category in self.category_list[:1]]
        return tags + [("article:tag", tag.name) for tag in self.tag_list]

    def structured_data(self, data, root, site_name):
        data.update(
            {
                "@type": "NewsArticle",
                "mainEntityOfPage": data["url"],
                "headline": Truncator(self.title).chars(110),
                "dateModified": (self.last_published_at or self.published_at).isoformat(),
                "author": [person.schema(root) for person in self.authors],
            }
        )
        if self.category_list:
            data["articleSection"] = [category.name for category in self.category_list]
        if self.tag_list:
            data["keywords"] = [tag.name for tag in self.tag_list]
        if self.translator_id:
            data["translator"] = self.translator.schema(root)
        if self.has_provenance:
            original = self.original_work()
            data["isBasedOn"] = original
            data["translationOfWork"] = original
        return data

    def original_work(self):
        """The piece this one is translated from, as a schema.org CreativeWork."""
        published = self.original_published_at
        original = {
            "@type": "CreativeWork",
            "name": self.original_title or None,
            "url": self.original_url or None,
            "inLanguage": self.original_language or None,
            "datePublished": published.isoformat() if published else None,
        }
        if self.original_publication:
            original["publisher"] = {"@type": "Organization", "name": self.original_publication}
        return {key: value for key, value in original.items() if value}

    feed_related = ("translator",)

    @classmethod
    def prepare_feed(cls, pages):
        """The bodies' blocks, converted for all pages at once (a query per kind of picture block), and the
        authors, categories and tags of all of them (three prepared queries)."""
        stream_block = cls._meta.get_field("body").stream_block
        bodies = stream_block.bulk_to_python([list(page.body.raw_data) for page in pages])
        for page, body in zip(pages, bodies, strict=True):
            page.body = body
        people, terms = relations.of_pages([page.pk for page in pages])
        for page in pages:
            page.feed_relations = (people.get(page.pk, []), terms.get(page.pk, []))

    def feed_terms(self):
        if hasattr(self, "feed_relations"):  # read by prepare_feed
            return self.feed_relations
        terms = [c.name for c in relations.categories(self)] + [t.name for t in relations.tags(self)]
        return relations.authors(self), terms

    def body_html(self, feed=False):  # pages/article_page.html: {% include_block %} for each block
        context = {"feed": feed}
        return "".join(str(block.render_as_block(context)) for block in self.body)

    def frame_origins(self):
        """The players of the videos its body's embed blocks show as facades (core/blocks/body.py)."""
        return [video.frame_origin for video in videos_in(self.body)]

    def related(self, limit=None):
        """ "You may also like": same category or a shared tag, newest first, never this article."""
        if not relations.in_memory(self):  # its categories and tags are the saved ones
            return listings.RELATED_TO_SAVED(**self._related_values(limit))
        category_ids = [c.pk for c in self.category_list]
        tag_ids = [t.pk for t in self.tag_list]
        if not category_ids and not tag_ids:
            return []
        shape = {"limit": limit or settings.NASHR_RELATED_POSTS, "private": private_q()}
        return listings.RELATED(
            categories=category_ids, tags=tag_ids, edition=self.locale_id, pk=self.pk or 0, shape=shape
        )

    def _related_values(self, limit=None):
        shape = {"limit": limit or settings.NASHR_RELATED_POSTS, "private": private_q()}
        return {"pk": self.pk, "edition": self.locale_id, "shape": shape}

    def save_revision(self, *args, **kwargs):
        self.localize_references()
        return super().save_revision(*args, **kwargs)

    def localize_references(self):
        """Point categories, authors and translator at their versions in this article's edition.

        A translation made with wagtail-localize arrives without the source's categories (it does not carry
        many-to-many fields) and with the source edition's people. Here each is swapped for its translation
        in this edition, created as a copy when the edition has none yet, for a translator to rename.
        """
        if not self.locale_id:
            return
        categories = list(self.categories.all())
        source = None if categories else self.translation_source_page()
        if source is not None:
            categories = list(source.categories.all())
        if source is not None or any(c.locale_id != self.locale_id for c in categories):
            self.categories = [_in_locale(category, self.locale) for category in categories]
        authors = list(self.article_authors.all())
        if any(item.person.locale_id != self.locale_id for item in authors):
            for item in authors:
                item.person = _in_locale(item.person, self.locale)
            self.article_authors = authors
        if self.translator_id:
            self.translator = _in_locale(self.translator, self.locale)

    def translation_source_page(self):
        """The article this one is translated from with wagtail-localize, if it is such a translation."""
        from wagtail_localize.models import TranslationSource

        source = (
            TranslationSource.objects.filter(object_id=self.translation_key)
            .exclude(locale_id=self.locale_id)
            .first()
        )
        if source is None:
            return None
        return ArticlePage.objects.filter(
            translation_key=self.translation_key, locale_id=source.locale_id
        ).first()

    def reads_ahead(self):
        """Its categories, tags and authors, "you may also like" and its comments besides what every post
        reads (PostPage.reads_ahead), each unless it is read already. Not its body's pictures: a kept
        fragment may draw them, and what is read ahead must be what the page reads."""
        reads = super().reads_ahead()
        if "category_list" not in self.__dict__:
            reads += relations.reads_of(self)
        if not relations.in_memory(self):
            reads.append(listings.RELATED_TO_SAVED.ahead(**self._related_values()))
        if self.pk:  # a new page has none
            reads.append(listings.APPROVED_COMMENTS.ahead(page=self.pk))
        return reads

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        share_renditions(images_in(self.body))  # the body's pictures: one query for all their renditions
        comments = thread(listings.APPROVED_COMMENTS(page=self.pk)) if self.pk else []  # none: a new page
        context.update(
            comments=comments,
            comment_count=len(comments),
            comment_form=None,  # an empty form: comments.forms.blank_form_fields
            comment_received=request.GET.get("comment") == "received",
        )
        return context

    def recent(self, limit=None):
        """The edition's newest articles but this one, as links.

        Every page of the edition shows the same list, so it is built once and shared until anything in the
        edition changes.
        """
        limit = limit or settings.NASHR_RECENT_POSTS
        language = language_code_of(self.locale_id)

        def build():
            shape = {"limit": limit + 1, "private": private_q()}
            return PostLink.from_rows(listings.RECENT(edition=self.locale_id, shape=shape))

        links = fragment(f"recent:{language}:{limit}", build, edition=language)
        return [link for link in links if link.pk != self.pk][:limit]

    # -- Readers' view: breadcrumbs and reading time -------------------------------------------------

    def breadcrumbs(self):
        """Home › Section › Category: the section's trail, then the article's first category."""
        crumbs = super().breadcrumbs()
        if self.category is not None:
            crumbs.append(Crumb(self.category.name, self.category.get_absolute_url()))
        return crumbs

    @cached_property
    def reading_time(self):
        """Minutes to read the summary and body at the edition's reading speed; at least one."""
        texts = [self.summary]
        for block in self.body.raw_data:
            if block["type"] == "paragraph":
                texts.append(_TAG.sub("", block["value"]))  # Wagtail's rich text: well-formed tags
            elif block["type"] == "quote":
                texts.append(block["value"].get("text", ""))
        words = len(" ".join(texts).split())
        speed = WORDS_PER_MINUTE.get(language_code_of(self.locale_id), WORDS_PER_MINUTE_DEFAULT)
        return max(1, math.ceil(words / speed))


def _in_locale(obj, locale):
    """The translation of a translatable snippet in `locale`, copied from `obj` if there is none yet."""
    if obj.locale_id == locale.pk:
        return obj
    translation = obj.get_translation_or_none(locale)
    if translation is None:
        translation = obj.copy_for_translation(locale)
        translation.save()
    return translation


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="article_links")

    panels = [FieldPanel("person")]
    override_translatable_fields = [SynchronizedField("person")]  # see ArticlePage

    class Meta(Orderable.Meta):
        verbose_name = _("author")
