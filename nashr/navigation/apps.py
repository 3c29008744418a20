from django.apps import AppConfig


class NavigationConfig(AppConfig):
    name = "nashr.navigation"
    label = "navigation"
