from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "nashr.newsletters"
    label = "newsletters"
    verbose_name = _("Newsletters")

    def ready(self):
        from . import purge, signals  # noqa: F401  -- cache renewal for the signup form, ESP webhooks

        purge.register()
