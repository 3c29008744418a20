"""The renditions readers' pages use, in one list: `NashrImage.save` has them made in the background.

`nashr/images/tests/test_renditions.py` reads every `{% image %}` and `{% picture %}` tag in the templates
and fails when one asks for a rendition missing here, so the list and the templates cannot drift.

A listing draws many pictures: `share_renditions` has them read their renditions together, in one query
made when the first of them is drawn, instead of one cache read per picture; an image alone reads all a
page draws of it in one query too (`batch_for`).
"""

from collections import defaultdict
from functools import cache

from django.db import router
from wagtail.images.models import Filter

from nashr.caching.queries import PreparedQuery

# components/picture.html: {% picture image format-{webp,jpeg} width-{480,800,1200} %}
PICTURE = "format-{webp,jpeg}|width-{480,800,1200}"
# pages/gallery_picture_page.html (and the gallery's lightbox, pages/gallery_page.html): a picture large
LARGE = "format-{webp,jpeg}|width-1600"
# pages/video_page.html: the poster of a video
VIDEO_POSTER = "width-1200|format-jpeg"
# seo/metadata.py: Open Graph and JSON-LD
OG_IMAGE = "fill-1200x630|format-jpeg"

PUBLIC_SPECS = [*Filter.expand_spec(PICTURE), *Filter.expand_spec(LARGE), VIDEO_POSTER, OG_IMAGE]


@cache
def filter_for(spec):
    """Wagtail's Filter of `spec`, made once per process: a Filter parses its operations (with `inspect`)
    the first time it is asked for a cache key, and keeps nothing else; a new one per listing parsed them
    again for every picture (3 % of an article's time from nothing)."""
    return Filter(spec)


class RenditionBatch:
    """The renditions of `specs` of several images, read in one query the first time one image asks.

    Only what the database holds counts (as with Wagtail's prefetch_renditions): a rendition missing
    there is made as usual. An image asking for another spec is answered the usual way."""

    def __init__(self, image_ids, specs):
        self.image_ids = set(image_ids)
        self.filters = {spec: filter_for(spec) for spec in specs}
        self.rows_by_image = None

    def covers(self, filters):
        return self.covers_specs(f.spec for f in filters)

    def covers_specs(self, specs):
        return all(spec in self.filters for spec in specs)

    def _rows(self):
        """{image id: [row]}: the batch's renditions as rows of RENDITION_FIELDS, read in one query the first
        time an image asks; instances are made of them only for those asked for by `find`."""
        if self.rows_by_image is None:
            self.rows_by_image = defaultdict(list)
            for row in _RENDITION_ROWS(**self._values()):
                self.rows_by_image[row[IMAGE_ID]].append(row)
        return self.rows_by_image

    def ahead(self):
        """Its read, for `caching.together.read_together` (None once read)."""
        return None if self.rows_by_image is not None else _RENDITION_ROWS.ahead(**self._values())

    def _values(self):
        return {"ids": sorted(self.image_ids), "specs": sorted(self.filters)}

    def _made_for(self, image):
        """The rows of `image` made for its focal point, by spec (the first of each)."""
        found = {}
        for row in self._rows().get(image.pk, ()):
            spec = row[FILTER_SPEC]
            if spec not in found and row[FOCAL_POINT_KEY] == self.filters[spec].get_cache_key(image):
                found[spec] = row
        return found

    def rows(self, image):
        """{spec: (file name, width, height)} of `image`'s renditions among the batch's specs:
        images/pictures.py writes a picture from them, with no model instance."""
        return {spec: (row[FILE], row[WIDTH], row[HEIGHT]) for spec, row in self._made_for(image).items()}

    def find(self, image, filters):
        """{filter: rendition} of those of `filters` (all covered) that `image` has."""
        from .models import NashrImage  # the model module imports this one

        model = NashrImage.get_rendition_model()
        database = router.db_for_read(model)
        made = self._made_for(image)
        found = {}
        for filter in filters:
            row = made.get(filter.spec)
            if row is not None and filter not in found:
                rendition = model.from_db(database, RENDITION_FIELDS, row)
                rendition.image = image  # as Wagtail does: locally set texts (alt) follow this instance
                rendition._from_cache = True  # read, not made: not written to the cache either
                found[filter] = rendition
        return found


def _renditions(ids, specs):
    from .models import NashrImage  # the model module imports this one

    return NashrImage.get_rendition_model().objects.filter(image_id__in=ids, filter_spec__in=specs)


# The columns of a rendition row, in the order Model.from_db takes them (its concrete fields).
RENDITION_FIELDS = ["id", "filter_spec", "file", "width", "height", "focal_point_key", "image_id"]
FILTER_SPEC, FILE, WIDTH, HEIGHT, FOCAL_POINT_KEY, IMAGE_ID = range(1, 7)
_RENDITION_ROWS = PreparedQuery(lambda ids, specs: _renditions(ids, specs).values_list(*RENDITION_FIELDS))


# What a page draws of an image alone (a post's lead): its picture and its link preview (og:image).
ALONE_SPECS = frozenset([*Filter.expand_spec(PICTURE), OG_IMAGE])


def batch_for(image, specs):
    """The batch `image` reads its renditions of `specs` from: its listing's, or else one of its own, kept on
    it and covering what a page draws of an image alone, so its picture and its link preview are read in
    one query (six renditions from the embedded cache, key by key, took 410 us; the query 77 us)."""
    batch = getattr(image, "rendition_batch", None)
    if batch is None or not batch.covers_specs(specs):
        batch = RenditionBatch({image.pk}, ALONE_SPECS | set(specs))
        image.rendition_batch = batch
    return batch


def share_renditions(images, *patterns):
    """Have `images` (NashrImages; None is skipped) read their renditions of `patterns` (spec patterns, by
    default the pictures of components/picture.html) together, when the first of them is drawn."""
    images = [image for image in images if image is not None]
    if images:
        specs = [spec for pattern in patterns or [PICTURE] for spec in Filter.expand_spec(pattern)]
        batch = RenditionBatch({image.pk for image in images}, specs)
        for image in images:
            image.rendition_batch = batch
