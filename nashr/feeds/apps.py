from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "nashr.feeds"
    label = "feeds"
