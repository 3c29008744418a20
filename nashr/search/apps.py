from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "nashr.search"
    label = "search"
