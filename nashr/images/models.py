from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class NashrImage(AbstractImage):
    """An image with the credit a newsroom must print beside it."""

    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or illustrator, e.g. “Photo: A. Name”."),
    )
    default_caption = models.CharField(
        _("default caption"),
        max_length=500,
        blank=True,
        help_text=_("Used when a page gives no caption of its own."),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit", "default_caption")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class NashrRendition(AbstractRendition):
    image = models.ForeignKey(NashrImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
