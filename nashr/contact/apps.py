from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "nashr.contact"
    label = "contact"
