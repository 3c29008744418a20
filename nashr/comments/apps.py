from django.apps import AppConfig


def select_comments(email, before, options):
    from nashr.core.reader_data import by_email_and_age

    from .models import Comment

    comments = by_email_and_age(Comment.objects.all(), email, before)
    if before is not None and options.get("keep_approved"):
        comments = comments.exclude(status=Comment.Status.APPROVED)
    return comments


def forget_comments(comments):
    return comments.forget()


class CommentsConfig(AppConfig):
    name = "nashr.comments"
    label = "comments"

    def ready(self):
        from nashr.core.reader_data import ReaderData, register

        from . import signals  # noqa: F401

        register(ReaderData("comments", select=select_comments, purge=forget_comments, order=10))
