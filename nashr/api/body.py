"""A post's body as HTML, made of the same components and filters its page renders it with: each page
type renders its own text (`body_html()` on the page classes).

Links and pictures come out host-relative (`/fa/...`, `/media/...`), as on the pages, so an app shows them
from whichever address it reads the API at (the primary one, a mirror).
"""

from django.utils.safestring import mark_safe

from nashr.core.blocks import compact


def body_html(page):
    """The HTML of a specific post's text: an article's blocks, a picture's description, a gallery's
    pictures, a video's transcript, a book's description, an issue's text and entries."""
    return mark_safe(compact(page.body_html()).strip())
