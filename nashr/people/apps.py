from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "nashr.people"
    label = "people"
