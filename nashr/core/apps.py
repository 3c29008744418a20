from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nashr.core"
    label = "core"

    def ready(self):
        from . import signals  # noqa: F401  -- a post's parent page follows a move
