from collections import Counter, defaultdict

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def waiting(self):
        return self.filter(status=Comment.Status.PENDING)

    def in_edition(self, language_code):
        return self.filter(page__locale__language_code=language_code)

    def waiting_first(self):
        """Waiting comments first, then the rest; newest first within each."""
        waiting = models.Case(models.When(status=Comment.Status.PENDING, then=0), default=1)
        return self.alias(waiting_rank=waiting).order_by("waiting_rank", "-created_at")

    def set_status(self, status):
        """Give each comment `status`, one save each: the pages showing them are renewed and writers who
        asked are told (signals). Returns how many changed."""
        changed = 0
        for comment in self.exclude(status=status):
            comment.status = status
            comment.save(update_fields=["status"])
            changed += 1
        return changed

    def forget(self):
        """Delete these comments, but keep as a placeholder ("removed": no name, address or text) each one
        that another reader's reply still answers, so the reply keeps its place in the thread
        (docs/decisions/0016-purged-comments-keep-their-replies-place.md). Returns the counts.
        """
        targets = set(self.values_list("pk", flat=True))
        answered = set(
            Comment.objects.filter(parent_id__in=self.values("pk"))
            .exclude(pk__in=self.values("pk"))
            .values_list("parent_id", flat=True)
        )
        keep, step = set(), answered
        while step:  # a kept placeholder is a reply too: its parents among the targets stay as well
            keep |= step
            step = set(Comment.objects.filter(pk__in=step).values_list("parent_id", flat=True))
            step = (step & targets) - keep
        anonymised = 0
        for comment in Comment.objects.filter(pk__in=keep).exclude(removed=True):
            comment.remove()
            anonymised += 1
        rows = Counter()
        doomed = sorted(targets - keep)
        for start in range(0, len(doomed), 500):  # within every database's limit on query parameters
            rows.update(Comment.objects.filter(pk__in=doomed[start : start + 500]).delete()[1])
        return {"deleted": rows.get(Comment._meta.label, 0), "anonymised": anonymised, "rows": rows}

    def threaded(self):
        """The comments in reading order, each reply after its parent, with `depth` (0 to MAX_DEPTH).

        A reply whose parent is not among them (not approved) is shown at the top level.
        """
        return thread(list(self))


def thread(comments):
    """`comments` in reading order, each reply after its parent, with `depth` (see `threaded`)."""
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
    deletes comments by age or by e-mail address. A purged comment that others answered stays in its
    thread as a placeholder (`removed`), with nothing of what its writer sent.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REJECTED = "rejected", _("Rejected")

    MAX_DEPTH = 3  # replies deeper than this are shown at this depth

    page = models.ForeignKey("core.PostPage", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )  # deleting a comment never takes others' replies with it: they are shown at the top level
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail (never shown)"), blank=True)
    body = models.TextField(_("comment"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)
    removed = models.BooleanField(
        _("removed"), default=False, help_text=_("Purged at its writer's request; kept for the replies.")
    )
    notify = models.BooleanField(
        _("tell the writer"),
        default=False,
        help_text=_("The writer asked to be told by e-mail when it is published and when it is answered."),
    )
    announced = models.BooleanField(default=False, editable=False)  # its publication has been told

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["page", "status"])]

    def __str__(self):
        if self.removed:
            return str(_("[removed]"))
        return f"{self.name}: {self.body[:60]}"

    def remove(self):
        """Forget what the writer sent and keep the comment as a placeholder for the replies to it."""
        self.name, self.email, self.body, self.removed, self.notify = "", "", "", True, False
        self.save()
