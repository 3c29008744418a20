from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

from nashr.editions.editions import all_editions

# The texts an image carries in each edition, with their labels and longest lengths (as the image's own).
TEXT_FIELDS = {
    "alt": (_("Alt text (%(edition)s)"), 255),
    "caption": (_("Caption (%(edition)s)"), 500),
    "credit": (_("Credit (%(edition)s)"), 255),
}


class ImageForm(BaseImageForm):
    """The admin's image form (`WAGTAILIMAGES_IMAGE_FORM_BASE`).

    Besides Wagtail's fields it holds the image's alt text, caption and credit in every edition other than
    the one its own texts are written in (NashrImage.texts): one group of fields per edition, each written
    in that edition's language and direction.

    Wagtail's form deletes an image's renditions after saving a new file, so the renditions are asked for
    again once that is done.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            self.fields["language"] = forms.ChoiceField(
                label=self.fields["language"].label,
                help_text=self.fields["language"].help_text,
                choices=[(e.code, e.name) for e in all_editions()],
                initial=self.instance.language or settings.LANGUAGE_CODE,
                required=False,  # left out (an upload, a script): the image keeps its language
            )
        self.text_editions = [e for e in all_editions() if e.code != self.instance.language]
        for edition in self.text_editions:
            entry = (self.instance.texts or {}).get(edition.code, {})
            for key, (label, length) in TEXT_FIELDS.items():
                self.fields[f"text_{edition.code}_{key}"] = forms.CharField(
                    label=label % {"edition": edition.name},
                    max_length=length,
                    required=False,
                    initial=entry.get(key, ""),
                    widget=forms.TextInput(attrs={"lang": edition.code, "dir": edition.direction}),
                )

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language or settings.LANGUAGE_CODE

    def save(self, commit=True):
        language = self.cleaned_data.get("language") or self.instance.language
        for edition in self.text_editions:
            if edition.code == language:  # now written in the image's own fields
                continue
            values = {key: self.cleaned_data.get(f"text_{edition.code}_{key}", "") for key in TEXT_FIELDS}
            self.instance.set_text(edition.code, **values)
        image = super().save(commit=commit)
        if commit and "file" in self.changed_data:
            transaction.on_commit(image.enqueue_public_renditions)
        return image
