from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nashr.core"
    label = "core"
