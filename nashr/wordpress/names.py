"""Slugs and translation keys of what an import makes.

`unique_slug` is the one place a slug is made unique among those taken (sibling pages, an edition's
categories or people); `Names` remembers for the run which slugs and keys are taken, so each parent or
edition is asked once, and forgets it after a failed item.
"""

import re
import uuid
from urllib.parse import unquote

from django.utils.text import slugify

from nashr.core.slugs import reserved_slugs

KEY_NAMESPACE = uuid.UUID("5b0f7c1e-7d7a-4a61-9a55-6a3f2d0c8e11")


def readable_slug(name, title, fallback, length=200):
    """A slug readers can read in any script: WordPress stores non-Latin slugs percent-encoded."""
    for candidate in (unquote(name or ""), title or ""):
        slug = slugify(candidate.replace("\u200c", "-"), allow_unicode=True)[:length].strip("-")
        slug = re.sub(r"-{2,}", "-", slug)
        if slug:
            return slug
    return fallback


def unique_slug(slug, taken, keep):
    """`slug`, or `slug-2`, `slug-3`... the first not in `taken` (with a number, the slug's first `keep`
    characters, so that it fits its field); added to `taken`."""
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug[:keep]}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


class Names:
    def __init__(self, run):
        self.run = run
        self.forget()

    def forget(self):
        self.sibling_slugs = {}  # parent page id -> slugs of its children
        self.taken_keys = {}  # (model, locale id) -> translation keys in use
        self.used_keys = set()

    def page_slug(self, parent, slug):
        """A slug no other child of `parent` has, and none the site's own addresses claim there."""
        slugs = self.sibling_slugs.get(parent.pk)
        if slugs is None:
            slugs = set(parent.get_children().values_list("slug", flat=True)) | reserved_slugs(parent)
            self.sibling_slugs[parent.pk] = slugs
        return unique_slug(slug, slugs, 190)  # slugs up to 200 characters, the field takes 255

    @staticmethod
    def edition_slug(model, locale, slug, keep):
        """A slug no other `model` object (category, person) of the edition has."""
        taken = set(model.objects.filter(locale=locale).values_list("slug", flat=True))
        return unique_slug(slug, taken, keep)

    def translation_key(self, group, model, locale):
        """The same key for the same WordPress translation group of the same site, on every run; a new
        one if that key is taken in the edition already."""
        key = uuid.uuid5(KEY_NAMESPACE, f"{self.run.source}|{model.__name__}|{group}")
        taken = self.taken_keys.get((model, locale.pk))
        if taken is None:  # one query per model and edition, not one per item
            taken = set(model.objects.filter(locale=locale).values_list("translation_key", flat=True))
            self.taken_keys[(model, locale.pk)] = taken
        if (key, locale.pk) in self.used_keys or key in taken:
            key = uuid.uuid4()
        self.used_keys.add((key, locale.pk))
        taken.add(key)
        return key
