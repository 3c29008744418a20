"""The admin dashboard's panel of what waits for moderators: comments and contact messages, per edition.
Contact messages go to the comments' moderators, so the panel lives here, above comments."""

from django.db.models import Count
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from nashr.comments.models import Comment

from .models import ContactMessage


def waiting_by_edition():
    """[(language code, waiting comments, unhandled contact messages)] for every edition, in order."""
    comments = dict(
        Comment.objects.waiting()
        .values_list("page__locale__language_code")
        .annotate(count=Count("pk"))
        .values_list("page__locale__language_code", "count")
    )
    messages = dict(
        ContactMessage.objects.filter(handled=False)
        .values_list("language")
        .annotate(count=Count("pk"))
        .values_list("language", "count")
    )
    codes = Locale.objects.order_by("pk").values_list("language_code", flat=True)
    return [(code, comments.get(code, 0), messages.get(code, 0)) for code in codes]


class WaitingPanel(Component):
    name = "waiting_for_moderators"
    order = 90
    template_name = "wagtailadmin/comments/waiting_panel.html"

    def get_context_data(self, parent_context):
        rows = waiting_by_edition()
        return {
            "rows": rows,
            "total": sum(comments + messages for _, comments, messages in rows),
            "comments_url": reverse(Comment.snippet_viewset.get_url_name("list")) + "?status=pending",
            "messages_url": reverse(ContactMessage.snippet_viewset.get_url_name("list")) + "?handled=false",
        }


def add_waiting_panel(request, panels):
    if request.user.has_perm("comments.change_comment") or request.user.has_perm(
        "contact.change_contactmessage"
    ):
        panels.append(WaitingPanel())
