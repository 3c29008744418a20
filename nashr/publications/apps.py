from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "nashr.publications"
    label = "publications"
