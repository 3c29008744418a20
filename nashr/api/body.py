"""A post's body as HTML, made of the same components and filters its page renders it with: each page
type renders its own text (`body_html()` on the page classes).

Links and pictures come out host-relative (`/fa/...`, `/media/...`), as on the pages, so an app shows them
from whichever address it reads the API at (the primary one, a mirror).
"""

import re

from django.utils.safestring import mark_safe

# Blank lines and indentation the templates leave between tags: a newline renders as the same space.
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")


def body_html(page):
    """The HTML of a specific post's text: an article's blocks, a picture's description, a gallery's
    pictures, a video's transcript, a book's description, an issue's text and entries."""
    return mark_safe(_BETWEEN_TAGS.sub(">\n<", page.body_html()).strip())
