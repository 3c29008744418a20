"""The moderation queue in the admin: waiting comments first, and approving or rejecting many at once.

Deleting many is Wagtail's own bulk action; replies to a deleted comment stay (Comment.parent is SET_NULL).
Approving or rejecting saves each comment (CommentQuerySet.set_status), so the pages showing them are
renewed and writers who asked are told.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from nashr.users.permissions import EditionIndexView

from .models import Comment, CommentQuerySet


class WaitingFirstIndexView(EditionIndexView):
    """The comments of the moderator's editions (EditionIndexView). Unless the moderator sorts by a column,
    waiting comments come first, newest first within each."""

    def order_queryset(self, queryset):
        if self.is_explicitly_ordered:
            return super().order_queryset(queryset)
        return CommentQuerySet.waiting_first(queryset)


class StatusBulkAction(SnippetBulkAction):
    """Give the selected comments one status."""

    models = [Comment]
    status = None
    template_name = "wagtailadmin/comments/confirm_bulk_status.html"

    def check_perm(self, snippet):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, "change", snippet)

    @classmethod
    def execute_action(cls, objects, **kwargs):
        changed = Comment.objects.filter(pk__in=[comment.pk for comment in objects]).set_status(cls.status)
        return changed, 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message % {"count": num_parent_objects}


class ApproveBulkAction(StatusBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    action_priority = 10
    status = Comment.Status.APPROVED
    success_message = ngettext_lazy("%(count)d comment approved.", "%(count)d comments approved.", "count")


class RejectBulkAction(StatusBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    action_priority = 20
    status = Comment.Status.REJECTED
    success_message = ngettext_lazy("%(count)d comment rejected.", "%(count)d comments rejected.", "count")


class SpamBulkAction(StatusBulkAction):
    display_name = _("Spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    action_priority = 25
    status = Comment.Status.SPAM
    success_message = ngettext_lazy(
        "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", "count"
    )


BULK_ACTIONS = [ApproveBulkAction, RejectBulkAction, SpamBulkAction]
