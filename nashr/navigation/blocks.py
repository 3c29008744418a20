from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class LinkBlock(blocks.StructBlock):
    """A menu link to a page of the site, a category, or any address.

    Pages and categories are shown in the menu's own edition: a menu translated from another edition
    keeps working without choosing them again.
    """

    label = blocks.CharBlock(
        max_length=80, required=False, help_text=_("Leave blank to use the page title or category name.")
    )
    page = blocks.PageChooserBlock(required=False)
    category = SnippetChooserBlock("articles.Category", required=False)
    url = blocks.CharBlock(
        required=False, max_length=500, help_text=_("Used when no page or category is chosen.")
    )

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("category") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or a category, or give an address."))}
            )
        return value


class MenuItemBlock(LinkBlock):
    children = blocks.ListBlock(LinkBlock(), required=False, default=[], label=_("Sub-menu"))

    class Meta:
        icon = "list-ul"


class SocialLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=50)
    url = blocks.URLBlock()

    class Meta:
        icon = "site"
