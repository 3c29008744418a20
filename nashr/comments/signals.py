"""After a comment is saved: moderators hear what waits; writers who asked, that it is out or answered."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Comment


def someone_to_tell(comment):
    if comment.notify and comment.email:
        return True
    return bool(comment.parent_id) and (
        Comment.objects.filter(pk=comment.parent_id, notify=True).exclude(email="").exists()
    )


@receiver(post_save, sender=Comment)
def comment_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    if created and instance.status == Comment.Status.PENDING:
        from . import notify  # with the mail's renderer: loaded by the first comment, not in every worker

        transaction.on_commit(lambda: notify.comment_waiting(instance))
    if instance.removed or instance.status != Comment.Status.APPROVED or instance.announced:
        return
    if someone_to_tell(instance):
        from .tasks import announce_comment

        transaction.on_commit(lambda: announce_comment.enqueue(instance.pk))
