"""A streaming reader for WordPress export files (WXR 1.0 to 1.2, wordpress.org and WordPress.com).

The file is parsed with the standard library's expat parser through `iterparse`; each author, term and
item is turned into a small record and its XML is dropped at once, so memory stays flat however large the
file. The export namespace may be written with http or https and any 1.x version.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

NAMESPACES = [
    (re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/excerpt/?$"), "excerpt"),
    (re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/?$"), "wp"),
    (re.compile(r"^https?://purl\.org/rss/1\.0/modules/content/?$"), "content"),
    (re.compile(r"^https?://purl\.org/dc/elements/1\.1/?$"), "dc"),
    (re.compile(r"^https?://wellformedweb\.org/CommentAPI/?$"), "wfw"),
]


class WXRError(Exception):
    """The file is not a readable WordPress export; `line` and `column` say where, when known."""

    def __init__(self, message, line=None, column=None):
        self.line, self.column = line, column
        where = f" (line {line}, column {column})" if line else ""
        super().__init__(f"{message}{where}")


@dataclass
class Channel:
    title: str = ""
    link: str = ""
    language: str = ""
    wxr_version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""


@dataclass
class Author:
    login: str = ""
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    wp_id: str = ""

    @property
    def name(self):
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name or full or self.login


@dataclass
class Term:
    taxonomy: str = ""  # category, post_tag, language, post_translations, term_translations...
    term_id: str = ""
    slug: str = ""
    name: str = ""
    parent: str = ""  # the parent's slug
    description: str = ""
    meta: dict = field(default_factory=dict)


@dataclass
class Comment:
    wp_id: str = ""
    author: str = ""
    email: str = ""
    url: str = ""
    date: str = ""
    date_gmt: str = ""
    content: str = ""
    approved: str = "1"
    type: str = ""
    parent: str = "0"
    user_id: str = "0"
    meta: dict = field(default_factory=dict)


@dataclass
class Item:
    wp_id: str = ""
    post_type: str = "post"
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: str = ""
    date_gmt: str = ""
    status: str = ""
    name: str = ""
    parent: str = "0"
    menu_order: str = "0"
    password: str = ""
    sticky: bool = False
    comment_status: str = ""
    attachment_url: str = ""
    terms: list = field(default_factory=list)  # (domain, nicename, name)
    meta: dict = field(default_factory=dict)  # key -> value, or a list of values when repeated
    comments: list = field(default_factory=list)

    def terms_of(self, domain):
        return [(nicename, name) for d, nicename, name in self.terms if d == domain]


def _local(tag):
    """'{http://wordpress.org/export/1.2/}post_id' -> 'wp:post_id'."""
    if tag[:1] != "{":
        return tag
    uri, _, name = tag[1:].partition("}")
    for pattern, prefix in NAMESPACES:
        if pattern.match(uri):
            return f"{prefix}:{name}"
    return tag


def _text(element):
    return element.text or ""


def _children(element):
    return [(_local(child.tag), child) for child in element]


def _meta(element, key_tag, value_tag):
    key = value = ""
    for name, child in _children(element):
        if name == key_tag:
            key = _text(child)
        elif name == value_tag:
            value = _text(child)
    return key, value


def _add_meta(meta, key, value):
    if key in meta:
        previous = meta[key]
        meta[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
    else:
        meta[key] = value


def _fields(element, meta_tag=None):
    """The texts of the element's children by name, and the key-value pairs of its `meta_tag` children."""
    values, meta = {}, {}
    for name, child in _children(element):
        if name == meta_tag:
            _add_meta(meta, *_meta(child, "wp:meta_key", "wp:meta_value"))
        else:
            values[name] = _text(child)
    return values, meta


def _record(cls, values, fields, **more):
    """A `cls` record of the `values` named in `fields` (attribute -> tag); a tag missing: the default."""
    return cls(**{attribute: values[tag] for attribute, tag in fields.items() if tag in values}, **more)


AUTHOR_FIELDS = {
    "login": "wp:author_login",
    "email": "wp:author_email",
    "display_name": "wp:author_display_name",
    "first_name": "wp:author_first_name",
    "last_name": "wp:author_last_name",
    "wp_id": "wp:author_id",
}
# Categories and tags have tags of their own; other taxonomies (wp:term) name theirs.
TERM_FIELDS = {
    "wp:category": {
        "term_id": "wp:term_id",
        "slug": "wp:category_nicename",
        "name": "wp:cat_name",
        "parent": "wp:category_parent",
        "description": "wp:category_description",
    },
    "wp:tag": {
        "term_id": "wp:term_id",
        "slug": "wp:tag_slug",
        "name": "wp:tag_name",
        "description": "wp:tag_description",
    },
    "wp:term": {
        "taxonomy": "wp:term_taxonomy",
        "term_id": "wp:term_id",
        "slug": "wp:term_slug",
        "name": "wp:term_name",
        "parent": "wp:term_parent",
        "description": "wp:term_description",
    },
}
TERM_TAXONOMIES = {"wp:category": "category", "wp:tag": "post_tag"}
COMMENT_FIELDS = {
    "wp_id": "wp:comment_id",
    "author": "wp:comment_author",
    "email": "wp:comment_author_email",
    "url": "wp:comment_author_url",
    "date": "wp:comment_date",
    "date_gmt": "wp:comment_date_gmt",
    "content": "wp:comment_content",
    "approved": "wp:comment_approved",
    "type": "wp:comment_type",
    "parent": "wp:comment_parent",
    "user_id": "wp:comment_user_id",
}


