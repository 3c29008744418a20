from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "nashr.users"
    label = "users"
