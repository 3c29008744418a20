"""The entries of a digest: a piece of ours or an outside report, a line about it, under a heading."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


@dataclass(frozen=True)
class DigestEntry:
    """What a reader sees of one entry, on the site and in the mail."""

    title: str
    url: str
    summary: str
    note: str
    outside: bool  # a link to another site's report


class DigestItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        required=False, page_type="core.PostPage", label=_("piece"), help_text=_("A piece of this edition.")
    )
    url = blocks.URLBlock(required=False, label=_("outside link"), help_text=_("Or a report elsewhere."))
    title = blocks.CharBlock(
        required=False, max_length=255, label=_("title"), help_text=_("Leave blank to use the piece's title.")
    )
    summary = blocks.CharBlock(required=False, max_length=400, label=_("one-line summary"))
    group = blocks.CharBlock(
        required=False,
        max_length=100,
        label=_("heading"),
        help_text=_("Entries with the same heading go together."),
    )
    note = blocks.CharBlock(required=False, max_length=400, label=_("editor's note"))

    class Meta:
        icon = "link"
        label = _("entry")
        description = _("A piece or an outside report, with a line about it")
        preview_value = {"url": "https://example.org/report", "title": "A report", "summary": "In one line."}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a piece or give an outside link, not both.")
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        if value.get("url") and not value.get("title"):
            raise StructBlockValidationError(
                block_errors={"title": ValidationError(_("An outside link needs a title."))}
            )
        return value

    @staticmethod
    def entry(value):
        """The DigestEntry of a block value; None for a piece that is no longer live."""
        page = value.get("page")
        if page is not None:
            if not page.live:
                return None
            url, title, outside = page.get_url() or "", value.get("title") or page.title, False
        else:
            url, title, outside = value.get("url") or "", value.get("title") or "", True
        return DigestEntry(title, url, value.get("summary") or "", value.get("note") or "", outside)


class DigestItemsBlock(blocks.StreamBlock):
    item = DigestItemBlock()
