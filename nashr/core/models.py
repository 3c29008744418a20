"""Page types shared by every section: BasePage (abstract), PostPage (anything dated) and SectionPage."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.search import index

from nashr.caching.queries import PreparedQuery
from nashr.caching.together import read_together
from nashr.editions.editions import language_code_of
from nashr.editions.published import PublicPageQuerySet, private_q, view_restrictions
from nashr.editions.switcher import translations_read
from nashr.editions.urls import edition_url
from nashr.search.index import NormalizedIndexMixin

from .listing import Listing, paginate
from .page_form import PageForm, check_slug
from .posts import NEIGHBOURS, PostLink, PostQuerySet
from .previews import preview_response
from .routing import PLAIN_ROUTES, pages_along, walk


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str


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
    base_form_class = PageForm  # fields in the page's direction; no slug the site's addresses claim
    og_type = "website"  # Open Graph's type for the page
    # The foreign keys its page shows (a lead image, a translator), read with the page when a reader's
    # request is routed to it (core/routing.py): one query, not one more for each on first use.
    served_with = ()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.depth and self.path:  # placed in the tree; the editor's form checks a page being added
            try:
                check_slug(self.slug, self.get_parent())
            except ValidationError as error:
                raise ValidationError({"slug": error}) from error

    # What other outputs (head metadata, feeds, the dependency map) show of a page: each page type answers
    # for itself, so that callers never ask which type a page is.

    def showing_urls(self):
        """URL paths, besides the page itself, its translations and the pages above it, that show it."""
        return []

    def feed_paths(self):
        """Paths under which a feed carries this page (each path has rss.xml, atom.xml and feed.json)."""
        return []

    def followed_feed(self):
        """(path under the edition, name) of the feed that follows what this page shows, when it is
        another than the edition's; None otherwise."""
        return None

    def structured_data(self, data, root, site_name):
        """This page as the schema.org main entity of its JSON-LD, built on `data` (the @id, url, dates,
        publisher and image every kind shares); None where schema.org has no type for it.
        `root` is the site's root URL, `site_name` the publication's name in the page's edition."""
        return None

    def open_graph_tags(self, root):
        """[(property, value)] of Open Graph tags proper to this kind of page."""
        return []

    def body_html(self, feed=False):
        """The HTML of the page's text, made of the components its page renders it with. With `feed`, the
        components' variant for a feed entry (`feed` in their context: plain pictures, rich text in its stored
        form); feeds.items makes its links absolute."""
        return ""

    def frame_origins(self):
        """Origins this page may frame, none by default: the players of the videos hosted elsewhere that it
        shows as facades (core/outside.py). `serve` names them in this page's frame-src alone."""
        return []

    def make_preview_request(self, original_request=None, preview_mode=None, extra_request_attrs=None):
        """Wagtail's, through middleware loaded once per process (core/previews.py)."""
        return preview_response(self, original_request, preview_mode, extra_request_attrs)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        origins = self.frame_origins()
        if origins:
            # django-csp reads this from the response. The static output leaves such a page to the app, which
            # sends this policy (publishing/static.py).
            response._csp_replace = {"frame-src": sorted(set(origins))}
        return response

    def route(self, request, path_components):
        """Wagtail's routing below this page, with the pages along the path read in one query (by their
        indexed slugs) instead of two queries a level (core/routing.py; a request's routing from the site's
        root starts there too)."""
        if not path_components:
            return super().route(request, path_components)
        return walk(request, self, path_components, pages_along(self, path_components))

    def get_view_restrictions(self):
        """Wagtail's, without its two queries when the site has no view restriction at all (most requests):
        the request's one read of them (`editions.published.view_restrictions`) says so."""
        if not view_restrictions():
            return _no_restrictions()
        return super().get_view_restrictions()

    # -- Readers' view: where the page sits (breadcrumbs on the page, BreadcrumbList in its JSON-LD) ------

    @cached_property
    def ancestor_trail(self):
        """(title, url_path) of the pages above this one under its edition's home, the home first, shared by
        the visible breadcrumbs and the JSON-LD (nashr/seo/metadata.py): the pages routing read on the way
        here (core/routing.walk), else one query."""
        steps = range(Page.steplen * 2, len(self.path), Page.steplen)  # the edition's home and below
        if not steps:
            return []
        walked = self._walked_ancestors()
        if walked is not None:
            return walked
        return _TRAIL(paths=[self.path[:end] for end in steps])

    def _walked_ancestors(self):
        """(title, url_path) of each page above this one down from the edition's home, when routing left the
        whole chain (each page's parent as read in this request, `_cached_parent_obj`), else None (a
        preview, a page reached another way)."""
        trail = []
        page = self
        while page.depth > 2:
            parent = page.__dict__.get("_cached_parent_obj")
            if parent is None or parent.depth != page.depth - 1 or not page.path.startswith(parent.path):
                return None
            trail.append((parent.title, parent.url_path))
            page = parent
        return trail[::-1]

    def breadcrumbs(self):
        """[Crumb] from the edition's home down to this page's parent, with host-relative URLs."""
        trail = self.ancestor_trail
        if not trail:
            return []
        language = language_code_of(self.locale_id)
        home_path = trail[0][1]
        return [Crumb(title, edition_url(language, path[len(home_path) :])) for title, path in trail]


