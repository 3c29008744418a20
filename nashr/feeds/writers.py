"""RSS 2.0 and Atom 1.0 through Django's feed generator, with the elements a news feed needs beyond it;
JSON Feed 1.1, which Django does not write, by a small generator of our own.

A post's entry is written the same in every feed that lists it (its edition's, its section's, each of its
categories', tags' and authors': about ten feeds), so its RSS item and Atom entry, which Django's generator
writes element by element in Python, are written once, when the entry is built (`written_items`), kept with
it (`Entry.written`), and put into each feed as they are. The feed's own elements are written for each
feed; a JSON Feed item is one `json.dumps`, written for each feed too (not kept: the entry stays smaller).
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


class _Spliced:
    """Writes the items given as text (`written`: each item's XML) as they are; without them, its own."""

    written = None

    def write_items(self, handler):
        if self.written is None:
            return super().write_items(handler)
        for xml in self.written:
            handler.ignorableWhitespace(xml)  # raw text: the finished element


class _Dated:
    """The feed's date is the newest entry's, else the edition home's: never the time of the request, so
    the same content always gives the same document (and the same ETag and static file)."""

    def latest_post_date(self):
        return _utc(self.feed["updated"])


class RssFeed(_Dated, _Spliced, feedgenerator.Rss201rev2Feed):
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


class AtomFeed(_Dated, _Spliced, feedgenerator.Atom1Feed):
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


def _syndication(feed_class, fmt, info, entries, description):
    feed = feed_class(
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
    if all(entry.written is not None for entry in entries):
        feed.written = [entry.written[fmt] for entry in entries]
    else:  # an entry kept by older code, without its items: the feed written whole
        for entry in entries:
            feed.add_item(**_item_fields(feed_class, entry))
    return feed.writeString("utf-8")


def _item_fields(feed_class, entry):
    image = entry.image
    enclosure = feedgenerator.Enclosure(image.url, str(image.length), image.mime_type) if image else None
    return {
        "title": entry.title,
        "link": entry.url,
        "description": entry.summary or entry.title if feed_class is RssFeed else None,
        "pubdate": _utc(entry.published),
        "updateddate": _utc(entry.updated) if feed_class is AtomFeed else None,
        "unique_id": entry.id,
        "unique_id_is_permalink": False,
        "categories": entry.categories,
        "enclosures": [enclosure] if enclosure else None,
        "content": entry.content,
        "authors": entry.authors,
        "summary": entry.summary,
    }


def _item_xml(feed_class, entry):
    """The entry's <item> (RSS) or <entry> (Atom), as Django's generator writes it inside a feed."""
    feed = feed_class(title="", link="", description="")
    feed.add_item(**_item_fields(feed_class, entry))
    out = io.StringIO()
    feed.write_items(SimplerXMLGenerator(out, "utf-8", short_empty_elements=True))
    return out.getvalue()


def _json_item(entry, language):
    item = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "content_html": entry.content,
        "date_published": rfc3339(entry.published),
        "date_modified": rfc3339(entry.updated),
        "language": language,
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
    return json.dumps(item, ensure_ascii=False)


def written_items(entry):
    """{"rss": its <item>, "atom": its <entry>}, for `Entry.written`: written once for every feed that
    lists it (neither names the feed's language)."""
    return {"rss": _item_xml(RssFeed, entry), "atom": _item_xml(AtomFeed, entry)}


def rss(info, entries):
    return _syndication(RssFeed, "rss", info, entries, info.description or info.title)


def atom(info, entries):
    return _syndication(AtomFeed, "atom", info, entries, info.description or info.title)


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
    language = info.language
    items = ["\n  " + _json_item(entry, language) for entry in entries]  # json.dumps: no need to keep it
    # The head indented, one line per item: readable, and small.
    head = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    return f'{head},\n "items": [{",".join(items)}\n ]\n}}\n'


WRITERS = {"rss": rss, "atom": atom, "json": json_feed}
