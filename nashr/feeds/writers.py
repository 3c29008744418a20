"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 writers. Each yields the document in pieces, entry by entry."""

import datetime as dt
import json
from dataclasses import dataclass
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr


@dataclass
class FeedInfo:
    title: str
    description: str
    language: str
    home_url: str  # the page the feed follows, absolute
    self_url: str  # this feed, absolute
    author: str  # the publication's name
    updated: object  # datetime


def rfc822(value):
    return format_datetime(value.astimezone(dt.UTC), usegmt=True)


def rfc3339(value):
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _element(name, text, indent="    "):
    return f"{indent}<{name}>{escape(str(text))}</{name}>\n"


def rss(info, entries):
    yield '<?xml version="1.0" encoding="utf-8"?>\n'
    yield (
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
    )
    yield _element("title", info.title, "  ")
    yield _element("link", info.home_url, "  ")
    yield _element("description", info.description or info.title, "  ")
    yield _element("language", info.language, "  ")
    yield _element("lastBuildDate", rfc822(info.updated), "  ")
    yield f'  <atom:link href={quoteattr(info.self_url)} rel="self" type="application/rss+xml"/>\n'
    for entry in entries:
        parts = ["  <item>\n"]
        parts.append(_element("title", entry.title))
        parts.append(_element("link", entry.url))
        parts.append(f'    <guid isPermaLink="false">{escape(entry.id)}</guid>\n')
        parts.append(_element("pubDate", rfc822(entry.published)))
        parts.append(_element("description", entry.summary or entry.title))
        parts.append(_element("content:encoded", entry.content))
        parts += [_element("dc:creator", author["name"]) for author in entry.authors]
        parts += [_element("category", name) for name in entry.categories]
        if entry.image:
            image = entry.image
            parts.append(
                f'    <enclosure url={quoteattr(image.url)} length="{image.length}" '
                f"type={quoteattr(image.mime_type)}/>\n"
            )
        parts.append("  </item>\n")
        yield "".join(parts)
    yield "</channel>\n</rss>\n"


def atom(info, entries):
    yield '<?xml version="1.0" encoding="utf-8"?>\n'
    yield f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(info.language)}>\n'
    yield _element("title", info.title, "  ")
    if info.description:
        yield _element("subtitle", info.description, "  ")
    yield _element("id", info.self_url, "  ")
    yield f'  <link href={quoteattr(info.home_url)} rel="alternate" type="text/html"/>\n'
    yield f'  <link href={quoteattr(info.self_url)} rel="self" type="application/atom+xml"/>\n'
    yield _element("updated", rfc3339(info.updated), "  ")
    yield f"  <author>\n{_element('name', info.author)}  </author>\n"
    for entry in entries:
        parts = ["  <entry>\n"]
        parts.append(_element("title", entry.title))
        parts.append(f'    <link href={quoteattr(entry.url)} rel="alternate" type="text/html"/>\n')
        parts.append(_element("id", entry.id))
        parts.append(_element("published", rfc3339(entry.published)))
        parts.append(_element("updated", rfc3339(entry.updated)))
        for author in entry.authors:
            parts.append(
                f"    <author>\n{_element('name', author['name'], '      ')}"
                f"{_element('uri', author['url'], '      ')}    </author>\n"
            )
        parts += [f"    <category term={quoteattr(name)}/>\n" for name in entry.categories]
        if entry.summary:
            parts.append(f'    <summary type="text">{escape(entry.summary)}</summary>\n')
        parts.append(f'    <content type="html">{escape(entry.content)}</content>\n')
        if entry.image:
            image = entry.image
            parts.append(
                f'    <link rel="enclosure" href={quoteattr(image.url)} type={quoteattr(image.mime_type)}'
                f' length="{image.length}"/>\n'
            )
        parts.append("  </entry>\n")
        yield "".join(parts)
    yield "</feed>\n"


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
    yield json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "items": ['
    for index, entry in enumerate(entries):
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
        yield ("," if index else "") + "\n  " + json.dumps(item, ensure_ascii=False)
    yield "\n ]\n}\n"


WRITERS = {"rss": rss, "atom": atom, "json": json_feed}
