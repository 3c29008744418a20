from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TelegramConfig(AppConfig):
    name = "nashr.telegram"
    label = "telegram"
    verbose_name = _("Telegram")
