from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "nashr.comments"
    label = "comments"
