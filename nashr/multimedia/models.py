"""Image-first and video posts: cartoons, news pictures, photo galleries and videos."""

from django.db import models
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from nashr.caching.queries import PreparedQuery
from nashr.core.models import PostPage
from nashr.core.outside import OutsideVideo
from nashr.images.renditions import LARGE, PICTURE, share_renditions

from .forms import VideoPageForm


class ImagePostPage(PostPage):
    """A post whose content is one picture: a cartoon or a news picture."""

    class Kind(models.TextChoices):
        CARTOON = "cartoon", _("Cartoon")
        NEWS_PICTURE = "news_picture", _("News picture")

    template = "pages/image_post_page.html"
    parent_page_types = ["core.SectionPage"]
    subpage_types = []

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CARTOON)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the picture shows, in words.")
    )

    content_panels = [
        *PostPage.content_panels,
        FieldPanel("kind"),
        *PostPage.lead_panels,
        FieldPanel("description"),
    ]
    search_fields = [*PostPage.search_fields, index.SearchField("description")]

    class Meta:
        verbose_name = _("cartoon or news picture")

    def body_html(self, feed=False):  # pages/image_post_page.html
        return linebreaks(self.description, autoescape=True) if self.description else ""


class GalleryPage(RoutablePageMixin, PostPage):
    """Pictures with captions. Each picture also has its own address, `<gallery>/<n>/` (1 the first), a page
    with the large picture and links to the previous and next: the gallery works without JavaScript, and a
    reader can link to one picture (static/js/media.js shows the same pictures in a dialog)."""

    template = "pages/gallery_page.html"
    picture_template = "pages/gallery_picture_page.html"
    parent_page_types = ["core.SectionPage"]
    subpage_types = []

    content_panels = [
        *PostPage.content_panels,
        *PostPage.lead_panels,
        InlinePanel("gallery_images", label=_("Pictures"), min_num=1),
    ]

    class Meta:
        verbose_name = _("photo gallery")

    @classmethod
    def prepare_feed(cls, pages):
        """Every gallery's pictures, in one query."""
        pictures = {page.pk: [] for page in pages}
        for item in _PICTURES_OF(pks=sorted(pictures)):
            pictures[item.page_id].append(item)
        for page in pages:
            page.pictures = pictures[page.pk]  # the cached property, set

    def body_html(self, feed=False):  # pages/gallery_page.html
        sizes = "(max-width: 40rem) 100vw, 30rem"
        return "".join(
            render_to_string(
                "components/figure.html",
                {"image": item.image, "caption": item.caption, "sizes": sizes, "feed": feed},
            )
            for item in self.pictures
        )

    @cached_property
    def pictures(self):
        return list(self.gallery_images.select_related("image"))

    def pictures_on_page(self):
        """The pictures, as the gallery's page draws them all: their renditions (the picture and the large
        one of the lightbox) read in one query, when the first is drawn."""
        share_renditions([item.image for item in self.pictures], PICTURE, LARGE)
        return self.pictures

    def picture_url(self, number):
        return f"{self.url}{number}/"

    def picture_urls(self, count=None):
        """Addresses of the pictures' own pages (the first `count`; all by default)."""
        return [self.picture_url(n) for n in range(1, (len(self.pictures) if count is None else count) + 1)]

    @path("<int:number>/", name="picture")
    def picture_view(self, request, number):
        if not 1 <= number <= len(self.pictures):
            raise Http404
        picture = self.pictures[number - 1]
        return self.render(
            request,
            template=self.picture_template,
            context_overrides={
                "item": picture,  # not "picture": the templates' picture() function has that name
                "number": number,
                "count": len(self.pictures),
                "previous_url": self.picture_url(number - 1) if number > 1 else None,
                "next_url": self.picture_url(number + 1) if number < len(self.pictures) else None,
            },
        )


class GalleryImage(Orderable):
    page = ParentalKey(GalleryPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("images.NashrImage", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("caption"), max_length=500, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


# The pictures of a feed's galleries, in the order each gallery shows them (GalleryPage.prepare_feed).
_PICTURES_OF = PreparedQuery(
    lambda pks: (
        GalleryImage.objects.filter(page_id__in=pks).select_related("image").order_by("sort_order", "pk")
    )
)


class VideoPage(PostPage):
    """A video: a self-hosted file, or a link to where it is hosted shown with a stored poster.

    A self-hosted file plays in the browser's own player. A video on YouTube, Vimeo or PeerTube is shown as
    a facade (outside.py): nothing is loaded from its host until the reader asks, and only then, on this
    page alone, may the page frame the host's player (`frame_origins`: that host in the page's frame-src).
    """

    template = "pages/video_page.html"
    parent_page_types = ["core.SectionPage"]
    subpage_types = []
    base_form_class = VideoPageForm

    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("video file"),
        help_text=_("An MP4 or WebM file served from this site."),
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("captions"),
        help_text=_("A WebVTT file (.vtt) with the video's words in the page's language."),
    )
    external_url = models.URLField(
        _("address on a video platform"),
        blank=True,
        help_text=_(
            "A YouTube, Vimeo or PeerTube address: readers see our poster and play it here only when they "
            "ask. Leave the poster empty to have it fetched from the platform. Other addresses are shown "
            "as a link."
        ),
    )
    duration = models.DurationField(_("duration"), null=True, blank=True)
    transcript = models.TextField(_("transcript or description"), blank=True)

    content_panels = [
        *PostPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("lead_image", heading=_("Poster image")), FieldPanel("lead_caption")],
            heading=_("Poster"),
        ),
        FieldPanel("video_file"),
        FieldPanel("captions"),
        FieldPanel("external_url"),
        FieldPanel("duration"),
        FieldPanel("transcript"),
    ]
    search_fields = [*PostPage.search_fields, index.SearchField("transcript")]

    class Meta:
        verbose_name = _("video")

    def feed_content(self, html):
        """A video hosted elsewhere is a link to it (the lead picture is its poster); then the text."""
        video = self.outside_video
        context = {"video": video, "feed": True}
        link = render_to_string("components/video_facade.html", context) if video else ""
        return link + self.body_html(feed=True)

    def body_html(self, feed=False):  # pages/video_page.html
        return linebreaks(self.transcript, autoescape=True) if self.transcript else ""

    @cached_property
    def outside_video(self):
        """The OutsideVideo to show as a facade (not with a file of our own, which plays instead)."""
        return None if self.video_file_id else OutsideVideo.parse(self.external_url)

    def frame_origins(self):
        return [self.outside_video.frame_origin] if self.outside_video is not None else []

    @property
    def running_time(self):
        """ "3:20" or "1:02:05"; empty without a duration."""
        if not self.duration:
            return ""
        minutes, seconds = divmod(int(self.duration.total_seconds()), 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"
