"""The renditions readers' pages use, in one list: `NashrImage.save` has them made in the background.

`nashr/images/tests/test_renditions.py` reads every `{% image %}` and `{% picture %}` tag in the templates
and fails when one asks for a rendition missing here, so the list and the templates cannot drift.
"""

from wagtail.images.models import Filter

# components/picture.html: {% picture image format-{webp,jpeg} width-{480,800,1200} %}
PICTURE = "format-{webp,jpeg}|width-{480,800,1200}"
# pages/gallery_picture_page.html (and the gallery's lightbox, pages/gallery_page.html): a picture large
LARGE = "format-{webp,jpeg}|width-1600"
# pages/video_page.html: the poster of a video
VIDEO_POSTER = "width-1200|format-jpeg"
# seo/metadata.py: Open Graph and JSON-LD
OG_IMAGE = "fill-1200x630|format-jpeg"

PUBLIC_SPECS = [*Filter.expand_spec(PICTURE), *Filter.expand_spec(LARGE), VIDEO_POSTER, OG_IMAGE]
