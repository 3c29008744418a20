from django.apps import AppConfig


class SeoConfig(AppConfig):
    name = "nashr.seo"
    label = "seo"
