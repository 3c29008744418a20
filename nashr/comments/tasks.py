"""Mail about comments, sent by the worker (notify.py says who is told what)."""

from django.core.cache import cache
from django_tasks import task

from . import notify
from .models import Comment


@task()
def mail_moderators(code):
    """One mail to the moderators of edition `code` listing the comments that wait; returns how many sent."""
    cache.delete(notify.SCHEDULED_KEY.format(code=code))  # from now on a new comment schedules the next mail
    waiting = Comment.objects.waiting().in_edition(code).select_related("page").order_by("created_at")
    total = waiting.count()
    recipients = [user.email for user in notify.moderators_of(code)]
    if not total or not recipients:
        return 0
    return notify.send(notify.waiting_mail(code, list(waiting[: notify.LISTED]), total), recipients)


@task()
def announce_comment(comment_id):
    """Tell the writers who asked: this comment's that it is published, its parent's that it is answered.

    Claimed with one UPDATE, so two workers never both tell; a failed send gives the claim back for a retry.
    """
    unannounced = Comment.objects.filter(pk=comment_id, status=Comment.Status.APPROVED, announced=False)
    if not unannounced.filter(removed=False).update(announced=True):
        return 0
    comment = Comment.objects.select_related("page", "parent").get(pk=comment_id)
    notices = []
    if comment.notify and comment.email:
        notices.append((notify.writer_notice(comment, answered=False), comment.email))
    parent = comment.parent
    if (
        parent is not None
        and parent.notify
        and parent.email
        and parent.email.lower() != comment.email.lower()
    ):
        notices.append((notify.writer_notice(parent, answered=True), parent.email))
    try:
        for rendered, address in notices:
            notify.send(rendered, [address])
    except Exception:
        Comment.objects.filter(pk=comment_id).update(announced=False)
        raise
    return len(notices)
