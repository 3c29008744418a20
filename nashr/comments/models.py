from collections import defaultdict

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def threaded(self):
        """The comments in reading order, each reply after its parent, with `depth` (0 to MAX_DEPTH).

        A reply whose parent is not among them (not approved) is shown at the top level.
        """
        comments = list(self)
        ids = {comment.pk for comment in comments}
        replies = defaultdict(list)
        for comment in comments:
            replies[comment.parent_id if comment.parent_id in ids else None].append(comment)
        ordered, seen = [], set()
        stack = [(comment, 0) for comment in reversed(replies[None])]
        while stack:
            comment, depth = stack.pop()
            if comment.pk in seen:
                continue
            seen.add(comment.pk)
            comment.depth = min(depth, Comment.MAX_DEPTH)
            ordered.append(comment)
            stack.extend((reply, depth + 1) for reply in reversed(replies[comment.pk]))
        for comment in comments:  # a loop of replies, which only an import could make
            if comment.pk not in seen:
                comment.depth = 0
                ordered.append(comment)
        return ordered


class Comment(models.Model):
    """A reader's comment on a post. Held for moderation; only approved comments are shown.

    The e-mail address is kept for the moderators only and never shown; `manage.py purge_reader_data`
    deletes comments by age or by e-mail address.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REJECTED = "rejected", _("Rejected")

    MAX_DEPTH = 3  # replies deeper than this are shown at this depth

    page = models.ForeignKey("core.PostPage", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail (never shown)"), blank=True)
    body = models.TextField(_("comment"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["page", "status"])]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"
