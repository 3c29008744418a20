from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    """Offline editions: an edition's recent pieces as a ZIP that opens from a folder with no network.
    Channels level: built from the static output's renderer (nashr/publishing)."""

    name = "nashr.offline"
    verbose_name = _("Offline editions")