def _author(element):
    return _record(Author, _fields(element)[0], AUTHOR_FIELDS)


def _term(element, kind):
    values, meta = _fields(element, "wp:termmeta")
    term = _record(Term, values, TERM_FIELDS[kind], meta=meta)
    term.taxonomy = TERM_TAXONOMIES.get(kind, term.taxonomy)
    return term


def _comment(element):
    values, meta = _fields(element, "wp:commentmeta")
    comment = _record(Comment, values, COMMENT_FIELDS, meta=meta)
    comment.parent = comment.parent or "0"
    return comment


ITEM_FIELDS = {
    "wp:post_id": "wp_id",
    "wp:post_type": "post_type",
    "title": "title",
    "link": "link",
    "guid": "guid",
    "dc:creator": "creator",
    "content:encoded": "content",
    "excerpt:encoded": "excerpt",
    "wp:post_date": "date",
    "wp:post_date_gmt": "date_gmt",
    "wp:status": "status",
    "wp:post_name": "name",
    "wp:post_parent": "parent",
    "wp:menu_order": "menu_order",
    "wp:post_password": "password",
    "wp:comment_status": "comment_status",
    "wp:attachment_url": "attachment_url",
}


def _item(element):
    item = Item()
    for name, child in _children(element):
        attribute = ITEM_FIELDS.get(name)
        if attribute:
            setattr(item, attribute, _text(child))
        elif name == "category":
            item.terms.append((child.get("domain", "category"), child.get("nicename", ""), _text(child)))
        elif name == "wp:postmeta":
            _add_meta(item.meta, *_meta(child, "wp:meta_key", "wp:meta_value"))
        elif name == "wp:comment":
            item.comments.append(_comment(child))
        elif name == "wp:is_sticky":
            item.sticky = _text(child).strip() == "1"
    item.parent = item.parent or "0"
    return item


CHANNEL_FIELDS = {
    "title": "title",
    "link": "link",
    "language": "language",
    "wp:wxr_version": "wxr_version",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
}


def read(path):
    """Yield the export's Channel first, then its Author, Term and Item records in file order.

    Raises WXRError naming the line and column of the first malformed spot, or when the file is not an
    RSS document with a WordPress export version.
    """
    channel = Channel()
    channel_sent = False
    depth = 0
    channel_element = None
    parser = ET.XMLPullParser(events=("start", "end"))
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 16):
                parser.feed(chunk)
                for event, element in parser.read_events():
                    if event == "start":
                        depth += 1
                        if depth == 1 and _local(element.tag) != "rss":
                            raise WXRError(f"not a WordPress export: the document is <{element.tag}>")
                        if depth == 2 and _local(element.tag) == "channel":
                            channel_element = element
                        continue
                    depth -= 1
                    if depth != 2 or channel_element is None:
                        continue
                    name = _local(element.tag)
                    if name in CHANNEL_FIELDS:
                        setattr(channel, CHANNEL_FIELDS[name], _text(element).strip())
                    else:
                        if not channel_sent and name in (
                            "wp:author",
                            "wp:category",
                            "wp:tag",
                            "wp:term",
                            "item",
                        ):
                            _check_channel(channel)
                            channel_sent = True
                            yield channel
                        if name == "wp:author":
                            yield _author(element)
                        elif name in ("wp:category", "wp:tag", "wp:term"):
                            yield _term(element, name)
                        elif name == "item":
                            yield _item(element)
                    channel_element.remove(element)
            parser.close()
            for _event, _element in parser.read_events():
                pass
    except ET.ParseError as error:
        line_no, column = getattr(error, "position", (None, None))
        message = str(error).split(":")[0]
        raise WXRError(f"malformed XML: {message}", line_no, column) from None
    except UnicodeDecodeError as error:
        raise WXRError(f"the file is not valid text: {error.reason}") from None
    if channel_element is None:
        raise WXRError("not a WordPress export: no <channel> in the <rss> document")
    if not channel_sent:
        _check_channel(channel)
        yield channel


def _check_channel(channel):
    if not channel.wxr_version:
        raise WXRError("not a WordPress export: the channel has no <wp:wxr_version>")
    if not channel.wxr_version.startswith("1."):
        raise WXRError(f"WXR version {channel.wxr_version} is not supported (1.0 to 1.2 are)")


def php_unserialize_map(text):
    """The flat string/int array PHP's serialize() writes for Polylang groups: 'a:2:{s:2:"en";i:12;...}'.

    Returns {key: value} as strings, or {} when the text is not such an array.
    """
    tokens = re.findall(r'([si]):(?:\d+:"((?:[^"]|"(?!;))*)"|(-?\d+))', text or "")
    values = [string if kind == "s" else number for kind, string, number in tokens]
    return dict(zip(values[0::2], values[1::2], strict=False)) if len(values) % 2 == 0 else {}
