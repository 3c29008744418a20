"""A gallery's pictures have addresses of their own (`<gallery>/<n>/`): the static output writes them, and
they are rewritten and removed with their gallery (nashr/publishing/dependencies.py's hooks)."""

from wagtail import hooks

from .models import GalleryPage

REVISIONS_LOOKED_AT = 20


def _picture_count_before(page):
    """The most pictures the gallery had in its recent revisions: addresses past today's count are gone."""
    counts = [
        len(content.get("gallery_images") or [])
        for content in page.revisions.order_by("-created_at", "-id").values_list("content", flat=True)[
            :REVISIONS_LOOKED_AT
        ]
        if isinstance(content, dict)
    ]
    return max(counts, default=0)


@hooks.register("nashr_own_paths")
def gallery_picture_paths(page):
    if not issubclass(page.specific_class or type(page), GalleryPage):
        return []
    try:
        gallery = page.specific
    except GalleryPage.DoesNotExist:  # its specific row is already gone
        return []
    if not gallery.url:
        return []
    return gallery.picture_urls(max(len(gallery.pictures), _picture_count_before(gallery)))


@hooks.register("nashr_static_paths")
def live_gallery_picture_paths():
    paths = []
    for gallery in GalleryPage.objects.live().public().prefetch_related("gallery_images"):
        if gallery.url:
            paths += gallery.picture_urls(len(gallery.gallery_images.all()))
    return paths
