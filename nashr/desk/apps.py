from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "nashr.desk"
    label = "desk"
    verbose_name = "Translation desk"

    def ready(self):
        from . import outdated  # noqa: F401  -- marks translations outdated when their source is published
