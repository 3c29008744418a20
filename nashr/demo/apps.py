from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "nashr.demo"
    label = "demo"
