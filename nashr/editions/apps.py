from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "nashr.editions"
    label = "editions"