PLAIN_ROUTES.append(BasePage.route)  # BasePage's walk down the tree is Wagtail's, read in one query


_FEED_PAGES = {}  # {post type: PreparedQuery}: PostPage.feed_pages


class PostPage(BasePage):
    """Anything dated that appears in section listings: articles, galleries, videos, books, issues...

    Concrete so that one query can list and order every kind of post together.
    """

    published_at = models.DateTimeField(
        _("date"),
        default=timezone.now,
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

    # The page's locale, copied here so that one index serves "the newest posts of an edition": with it the
    # database walks (edition, published_at, pk) newest first and stops after the few rows a list shows.
    edition = models.ForeignKey(
        "wagtailcore.Locale",
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )

    # The page it sits under (its section, or a gallery for a gallery's picture), copied here so that newer
    # and older are one index range, (parent_page, published_at), whatever the values: PostgreSQL keeps one
    # generic plan for them instead of planning each run (decision 0025). Kept by save() and, as Wagtail's
    # move saves the page as a plain Page, by `core.signals.keep_parent_page`.
    parent_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    objects = PageManager.from_queryset(PostQuerySet)()
    og_type = "article"
    served_with = ("lead_image",)
    # Columns no card or listing shows, left out of listings' rows (`for_listing`): an article's body is
    # parsed from JSON into blocks as its row is read, for every card of a tag page, a home or "related".
    not_in_listings = ()

    lead_panels = [
        MultiFieldPanel([FieldPanel("lead_image"), FieldPanel("lead_caption")], heading=_("Lead image"))
    ]
    content_panels = [*BasePage.content_panels, FieldPanel("published_at")]
    search_fields = BasePage.search_fields

    class Meta:
        verbose_name = _("post")
        # Recent and related posts and newer/older walk these indexes newest first and stop after a few rows,
        # so they cost the same on a site of 2,000 posts as on one of 50,000 (pk breaks ties of equal dates).
        indexes = [
            models.Index(fields=["edition", "published_at", "page_ptr"], name="core_post_edition_published"),
            models.Index(fields=["published_at", "page_ptr"], name="core_post_published"),
            models.Index(
                fields=["parent_page", "published_at", "page_ptr"], name="core_post_parent_published"
            ),
        ]

    def save(self, *args, **kwargs):
        self.edition_id = self.locale_id
        self.parent_page_id = self.parent_id_by_path()
        return super().save(*args, **kwargs)

    def parent_id_by_path(self):
        """The id of the page above this one in the tree, read by its path (None for a page not placed)."""
        if not self.path or self.depth is None or self.depth <= 1:
            return None
        return Page.objects.filter(path=self.path[: -self.steplen]).values_list("pk", flat=True).first()

    @property
    def caption(self):
        """The lead image's caption: the page's own, else the image's caption in the page's edition."""
        if self.lead_caption or not self.lead_image:
            return self.lead_caption
        return self.lead_image.text_in(language_code_of(self.locale_id)).caption

    def topic_urls(self):
        """URL paths of the category, tag and author pages that list this post."""
        return []

    # A feed entry (nashr/feeds/items.py): the feed fetches each kind of post with what its entries show.

    feed_related = ()  # the foreign keys an entry shows, read with the post (a book's PDF)

    @classmethod
    def feed_pages(cls, pks):
        """The posts `pks` of this type, with what their entries show, in a fixed number of queries prepared
        once per type: the posts with their lead image, edition and `feed_related`, then `prepare_feed`."""
        query = _FEED_PAGES.get(cls)
        if query is None:
            related = ("lead_image", "locale", *cls.feed_related)
            query = _FEED_PAGES.setdefault(
                cls,
                PreparedQuery(lambda pks: cls._default_manager.filter(pk__in=pks).select_related(*related)),
            )
        pages = query(pks=pks)
        cls.prepare_feed(pages)
        return pages

    @classmethod
    def prepare_feed(cls, pages):
        """What the entries of `pages` (of this type) show beyond their rows, for all of them at once (an
        article's authors, categories, tags and body blocks; a gallery's pictures)."""

    def feed_terms(self):
        """(people, names of categories and tags) of the entry, from what `prepare_feed` read."""
        return [], []

    def feed_content(self, html):
        """What the entry shows after the lead picture, written with `html` (feeds.items.FeedHtml): the page's
        own text, rendered as on the page."""
        return self.body_html(feed=True)

    def showing_urls(self):
        beside = self._neighbours()
        return [post.url for post in (beside["newer"], beside["older"]) if post] + self.topic_urls()

    def feed_paths(self):
        """Its edition's, its sections' and its topics' feeds."""
        paths = [edition_url(language_code_of(self.locale_id))]
        paths += [section.url for section in SectionPage.objects.ancestor_of(self) if section.url]
        return paths + self.topic_urls()

    def open_graph_tags(self, root):
        modified = self.last_published_at or self.published_at
        return [
            ("article:published_time", self.published_at.isoformat()),
            ("article:modified_time", modified.isoformat()),
        ]

    @cached_property
    def neighbours(self):
        """{"newer": PostLink or None, "older": ...}: the posts next to this one in its section."""
        return self._neighbours()

    def newer(self):
        """The next post of its section (PostLink), or None."""
        return self._neighbours()["newer"]

    def older(self):
        """The previous post of its section (PostLink), or None."""
        return self._neighbours()["older"]

    def _neighbours(self):
        """Both neighbours, read in one query (each is looked up by its id, found by its own subquery); a
        row after this post in (date, id) order is the newer one."""
        pk = self.pk or 0  # a new page's preview: no page has the id 0
        rows = NEIGHBOURS(**self._neighbours_values())
        beside = {"newer": None, "older": None}
        for link in PostLink.from_rows(rows):
            beside["newer" if (link.published_at, link.pk) > (self.published_at, pk) else "older"] = link
        return beside

    def _neighbours_values(self):
        return {
            "parent": self.parent_page_id or self.parent_id_by_path() or 0,  # a new page: not saved yet
            "pk": self.pk or 0,  # a new page's preview: no page has the id 0
            "published_at": self.published_at,
            "shape": {"private": private_q()},
        }

    def reads_ahead(self):
        """The prepared reads its page is sure to make, sent together before it is rendered
        (caching/together.py): its neighbours, its translations and its lead picture's renditions. Types
        of post add theirs."""
        reads = [translations_read(self)]
        if "neighbours" not in self.__dict__:
            reads.append(NEIGHBOURS.ahead(**self._neighbours_values()))
        if self.lead_image_id:
            reads.append(self.lead_image.read_alone())
        return reads

    def get_context(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            read_together(*self.reads_ahead())
        return super().get_context(request, *args, **kwargs)


def _no_restrictions():
    """An empty queryset of view restrictions, already read: Wagtail's check of the page served iterates
    it, and iterating `.none()` compiles its query first (0.5 % of an article rendered from nothing). It is
    still a queryset for the admin's uses (`order_by`, `exists`)."""
    restrictions = PageViewRestriction.objects.none()
    restrictions._result_cache = []
    return restrictions


_TRAIL = PreparedQuery(
    lambda paths: Page.objects.filter(path__in=paths).order_by("path").values_list("title", "url_path")
)


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
    # A list of pieces (head metadata describes it as one when the newsroom has not).
    lists_pieces = True

    intro = models.TextField(_("introduction"), blank=True)

    objects = PageManager.from_queryset(PublicPageQuerySet)()

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("section")

    def posts(self):
        return _SECTION_LISTING.build(path=self.path, depth=self.depth, private=private_q())

    def followed_feed(self):
        return self.url_path.split("/", 2)[2], self.title  # the path below the edition's home

    def subsections(self):
        """The live public sections right under this one, in the tree's order."""
        return _SUBSECTIONS(path=self.path, depth=self.depth + 1, shape={"private": private_q()})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        posts = _SECTION_LISTING.posts(shape={"private": private_q()}, path=self.path, depth=self.depth)
        context["posts"] = paginate(request, posts)
        context["subsections"] = SimpleLazyObject(self.subsections)  # read only where the menu has no links
        return context


_SUBSECTIONS = PreparedQuery(
    lambda path, depth, private: (
        SectionPage.objects.filter(path__startswith=path, depth=depth, live=True)
        .exclude(private)
        .order_by("path")
    )
)

# Every live public post below a section (Wagtail's descendant_of), newest first.
_SECTION_LISTING = Listing(
    lambda path, depth, private: PostPage.objects.filter(path__startswith=path, depth__gt=depth).for_listing(
        private
    )
)
