"""RSS 2.0 and Atom 1.0 through Django's feed generator, with the elements a news feed needs beyond it;
JSON Feed 1.1, which Django does not write, by a small generator of our own.

A post's entry is the same in every feed that lists it (its edition's, section's, categories', tags' and
authors'), so its RSS item and Atom entry are written once, when the entry is built (`entry_elements`), and
kept with it (feeds/items.py); a feed writes its head and then those elements as they are. The generator
writes each element once a post instead of once a feed and format (about thirty times in a full build).
"""

import datetime as dt
import io
import json
from dataclasses import dataclass

from django.utils import feedgenerator
from django.utils.xmlutils import SimplerXMLGenerator


@dataclass
class FeedInfo:
    title: str
    description: str
    language: str
    home_url: str  # the page the feed follows, absolute
    self_url: str  # this feed, absolute
    author: str  # the publication's name
    updated: object  # datetime


def _utc(value):
    """In UTC: RSS dates then end in "GMT", as RFC 822 writes them."""
    return value.astimezone(dt.UTC) if value else value


def rfc3339(value):
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


class _Dated:
    """The feed's date is the newest entry's, else the edition home's: never the time of the request, so
    the same content always gives the same document (and the same ETag and static file).

    With `elements` (the entries' elements as `entry_elements` wrote them), the items are written as they
    are; without, by the generator (`entry_elements` itself)."""

    elements = None

    def latest_post_date(self):
        return _utc(self.feed["updated"])

    def write_items(self, handler):
        if self.elements is None:
            return super().write_items(handler)
        for markup in self.elements:
            handler.ignorableWhitespace(markup)  # written as it is, after the open tag is closed


class RssFeed(_Dated, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the full text (content:encoded) and every author (dc:creator)."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content"])
        for author in item["authors"]:
            handler.addQuickElement("dc:creator", author["name"])


class AtomFeed(_Dated, feedgenerator.Atom1Feed):
    """Atom 1.0 with a plain-text summary, the full text as HTML and every author with their page."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            handler.addQuickElement("uri", author["url"])
            handler.endElement("author")
        if item["summary"]:
            handler.addQuickElement("summary", item["summary"], {"type": "text"})
        handler.addQuickElement("content", item["content"], {"type": "html"})


def _item(feed_class, entry):
    """The generator's item of `entry` for `feed_class`."""
    image = entry.image
    enclosures = [feedgenerator.Enclosure(image.url, str(image.length), image.mime_type)] if image else None
    return {
        "title": entry.title,
        "link": entry.url,
        "description": entry.summary or entry.title if feed_class is RssFeed else None,
        "pubdate": _utc(entry.published),
        "updateddate": _utc(entry.updated) if feed_class is AtomFeed else None,
        "unique_id": entry.id,
        "unique_id_is_permalink": False,
        "categories": entry.categories,
        "enclosures": enclosures,
        "content": entry.content,
        "authors": entry.authors,
        "summary": entry.summary,
    }


FORMAT_CLASSES = {"rss": RssFeed, "atom": AtomFeed}


def entry_elements(entry):
    """{"rss": its <item>, "atom": its <entry>} of `entry`, as the generator writes them in a feed."""
    elements = {}
    for fmt, feed_class in FORMAT_CLASSES.items():
        feed = feed_class(title="", link="", description="")
        feed.add_item(**_item(feed_class, entry))
        out = io.StringIO()
        feed.write_items(SimplerXMLGenerator(out, "utf-8", short_empty_elements=True))
        elements[fmt] = out.getvalue()
    return elements


def _syndication(fmt, info, entries, description):
    feed = FORMAT_CLASSES[fmt](
        title=info.title,
        link=info.home_url,
        description=description,
        language=info.language,
        author_name=info.author,
        subtitle=info.description or None,
        feed_url=info.self_url,
        feed_guid=info.self_url,
        updated=info.updated,
    )
    feed.elements = [(entry.elements or entry_elements(entry))[fmt] for entry in entries]
    return feed.writeString("utf-8")


def rss(info, entries):
    return _syndication("rss", info, entries, info.description or info.title)


def atom(info, entries):
    return _syndication("atom", info, entries, info.description or info.title)


def json_feed(info, entries):
    head = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.self_url,
        "description": info.description or info.title,
        "language": info.language,
        "authors": [{"name": info.author}],
    }
    items = []
    for entry in entries:
        item = {
            "id": entry.id,
            "url": entry.url,
            "title": entry.title,
            "content_html": entry.content,
            "date_published": rfc3339(entry.published),
            "date_modified": rfc3339(entry.updated),
            "language": info.language,
        }
        if entry.summary:
            item["summary"] = entry.summary
        if entry.authors:
            item["authors"] = entry.authors
        if entry.categories:
            item["tags"] = entry.categories
        if entry.image:
            item["image"] = entry.image.url
            item["attachments"] = [
                {
                    "url": entry.image.url,
                    "mime_type": entry.image.mime_type,
                    "size_in_bytes": entry.image.length,
                }
            ]
        items.append("\n  " + json.dumps(item, ensure_ascii=False))
    # The head indented, one line per item: readable, and small.
    head = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    return f'{head},\n "items": [{",".join(items)}\n ]\n}}\n'


WRITERS = {"rss": rss, "atom": atom, "json": json_feed}
