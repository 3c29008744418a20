from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "nashr.users"
    label = "users"

    def ready(self):
        from nashr.users import localize

        localize.install()
