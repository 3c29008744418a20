from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "nashr.api"
    label = "api"
