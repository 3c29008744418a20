"""The page editor's form of every Nashr page: its fields in the page's direction (editions/direction.py),
and no slug that the site's own addresses claim under the page's parent (core/slugs.py)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nashr.editions.direction import ContentDirectionPageForm

from .slugs import reserved_slugs

SLUG_TAKEN_BY_SITE = _("The address “%(slug)s/” belongs to the site itself here: choose another slug.")


def check_slug(slug, parent):
    if slug and parent is not None and slug in reserved_slugs(parent):
        raise ValidationError(SLUG_TAKEN_BY_SITE, code="reserved", params={"slug": slug})


class PageForm(ContentDirectionPageForm):
    def clean(self):
        cleaned_data = super().clean()
        try:
            check_slug(cleaned_data.get("slug"), self.parent_page)
        except ValidationError as error:
            self.add_error("slug", error)
        return cleaned_data
