"""Image-first and video posts: cartoons, news pictures, photo galleries and videos."""

from django.db import models
from django.template.loader import render_to_string
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from nashr.core.models import PostPage


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

    def feed_content(self, html):
        return html.text(self.description)

    def body_html(self):  # pages/image_post_page.html
        return linebreaks(self.description) if self.description else ""


class GalleryPage(PostPage):
    template = "pages/gallery_page.html"
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
    def for_feed(cls, queryset):
        images = GalleryImage.objects.select_related("image")
        return queryset.prefetch_related(models.Prefetch("gallery_images", queryset=images))

    def feed_content(self, html):
        return "".join(html.figure(item.image, item.caption) for item in self.gallery_images.all())

    def body_html(self):  # pages/gallery_page.html
        sizes = "(max-width: 40rem) 100vw, 30rem"
        return "".join(
            render_to_string(
                "components/figure.html", {"image": item.image, "caption": item.caption, "sizes": sizes}
            )
            for item in self.gallery_images.select_related("image")
        )


class GalleryImage(Orderable):
    page = ParentalKey(GalleryPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("images.NashrImage", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("caption"), max_length=500, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class VideoPage(PostPage):
    """A video: a self-hosted file, or a link to where it is hosted shown with a stored poster.

    The page never loads anything from a video platform; readers follow a plain link if they choose.
    """

    template = "pages/video_page.html"
    parent_page_types = ["core.SectionPage"]
    subpage_types = []

    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("video file"),
        help_text=_("An MP4 or WebM file served from this site."),
    )
    external_url = models.URLField(
        _("address on a video platform"),
        blank=True,
        help_text=_("Shown as a link, never embedded."),
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
        FieldPanel("external_url"),
        FieldPanel("duration"),
        FieldPanel("transcript"),
    ]
    search_fields = [*PostPage.search_fields, index.SearchField("transcript")]

    class Meta:
        verbose_name = _("video")

    def feed_content(self, html):
        return html.text(self.transcript)

    def body_html(self):  # pages/video_page.html
        return linebreaks(self.transcript) if self.transcript else ""

    @property
    def running_time(self):
        """ "3:20" or "1:02:05"; empty without a duration."""
        if not self.duration:
            return ""
        minutes, seconds = divmod(int(self.duration.total_seconds()), 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"
