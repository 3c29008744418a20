"""What the translation desk keeps: which translations lag behind their source, and by how much."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class OutdatedTranslationQuerySet(models.QuerySet):
    def of(self, translation_key, locale_id):
        """The mark of the translation in edition `locale_id` of the object `translation_key`, if any."""
        return self.filter(
            translation__source__object_id=translation_key, translation__target_locale_id=locale_id
        )

    def synced(self):
        """Marks whose translation was synced from the source after the change: publishing clears them."""
        return self.filter(source_changed_at__lte=models.F("translation__source__last_updated_at"))


class OutdatedTranslation(models.Model):
    """A translation whose source was published with changes to translatable content since it was made.

    The counts compare the segments of the source's live content with those of the TranslationSource the
    translation was made (or last synced) from. `outdated.py` writes and clears it.
    """

    translation = models.OneToOneField(
        "wagtail_localize.Translation",
        on_delete=models.CASCADE,
        related_name="outdated",
        verbose_name=_("translation"),
    )
    source_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("source revision"),
    )
    added = models.PositiveIntegerField(_("segments added"), default=0)
    changed = models.PositiveIntegerField(_("segments changed"), default=0)
    removed = models.PositiveIntegerField(_("segments removed"), default=0)
    source_changed_at = models.DateTimeField(_("source changed at"))

    objects = OutdatedTranslationQuerySet.as_manager()

    class Meta:
        verbose_name = _("outdated translation")
        verbose_name_plural = _("outdated translations")

    def __str__(self):
        return f"{self.translation_id}: +{self.added} ~{self.changed} -{self.removed}"

    @property
    def total(self):
        return self.added + self.changed + self.removed

    @property
    def synced(self):
        """Whether the translation has been synced from the source since the change (waits for publish)."""
        return self.source_changed_at <= self.translation.source.last_updated_at

    def describe(self):
        """ "Outdated: 3 segments changed, 1 added since the source was updated on 5 December 2026." """
        parts = []
        if self.changed:
            parts.append(
                ngettext("%(count)s segment changed", "%(count)s segments changed", self.changed)
                % {"count": self.changed}
            )
        if self.added:
            parts.append(ngettext("%(count)s added", "%(count)s added", self.added) % {"count": self.added})
        if self.removed:
            parts.append(
                ngettext("%(count)s removed", "%(count)s removed", self.removed) % {"count": self.removed}
            )
        text = gettext("Outdated: %(changes)s since the source was updated on %(date)s.") % {
            "changes": ", ".join(parts),
            "date": date_format(timezone.localtime(self.source_changed_at), "DATE_FORMAT"),
        }
        if self.synced:
            text += " " + gettext("Synced: translate the new strings and publish the translation.")
        return text

    def fix_url(self):
        """Where the translation is brought up to date: the sync from its source, once synced its editor."""
        if self.synced:
            return self.translation.get_target_instance_edit_url()
        return reverse("wagtail_localize:update_translations", args=[self.translation.source_id])
