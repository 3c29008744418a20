"""Feed entries built from posts in a fixed number of queries, however many entries a feed has.

The posts are listed once (id and kind), then fetched per kind with what an entry shows (lead image,
authors, categories, tags, gallery pictures); pictures inside bodies come in one query and internal links
in rich text are expanded for the whole feed at once.
"""

import mimetypes
import unicodedata
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urljoin

from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape, format_html, linebreaks
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from nashr.editions.editions import language_code_of

# Stable entry ids: the same post in the same edition keeps its id through renames and moves.
ENTRY_NAMESPACE = uuid.UUID("6b3f1c2e-8f0e-4a55-9a43-2f6d2b7c9e10")
_SPLIT = "<!--nashr:entry-->"


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


def _stream_values(raw):
    """Block values of a stream's raw data (list items may be wrapped with a type and an id)."""
    for item in raw or []:
        yield item["value"] if isinstance(item, dict) and "value" in item and "type" in item else item


def _body_image_ids(raw_body):
    ids = set()
    for block in raw_body or []:
        value = block.get("value") or {}
        if block.get("type") == "image":
            ids.add(value.get("image"))
        elif block.get("type") == "embed":
            ids.add(value.get("thumbnail"))
        elif block.get("type") == "gallery":
            ids |= {item.get("image") for item in _stream_values(value.get("images"))}
    return {i for i in ids if i}


def _figure(image, caption, alt, root_url, language):
    """A picture in a feed item, in the item's edition: its texts follow components/figure.html."""
    if image is None:
        return ""
    text = image.text_in(language)
    caption = caption or text.caption
    return format_html(
        '<figure><img src="{}" width="{}" height="{}" alt="{}">{}</figure>',
        absolute(root_url, image.file.url),
        image.width,
        image.height,
        alt or text.alt or caption or "",
        format_html("<figcaption>{}</figcaption>", caption) if caption else "",
    )


def _body_html(raw_body, images, root_url, language):
    """An article body as plain HTML for feed readers; rich text stays in its database form for now."""
    parts = []
    for block in raw_body or []:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph":
            parts.append(value or "")
        elif kind == "image":
            parts.append(
                _figure(
                    images.get(value.get("image")),
                    value.get("caption"),
                    value.get("alt_text"),
                    root_url,
                    language,
                )
            )
        elif kind == "gallery":
            for item in _stream_values(value.get("images")):
                parts.append(
                    _figure(
                        images.get(item.get("image")),
                        item.get("caption"),
                        item.get("alt_text"),
                        root_url,
                        language,
                    )
                )
        elif kind == "quote":
            attribution = value.get("attribution")
            parts.append(
                format_html(
                    "<blockquote><p>{}</p>{}</blockquote>",
                    value.get("text", ""),
                    format_html("<footer>— {}</footer>", attribution) if attribution else "",
                )
            )
        elif kind == "embed":
            parts.append(
                format_html('<p><a href="{}">{}</a></p>', value.get("url", ""), value.get("title", ""))
            )
    return "".join(str(p) for p in parts)


class FeedHtml:
    """How a feed writes what a post's type says its entry shows (`feed_content(html)` on the page
    classes): pictures as plain figures, links absolute, rich text left for one expansion per feed."""

    def __init__(self, page, images, root_url):
        self.images, self.root_url = images, root_url
        self.language = language_code_of(page.locale_id)

    def figure(self, image, caption="", alt=""):
        return str(_figure(image, caption, alt, self.root_url, self.language))

    def blocks(self, raw_body):
        return _body_html(raw_body, self.images, self.root_url, self.language)

    def text(self, text):
        return linebreaks(escape(text)) if text else ""

    def document(self, document):
        return str(format_html('<p><a href="{}">PDF</a></p>', absolute(self.root_url, document.url)))

    def digest(self, groups):
        """A digest's entries under their headings, links absolute."""
        root = self.root_url
        groups = [
            {"name": group["name"], "items": [replace(e, url=absolute(root, e.url)) for e in group["items"]]}
            for group in groups
        ]
        return render_to_string("components/digest_entries.html", {"groups": groups}) if groups else ""


def _content(page, images, root_url):
    """The full content of a post as HTML (rich text not yet expanded): its lead picture, then what its
    type shows."""
    html = FeedHtml(page, images, root_url)
    lead = html.figure(page.lead_image, page.caption) if page.lead_image_id else ""
    return lead + page.feed_content(html)


def feed_entries(posts, edition, root_url, limit=None):
    """The newest `limit` posts of the queryset `posts` (PostPage or a subclass) as Entry objects.

    Queries: one list, one per kind of post present (plus three for articles, one for galleries), one for
    the pictures in bodies, and at most one per kind of internal link in rich text.
    """
    limit = limit or settings.NASHR_FEED_ITEMS
    rows = list(
        posts.order_by("-published_at", "-pk").values("pk", "content_type__app_label", "content_type__model")[
            :limit
        ]
    )
    by_model = {}
    for row in rows:
        model = apps.get_model(row["content_type__app_label"], row["content_type__model"])
        by_model.setdefault(model, []).append(row["pk"])
    pages = {}
    for model, ids in by_model.items():
        queryset = model.objects.filter(pk__in=ids).select_related("lead_image", "locale")
        pages.update({page.pk: page for page in model.for_feed(queryset)})
    ordered = [pages[row["pk"]] for row in rows if row["pk"] in pages]

    image_ids = set()
    for page in ordered:
        image_ids |= _body_image_ids(page.feed_blocks())
    images = get_image_model().objects.in_bulk(image_ids) if image_ids else {}

    contents = [_content(page, images, root_url) for page in ordered]
    if contents:
        contents = expand_db_html(_SPLIT.join(contents)).split(_SPLIT)

    entries = []
    for page, content in zip(ordered, contents, strict=True):
        summary = page.search_description or page.summary
        content = content or linebreaks(escape(summary or page.title))
        people, terms = page.feed_terms()
        authors = [{"name": p.name, "url": absolute(root_url, p.get_absolute_url())} for p in people]
        categories = distinct_names(terms)
        updated = max(d for d in (page.published_at, page.last_published_at) if d is not None)
        entries.append(
            Entry(
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
        )
    return entries
