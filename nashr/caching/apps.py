from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "nashr.caching"
    label = "caching"
    verbose_name = "Page cache"
