from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "nashr.publishing"
    label = "publishing"

    def ready(self):
        from . import signals  # noqa: F401  -- connects the invalidation to Wagtail's page signals
