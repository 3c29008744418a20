from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """What one WordPress object became in Nashr; makes a second import update instead of duplicating.

    `data` keeps what has no field of its own in Nashr: custom fields (post meta), a long attachment
    description, a comment's web address, the original title and slug.
    """

    source = models.CharField(_("WordPress site"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32)  # post, page, attachment, comment, category, author
    wp_id = models.CharField(_("WordPress ID"), max_length=255)
    edition = models.CharField(_("edition"), max_length=16, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    checksum = models.CharField(max_length=64)
    data = models.JSONField(_("WordPress data"), default=dict, blank=True)
    # Search and reference indexes are updated in bulk after the items; False until then.
    indexed = models.BooleanField(default=False)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wp_id", "edition"], name="unique_imported_wordpress_item"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.source} {self.kind} {self.wp_id}"
