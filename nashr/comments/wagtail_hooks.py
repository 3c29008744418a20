from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from nashr.users.permissions import EditionSnippetViewSet

from .models import Comment


class CommentViewSet(EditionSnippetViewSet):
    """The moderation queue: pending comments first."""

    edition_locale_path = "page__locale"  # a moderator sees the comments on their editions' pages
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["name", "body", "page", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "body"]
    ordering = ["status", "-created_at"]
    panels = [
        FieldPanel("status"),
        FieldPanel("name"),
        FieldPanel("body"),
        FieldPanel("page", read_only=True),
        FieldPanel("email", read_only=True),
    ]


register_snippet(CommentViewSet)
