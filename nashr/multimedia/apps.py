from django.apps import AppConfig


class MultimediaConfig(AppConfig):
    name = "nashr.multimedia"
    label = "multimedia"
