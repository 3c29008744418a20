"""RSS 2.0 and Atom 1.0 through Django's feed generator, with the elements a news feed needs beyond it;
JSON Feed 1.1, which Django does not write, by a small generator of our own."""

import datetime as dt
import json
from dataclasses import dataclass

from django.utils import feedgenerator


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
    the same content always gives the same document (and the same ETag and static file)."""

    def latest_post_date(self):
        return _utc(self.feed["updated"])


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


def _syndication(feed_class, info, entries, description):
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
    for entry in entries:
        image = entry.image
        feed.add_item(
            title=entry.title,
            link=entry.url,
            description=entry.summary or entry.title if feed_class is RssFeed else None,
            pubdate=_utc(entry.published),
            updateddate=_utc(entry.updated) if feed_class is AtomFeed else None,
            unique_id=entry.id,
            unique_id_is_permalink=False,
            categories=entry.categories,
            enclosures=[feedgenerator.Enclosure(image.url, str(image.length), image.mime_type)]
            if image
            else None,
            content=entry.content,
            authors=entry.authors,
            summary=entry.summary,
        )
    return feed.writeString("utf-8")


def rss(info, entries):
    return _syndication(RssFeed, info, entries, info.description or info.title)


def atom(info, entries):
    return _syndication(AtomFeed, info, entries, info.description or info.title)


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
