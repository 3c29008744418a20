from django.urls import get_script_prefix, reverse
from django.utils import translation

_homes = {}  # (script prefix, language) -> the edition's home URL: asked for many times on every page


def edition_url(language_code, path=""):
    """URL of `path` under an edition's home page, e.g. ("fa", "tag/باران/") -> "/fa/tag/باران/".

    Each edition's HomePage is the root of its locale's tree, so no query is needed.
    """
    if not path:
        key = (get_script_prefix(), language_code)
        if key not in _homes:
            with translation.override(language_code):
                _homes[key] = reverse("wagtail_serve", args=[""])
        return _homes[key]
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[path])
