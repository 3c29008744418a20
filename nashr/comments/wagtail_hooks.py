from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from nashr.users.permissions import EditionSnippetViewSet

from .models import Comment
from .moderation import BULK_ACTIONS, WaitingFirstIndexView


class CommentViewSet(EditionSnippetViewSet):
    """The moderation queue of the editions a moderator holds: waiting comments first (moderation.py)."""

    edition_locale_path = "page__locale"  # a moderator sees the comments on their editions' pages
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 290
    add_to_admin_menu = True
    index_view_class = WaitingFirstIndexView
    list_display = ["name", "body", "page", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "body"]
    panels = [
        FieldPanel("status"),
        FieldPanel("name"),
        FieldPanel("body"),
        FieldPanel("page", read_only=True),
        FieldPanel("email", read_only=True),
    ]


register_snippet(CommentViewSet)
for action in BULK_ACTIONS:
    hooks.register("register_bulk_action", action)
