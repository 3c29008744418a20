"""Feed entries built from posts in a fixed number of queries, however many entries a feed has.

The posts are listed once (id and kind), then fetched per kind with what an entry shows (lead image,
authors, categories, tags, gallery pictures, the blocks of bodies and their pictures). Each entry's content
is written by the components its page is rendered with (`body_html(feed=True)`), in their variant for feed
readers; then the internal links of rich text are expanded and addresses made absolute, for the whole feed
at once (`feed_safe`).
"""

import mimetypes
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape, format_html, linebreaks
from wagtail.rich_text import expand_db_html

from nashr.caching.store import fragments
from nashr.core.blocks import compact
from nashr.editions.editions import language_code_of

from .writers import written_items

# Stable entry ids: the same post in the same edition keeps its id through renames and moves.
ENTRY_NAMESPACE = uuid.UUID("6b3f1c2e-8f0e-4a55-9a43-2f6d2b7c9e10")
_SPLIT = "<!--nashr:entry-->"
# In a tag: an address on the site's host ("/en/...", "/media/..."; not "//host/..."), and a class, which
# feed readers drop with the style sheet that reads it.
_HOST_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)(?=[^<>]*>)')
_CLASS = re.compile(r'\sclass="[^"<>]*"(?=[^<>]*>)')


@dataclass
class Enclosure:
    url: str
    mime_type: str
    length: int
    width: int
    height: int


@dataclass
class Entry:
    id: str
    url: str
    title: str
    summary: str
    content: str
    published: datetime
    updated: datetime
    authors: list = field(default_factory=list)  # [{"name", "url"}]
    categories: list = field(default_factory=list)  # names
    image: Enclosure | None = None
    # Its RSS item and Atom entry, written once when it is built (writers.written_items); None in an entry
    # kept by older code, whose items are written for each feed
    written: dict | None = None


def entry_id(page):
    return f"urn:uuid:{uuid.uuid5(ENTRY_NAMESPACE, f'{page.translation_key}/{page.locale_id}')}"


def absolute(root_url, url):
    return urljoin(root_url + "/", url) if url else ""


def distinct_names(names):
    """`names` without repeats, first spelling kept: a category and a tag of the same name are one term.

    Names compare after NFKC normalization, case folding and trimming, so "Books", "books " and "BOOKS" match.
    """
    seen, kept = set(), []
    for name in names:
        key = unicodedata.normalize("NFKC", name).casefold().strip()
        if key and key not in seen:
            seen.add(key)
            kept.append(name.strip())
    return kept


def image_enclosure(image, root_url):
    if image is None:
        return None
    mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
    length = image.file_size
    if not length:  # images saved outside the admin may not have their size recorded
        try:
            length = image.file.size
        except OSError:
            length = 0
    return Enclosure(absolute(root_url, image.file.url), mime_type, length, image.width, image.height)


class FeedHtml:
    """What a post's type writes its entry with (`feed_content(html)` on the page classes), beside its own
    `body_html(feed=True)`: the components its page uses, in their variant for feed readers."""

    def figure(self, image, caption=""):
        """A picture with its caption and credit in the current edition (components/figure.html)."""
        return render_to_string("components/figure.html", {"image": image, "caption": caption, "feed": True})

    def document(self, document):
        return str(format_html('<p><a href="{}">PDF</a></p>', document.url))


def _content(page, html):
    """The full content of a post as HTML, in its edition (rich text not yet expanded, links host-relative):
    its lead picture, then what its type shows."""
    with translation.override(language_code_of(page.locale_id)):
        lead = html.figure(page.lead_image, page.caption) if page.lead_image_id else ""
        return lead + page.feed_content(html)


def feed_safe(contents, root_url):
    """`contents` (the entries' HTML) as a feed carries it: the internal links of rich text expanded, for all
    entries at once, and every host-relative link and picture made absolute (a reader has no page to
    resolve them against), classes and the templates' indentation left out."""
    if not contents:
        return []
    html = _HOST_RELATIVE.sub(lambda match: f"{match[1]}{root_url}/", expand_db_html(_SPLIT.join(contents)))
    html = compact(_CLASS.sub("", html))
    return [content.strip() for content in html.split(_SPLIT)]


def feed_entries(newest, edition, root_url, limit=None):
    """The newest `limit` posts as Entry objects; `newest(limit)`: their (pk, app label, model name) rows,
    newest first (`FeedSource.newest`).

    A post's entry is the same in every feed that lists it (its edition's, its section's, each of its
    categories', tags' and authors'): each is kept as a fragment of the edition, so a full static build
    writes a post's content once, not once a feed (about ten times). The entries not kept are built together:
    one query for the list, then one per kind of post present (plus three for articles, one for galleries),
    one per kind of picture block in articles' bodies (`ArticlePage.prepare_feed`), and at most one per kind
    of internal link in rich text.
    """
    rows = list(newest(limit or settings.NASHR_FEED_ITEMS))
    names = {f"feed-entry:{row[0]}\x1f{root_url}": row for row in rows}

    def build(missing):
        built = _entries([names[name] for name in missing], edition, root_url)
        return {name: built.get(names[name][0]) for name in missing}

    kept = fragments(list(names), build, edition=edition.code)
    return [entry for name in names if (entry := kept[name]) is not None]


def _entries(rows, edition, root_url):
    """{pk: Entry} of the posts in `rows` (as `feed_entries` lists them), fetched together."""
    by_model = {}
    for row in rows:
        pk, app_label, model_name = row
        by_model.setdefault(apps.get_model(app_label, model_name), []).append(pk)
    pages = {}
    for model, ids in by_model.items():
        pages.update({page.pk: page for page in model.feed_pages(ids)})
    ordered = [pages[row[0]] for row in rows if row[0] in pages]

    html = FeedHtml()
    contents = feed_safe([_content(page, html) for page in ordered], root_url)

    entries = {}
    for page, content in zip(ordered, contents, strict=True):
        summary = page.search_description or page.summary
        content = content or linebreaks(escape(summary or page.title))
        people, terms = page.feed_terms()
        authors = [{"name": p.name, "url": absolute(root_url, p.get_absolute_url())} for p in people]
        categories = distinct_names(terms)
        updated = max(d for d in (page.published_at, page.last_published_at) if d is not None)
        entries[page.pk] = Entry(
            id=entry_id(page),
            url=absolute(root_url, edition.page_path(page.url_path)),
            title=page.title,
            summary=summary,
            content=content,
            published=page.published_at,
            updated=updated,
            authors=authors,
            categories=categories,
            image=image_enclosure(page.lead_image, root_url),
        )
        entries[page.pk].written = written_items(entries[page.pk])
    return entries
