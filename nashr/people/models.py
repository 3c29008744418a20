from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from nashr.editions.direction import ContentDirectionModelForm
from nashr.editions.editions import language_code_of
from nashr.editions.urls import edition_url


class Person(TranslatableMixin, index.Indexed, models.Model):
    """An author or translator. Translatable so each edition spells the name in its own script."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=True)
    bio = models.TextField(_("short biography"), blank=True)
    photo = models.ForeignKey(
        "images.NashrImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("bio"), FieldPanel("photo")]
    base_form_class = ContentDirectionModelForm
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_person_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return edition_url(language_code_of(self.locale_id), f"author/{self.slug}/")

    def schema(self, root):
        """This person as a schema.org Person; `root` is the site's root URL."""
        return {"@type": "Person", "name": self.name, "url": root + self.get_absolute_url()}
