from django.db import transaction
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """The admin's image form (`WAGTAILIMAGES_IMAGE_FORM_BASE`).

    Wagtail's form deletes an image's renditions after saving a new file, so the renditions are asked for
    again once that is done.
    """

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit and "file" in self.changed_data:
            transaction.on_commit(image.enqueue_public_renditions)
        return image
