from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from nashr.caching.queries import PreparedQuery
from nashr.editions.direction import ContentDirectionModelForm

from .blocks import LinkBlock, MenuItemBlock, SocialLinkBlock


class Navigation(TranslatableMixin, models.Model):
    """The menus and footer of one edition. One per edition; translate it to start a new edition's menus."""

    site_name = models.CharField(_("publication name"), max_length=100, default="Nashr")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    main_menu = StreamField([("item", MenuItemBlock())], blank=True, verbose_name=_("main menu"))
    footer_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("footer links"))
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, verbose_name=_("social links"))
    copyright = models.CharField(_("copyright line"), max_length=255, blank=True)

    # Menus keep their structure when translated; the pages and categories they link are shown in the
    # menu's own edition (see templatetags.navigation_tags.menus), labels left blank follow the edition.
    override_translatable_fields = [
        SynchronizedField("main_menu"),
        SynchronizedField("footer_links"),
        SynchronizedField("social_links"),
    ]

    panels = [
        FieldPanel("site_name"),
        FieldPanel("tagline"),
        FieldPanel("main_menu"),
        FieldPanel("footer_links"),
        FieldPanel("social_links"),
        FieldPanel("copyright"),
    ]
    base_form_class = ContentDirectionModelForm

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation")
        verbose_name_plural = _("navigation")

    def __str__(self):
        return _("Navigation (%(edition)s)") % {"edition": self.locale.get_display_name()}

    @classmethod
    def for_language(cls, language_code):
        found = _FOR_LANGUAGE(code=language_code)
        return found[0] if found else cls.objects.filter(locale=Locale.get_default()).first()


_FOR_LANGUAGE = PreparedQuery(
    lambda code: Navigation.objects.filter(locale__language_code=code).order_by("pk")[:1]
)
