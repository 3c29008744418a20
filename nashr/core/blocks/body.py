"""StreamField blocks for the body of articles and other posts."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from nashr.editions import language_spans

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


class EmbedBlock(blocks.StructBlock):
    """An outside video or post, shown as a stored thumbnail and a plain link.

    Nothing is fetched from the provider while rendering, and the reader's browser
    contacts the provider only if they follow the link.
    """

    url = blocks.URLBlock(help_text=_("Address of the video or post"))
    title = blocks.CharBlock(max_length=255)
    provider = blocks.CharBlock(required=False, max_length=100, help_text=_("e.g. PeerTube"))
    thumbnail = ImageChooserBlock(required=False)

    class Meta:
        icon = "media"
        template = "components/streamfield/embed_block.html"
        description = _("A link card for an outside video or post; nothing loads from outside")


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
