from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "nashr.editions"
    label = "editions"

    def ready(self):
        from nashr.editions import translations

        translations.install()
