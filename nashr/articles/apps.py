from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "nashr.articles"
    label = "articles"
