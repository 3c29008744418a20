from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "nashr.images"
    label = "images"
