"""StreamField blocks for the body of articles and other posts."""

import logging
import re

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from nashr.core.outside import OutsideVideo, PosterError, fetch_poster, fetching_posters
from nashr.editions import language_spans

logger = logging.getLogger(__name__)

# Blank lines and indentation the templates leave between tags: a newline renders as the same space.
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")


def compact(html):
    """A body's HTML without the blank lines and indentation its templates leave between tags, as the API
    and the feeds carry it."""
    return _BETWEEN_TAGS.sub(">\n<", html)


# language_spans.FEATURE marks a phrase in another edition's language (nashr/editions/language_spans.py).
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr", language_spans.FEATURE]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=500)
    alt_text = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text=_("Describe the picture for readers who cannot see it."),
    )

    class Meta:
        icon = "image"
        template = "components/streamfield/captioned_image_block.html"
        description = _("An image with its caption and credit")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "components/streamfield/quote_block.html"
        description = _("A quotation with the name of who said it")
        preview_value = {"text": "Reading is a conversation.", "attribution": "A reader"}


class EmbedValue(blocks.StructValue):
    @cached_property
    def video(self):
        """The OutsideVideo its address plays (shown as a facade), or None (shown as a link card)."""
        return OutsideVideo.parse(self.get("url"))


class EmbedBlock(blocks.StructBlock):
    """An outside video or post. Nothing is fetched from the provider while rendering.

    A video on YouTube, Vimeo or PeerTube is the facade a video page shows (core/outside.py): the thumbnail
    stored here and a link that starts the host's player in place only when the reader asks (the page
    frames that host alone: `videos_in`). Any other address is a link card with the stored thumbnail.
    """

    url = blocks.URLBlock(help_text=_("Address of the video or post"))
    title = blocks.CharBlock(max_length=255)
    provider = blocks.CharBlock(required=False, max_length=100, help_text=_("e.g. PeerTube"))
    thumbnail = ImageChooserBlock(required=False)

    class Meta:
        icon = "media"
        template = "components/streamfield/embed_block.html"
        value_class = EmbedValue
        description = _(
            "A YouTube, Vimeo or PeerTube video that plays here only when the reader asks, "
            "or a link card for another outside post"
        )


def videos_in(stream):
    """The OutsideVideo of each embed block of `stream` (a body's StreamValue) that plays here, read from its
    raw data (no query)."""
    found = (
        OutsideVideo.parse((block.get("value") or {}).get("url"))
        for block in stream.raw_data
        if block.get("type") == "embed"
    )
    return [video for video in found if video is not None]


def images_in(stream):
    """The images a body draws as pictures (image blocks, galleries, outside posts' thumbnails), in order:
    each block type's images are read in one query as Wagtail reads them for rendering."""
    images = []
    for block in stream:
        value = block.value
        if block.block_type == "image":
            images.append(value.get("image"))
        elif block.block_type == "embed":
            images.append(value.get("thumbnail"))
        elif block.block_type == "gallery":
            images += [item.get("image") for item in value.get("images") or []]
    return [image for image in images if image is not None]


def fetch_posters(stream):
    """Gives each embed block of `stream` that plays a video and has no thumbnail the host's, stored as our
    image (core/outside.fetch_poster), as a video page gets its poster when an editor saves it. Optional
    (NASHR_FETCH_VIDEO_POSTERS): without one the facade shows a plain placeholder."""
    if not fetching_posters():
        return
    for block in stream:
        value = block.value
        if block.block_type != "embed" or value.video is None or value.get("thumbnail"):
            continue
        try:
            value["thumbnail"] = fetch_poster(value.video, value.get("title") or "")
        except PosterError as error:
            logger.warning("No poster for %s: %s", value.get("url"), error)


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(CaptionedImageBlock(), min_num=1)

    class Meta:
        icon = "image"
        template = "components/streamfield/gallery_block.html"
        description = _("Several images shown as a gallery")


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        template="components/streamfield/paragraph_block.html",
        description=_("Text"),
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock()
    gallery = GalleryBlock()
