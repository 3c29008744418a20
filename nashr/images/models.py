from django.db import models, transaction
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

    # Saves that change what renditions are made from; Wagtail also saves the size and hash on their own.
    RENDITION_FIELDS = {"file", "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"}

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or self.RENDITION_FIELDS.intersection(update_fields):
            transaction.on_commit(self.enqueue_public_renditions)

    def enqueue_public_renditions(self):
        from nashr.images.tasks import generate_renditions

        generate_renditions.enqueue(self.pk)

    def generate_public_renditions(self):
        """The renditions of `images.renditions.PUBLIC_SPECS`, made now where missing."""
        from nashr.images.renditions import PUBLIC_SPECS

        return self.get_renditions(*PUBLIC_SPECS)


class NashrRendition(AbstractRendition):
    image = models.ForeignKey(NashrImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
