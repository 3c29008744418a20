"""A post's body as HTML, made of the same components and filters its page renders it with.

Links and pictures come out host-relative (`/fa/...`, `/media/...`), as on the pages, so an app shows them
from whichever address it reads the API at (the primary one, a mirror).
"""

import re

from django.template.loader import render_to_string
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from nashr.articles.models import ArticlePage
from nashr.multimedia.models import GalleryPage, ImagePostPage, VideoPage
from nashr.publications.models import BookPage, PeriodicalIssuePage


def _article(page):  # pages/article_page.html: {% include_block %} for each block
    return "".join(str(block.render_as_block()) for block in page.body)


def _gallery(page):  # pages/gallery_page.html
    items = page.gallery_images.select_related("image")
    sizes = "(max-width: 40rem) 100vw, 30rem"
    return "".join(
        render_to_string(
            "components/figure.html", {"image": item.image, "caption": item.caption, "sizes": sizes}
        )
        for item in items
    )


def _issue(page):  # pages/periodical_issue_page.html: the text, then the digest's entries
    html = expand_db_html(page.body)
    groups = page.digest_groups()
    if groups:
        html += render_to_string("components/digest_entries.html", {"groups": groups})
    return html


# Blank lines and indentation the templates leave between tags: a newline renders as the same space.
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")

RENDERERS = {
    ArticlePage: _article,
    ImagePostPage: lambda page: linebreaks(page.description) if page.description else "",
    GalleryPage: _gallery,
    VideoPage: lambda page: linebreaks(page.transcript) if page.transcript else "",
    BookPage: lambda page: expand_db_html(page.description),
    PeriodicalIssuePage: _issue,
}


def body_html(page):
    """The HTML of a specific post's text: an article's blocks, a picture's description, a gallery's
    pictures, a video's transcript, a book's description, an issue's text and entries."""
    render = RENDERERS.get(type(page))
    return mark_safe(_BETWEEN_TAGS.sub(">\n<", render(page)).strip()) if render is not None else ""
