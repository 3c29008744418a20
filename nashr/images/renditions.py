"""The renditions readers' pages use, in one list: `NashrImage.save` has them made in the background.

`nashr/images/tests/test_renditions.py` reads every `{% image %}` and `{% picture %}` tag in the templates
and fails when one asks for a rendition missing here, so the list and the templates cannot drift.

A listing draws many pictures: `share_renditions` has them read their renditions together, in one query
made when the first of them is drawn, instead of one cache read per picture.
"""

from collections import defaultdict

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


class RenditionBatch:
    """The renditions of `specs` of several images, read in one query the first time one image asks.

    Only what the database holds counts (as with Wagtail's prefetch_renditions): a rendition missing
    there is made as usual. An image asking for another spec is answered the usual way."""

    def __init__(self, image_ids, specs):
        self.image_ids = set(image_ids)
        self.filters = {spec: Filter(spec) for spec in specs}  # each spec parsed once for the listing
        self.by_image = None

    def covers(self, filters):
        return all(f.spec in self.filters for f in filters)

    def find(self, image, filters):
        """{filter: rendition} of those of `filters` (all covered) that `image` has."""
        if self.by_image is None:
            self.by_image = defaultdict(list)
            rows = _RENDITIONS(ids=sorted(self.image_ids), specs=sorted(self.filters))
            for rendition in rows:
                self.by_image[rendition.image_id].append(rendition)
        wanted = {f.spec: f for f in filters}
        found = {}
        for rendition in self.by_image.get(image.pk, ()):
            filter = wanted.get(rendition.filter_spec)
            if filter is None or filter in found:
                continue
            if rendition.focal_point_key == self.filters[filter.spec].get_cache_key(image):
                rendition.image = image  # as Wagtail does: locally set texts (alt) follow this instance
                rendition._from_cache = True  # read, not made: not written to the cache either
                found[filter] = rendition
        return found


def _renditions(ids, specs):
    from .models import NashrImage  # the model module imports this one

    return NashrImage.get_rendition_model().objects.filter(image_id__in=ids, filter_spec__in=specs)


_RENDITIONS = PreparedQuery(_renditions)


def share_renditions(images, *patterns):
    """Have `images` (NashrImages; None is skipped) read their renditions of `patterns` (spec patterns, by
    default the pictures of components/picture.html) together, when the first of them is drawn."""
    images = [image for image in images if image is not None]
    if images:
        specs = [spec for pattern in patterns or [PICTURE] for spec in Filter.expand_spec(pattern)]
        batch = RenditionBatch({image.pk for image in images}, specs)
        for image in images:
            image.rendition_batch = batch
