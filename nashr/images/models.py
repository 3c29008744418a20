from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from .renditions import ALONE_SPECS, batch_for

# The texts an image carries in each edition (NashrImage.texts), by key.
TEXT_KEYS = ("alt", "caption", "credit")


@dataclass(frozen=True)
class ImageText:
    """What readers of one edition read of an image. `credit_language` is set when the credit is shown in
    another language (a name is not left out for want of a translation): templates mark it with `lang`."""

    alt: str = ""
    caption: str = ""
    credit: str = ""
    credit_language: str = ""


class NashrImage(AbstractImage):
    """An image with the credit a newsroom must print beside it, and its texts in every edition.

    The description (Wagtail's alt text), default caption and credit are written in `language`; the other
    editions' texts sit in `texts` ({"fa": {"alt": ..., "caption": ..., "credit": ...}}) on the same row, so
    whatever loads an image has them with no query of their own (decision 0023)."""

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
    language = models.CharField(
        _("language of these texts"),
        max_length=12,
        default=settings.LANGUAGE_CODE,
        help_text=_("The edition whose readers read the description, caption and credit above."),
    )
    texts = models.JSONField(
        _("texts in the other editions"),
        default=dict,
        blank=True,
    )

    admin_form_fields = (*Image.admin_form_fields, "credit", "default_caption", "language")

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

    def __getstate__(self):
        """Pickled (a rendition kept in the cache carries its image) without the listing's RenditionBatch."""
        state = super().__getstate__()
        state.pop("rendition_batch", None)
        return state

    def text_in(self, code):
        """The image's texts for readers of edition `code`: its own texts in that edition, never another
        language's alt text or caption (an empty alt marks the picture decorative; the page's caption, when
        it gives one, comes first in templates). The credit falls back to the image's own, marked with its
        language."""
        if code == self.language:
            return ImageText(self.description, self.default_caption, self.credit)
        own = self.texts.get(code) if isinstance(self.texts, dict) else None
        own = own if isinstance(own, dict) else {}
        credit = own.get("credit") or ""
        credit_language = ""
        if not credit and self.credit:
            credit, credit_language = self.credit, self.language
        return ImageText(own.get("alt") or "", own.get("caption") or "", credit, credit_language)

    def set_text(self, code, **values):
        """Set the texts of edition `code` (keys of TEXT_KEYS); blank values are dropped. Save afterwards."""
        if code == self.language:
            own = {"alt": "description", "caption": "default_caption", "credit": "credit"}
            for key, value in values.items():
                setattr(self, own[key], value or "")
            return
        texts = dict(self.texts or {})
        entry = {**texts.get(code, {}), **values}
        entry = {key: entry[key].strip() for key in TEXT_KEYS if (entry.get(key) or "").strip()}
        if entry:
            texts[code] = entry
        else:
            texts.pop(code, None)
        self.texts = texts

    def find_existing_renditions(self, *filters):
        """Wagtail's lookup, from the database in one prepared query: a listing's picture from its listing's
        batch (images.renditions.share_renditions), an image alone from one of its own (`batch_for`).
        Wagtail reads its cache of renditions first, which the embedded cache answers key by key: the six
        renditions of a lead picture in 410 us, against 77 us for the query. Renditions found are marked as
        read, so `get_renditions` does not write them back to the cache; a missing one is made as usual."""
        if self._get_prefetched_renditions() is not None:
            return super().find_existing_renditions(*filters)
        return batch_for(self, [f.spec for f in filters]).find(self, filters)

    def read_alone(self):
        """The read of its renditions when it is drawn alone (a post's lead: its picture and its link
        preview), for `caching.together.read_together`; None once read."""
        return batch_for(self, ALONE_SPECS).ahead()

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
