from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "nashr.home"
    label = "home"
