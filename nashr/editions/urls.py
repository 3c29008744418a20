from django.urls import reverse
from django.utils import translation


def edition_url(language_code, path=""):
    """URL of `path` under an edition's home page, e.g. ("fa", "tag/باران/") -> "/fa/tag/باران/".

    Each edition's HomePage is the root of its locale's tree, so no query is needed.
    """
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[path])
