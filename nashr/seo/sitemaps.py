"""Sitemaps for every edition, written as they are read from the database.

`/sitemap.xml` indexes one sitemap per edition (`/sitemap-en-1.xml`, split every NASHR_SITEMAP_MAX_URLS URLs)
and the news sitemap (`/sitemap-news.xml`, articles of the last 48 hours). Each entry carries its lastmod,
its lead image, and hreflang links to every published translation plus x-default, the same set on every
translation so the links are reciprocal. A request costs the same few queries whatever the number of pages:
the edition's pages and their translations are read by two cursors in the same order and merged.
"""

import datetime as dt
import math
from itertools import groupby
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import CharField, Count, Max
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from nashr.articles.models import ArticlePage
from nashr.editions.published import private_q, published_editions
from nashr.home.topics import TOPICS
from nashr.navigation.models import Navigation

from .hreflang import hreflang_links

NEWS_WINDOW = dt.timedelta(hours=48)
NEWS_LIMIT = 1000  # at most this many entries in a news sitemap
BATCH = 500  # URLs written per piece of the response
ITERATOR_CHUNK = 2000

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def w3c_datetime(value):
    return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def max_urls():
    return settings.NASHR_SITEMAP_MAX_URLS


def edition_pages(edition, private):
    """The live, public pages of one published edition, its home included (`private`: see private_q)."""
    return Page.objects.live().exclude(private).filter(locale_id=edition.locale_id, depth__gte=2)


def sitemap_files(editions=None):
    """[(file name, lastmod or None)] for the index: each edition's parts and its topics (category, author
    and tag pages), then the news sitemap.

    Three queries: view restrictions, the editions, and every edition's size and latest change.
    """
    private = private_q()
    editions = published_editions(private) if editions is None else editions
    stats = {
        row["locale_id"]: row
        for row in Page.objects.live()
        .exclude(private)
        .filter(depth__gte=2, locale_id__in=[e.locale_id for e in editions.values()])
        .values("locale_id")
        .annotate(count=Count("pk"), lastmod=Max("last_published_at"))
        .order_by()
    }
    files = []
    for code, edition in editions.items():
        row = stats.get(edition.locale_id, {"count": 0, "lastmod": None})
        for number in range(1, max(1, math.ceil(row["count"] / max_urls())) + 1):
            files.append((f"sitemap-{code}-{number}.xml", row["lastmod"]))
        files.append((f"sitemap-{code}-topics.xml", None))
    files.append(("sitemap-news.xml", None))
    return files


def index_xml(root_url):
    files = sitemap_files()
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<sitemapindex xmlns="{SITEMAP_NS}">\n'
    for name, lastmod in files:
        modified = f"<lastmod>{w3c_datetime(lastmod)}</lastmod>" if lastmod else ""
        yield f"<sitemap><loc>{escape(f'{root_url}/{name}')}</loc>{modified}</sitemap>\n"
    yield "</sitemapindex>\n"


def _alternates(rows, editions_by_locale, root_url):
    """hreflang links for one translation group (see hreflang_links)."""
    urls = {}
    for row in rows:
        edition = editions_by_locale.get(row["locale_id"])
        if edition is not None:
            urls[edition.code] = root_url + edition.page_path(row["url_path"])
    return hreflang_links(urls)


def url_entries(edition, number, root_url, editions, private):
    """Yield (url, lastmod, [(hreflang, href)], image url or None) for part `number` of an edition.

    Two queries, read side by side: the part's pages, and every published version of them.
    """
    editions_by_locale = {e.locale_id: e for e in editions.values()}
    start = (number - 1) * max_urls()
    pages = edition_pages(edition, private).order_by("translation_key", "pk")[start : start + max_urls()]
    keys = pages.values("translation_key")
    # Keys are compared as text: equal in both cursors, and no UUID object is built per row.
    key_text = Cast("translation_key", output_field=CharField())
    versions = (
        Page.objects.live()
        .exclude(private)
        .filter(translation_key__in=keys, depth__gte=2, locale_id__in=list(editions_by_locale))
        .order_by("translation_key", "locale_id")
        .values("locale_id", "url_path", key=key_text)
        .iterator(chunk_size=ITERATOR_CHUNK)
    )
    groups = groupby(versions, key=lambda row: row["key"])
    storage = get_image_model()._meta.get_field("file").storage
    rows = pages.values("url_path", "last_published_at", "postpage__lead_image__file", key=key_text).iterator(
        chunk_size=ITERATOR_CHUNK
    )
    for row in rows:
        # Both cursors are ordered by translation key and list the same keys (each page is its own version).
        key, group = next(groups, (None, ()))
        while key is not None and key != row["key"]:
            key, group = next(groups, (None, ()))
        image = row["postpage__lead_image__file"]
        yield (
            root_url + edition.page_path(row["url_path"]),
            row["last_published_at"],
            _alternates(list(group), editions_by_locale, root_url),
            _absolute(root_url, storage.url(image)) if image else None,
        )


def _xml(text):
    """`text` escaped for XML text and double-quoted attributes (URLs: quick when nothing needs it)."""
    if "&" in text or "<" in text or ">" in text or '"' in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return text


def _absolute(root_url, url):
    return url if url.startswith(("http://", "https://")) else root_url + url


def edition_xml(edition, number, root_url, editions, private):
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}" xmlns:image="{IMAGE_NS}">\n'
    batch = []
    for url, lastmod, alternates, image in url_entries(edition, number, root_url, editions, private):
        parts = [f"<url><loc>{_xml(url)}</loc>"]
        if lastmod:
            parts.append(f"<lastmod>{w3c_datetime(lastmod)}</lastmod>")
        parts += [
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{_xml(href)}"/>'
            for code, href in alternates
        ]
        if image:
            parts.append(f"<image:image><image:loc>{_xml(image)}</image:loc></image:image>")
        parts.append("</url>\n")
        batch.append("".join(parts))
        if len(batch) >= BATCH:
            yield "".join(batch)
            batch = []
    yield "".join(batch)
    yield "</urlset>\n"


def topic_entries(edition, root_url, editions, private):
    """Yield (url, [(hreflang, href)]) for the category, author and tag pages of an edition.

    Categories and people are translatable snippets with a page in each edition that has them, so they
    get hreflang links like pages; tags belong to one edition. Five queries, whatever the numbers.
    """
    by_locale = {e.locale_id: e for e in editions.values()}
    key_text = Cast("translation_key", output_field=CharField())
    for topics in [topics for topics in TOPICS.values() if topics.model is not None]:
        model = topics.model
        own = list(
            model.objects.filter(locale_id=edition.locale_id).order_by("slug").values("slug", key=key_text)
        )
        versions = {}
        rows = model.objects.filter(
            translation_key__in=model.objects.filter(locale_id=edition.locale_id).values("translation_key"),
            locale_id__in=list(by_locale),
        ).values("locale_id", "slug", key=key_text)
        for row in rows:
            version = by_locale[row["locale_id"]]
            versions.setdefault(row["key"], {})[version.code] = root_url + version.path(
                topics.path(row["slug"])
            )
        for row in own:
            yield (
                root_url + edition.path(topics.path(row["slug"])),
                hreflang_links(versions.get(row["key"], {})),
            )
    articles = ArticlePage.objects.live().exclude(private).filter(locale_id=edition.locale_id)
    for topics in TOPICS.values():
        if topics.model is None:  # tags: one edition's
            for slug in topics.slugs(edition.locale_id, articles):
                url = root_url + edition.path(topics.path(slug))
                yield url, hreflang_links({edition.code: url})


def topics_xml(edition, root_url, editions, private):
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
    for url, alternates in topic_entries(edition, root_url, editions, private):
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{_xml(href)}"/>'
            for code, href in alternates
        )
        yield f"<url><loc>{_xml(url)}</loc>{links}</url>\n"
    yield "</urlset>\n"


def news_entries(root_url, now=None):
    """Articles of every published edition first published in the last 48 hours, newest first."""
    now = now or timezone.now()
    private = private_q()
    by_locale = {e.locale_id: e for e in published_editions(private).values()}
    names = {nav.locale_id: nav.site_name for nav in Navigation.objects.filter(locale_id__in=list(by_locale))}
    rows = (
        ArticlePage.objects.live()
        .exclude(private)
        .filter(locale_id__in=list(by_locale), published_at__gt=now - NEWS_WINDOW, published_at__lte=now)
        .order_by("-published_at", "-pk")
        .values("locale_id", "url_path", "title", "published_at")[:NEWS_LIMIT]
    )
    for row in rows:
        edition = by_locale[row["locale_id"]]
        yield {
            "url": root_url + edition.page_path(row["url_path"]),
            "name": names.get(row["locale_id"]) or settings.WAGTAIL_SITE_NAME,
            "language": edition.code,
            "published": row["published_at"],
            "title": row["title"],
        }


def news_xml(root_url):
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n'
    for entry in news_entries(root_url):
        yield (
            f"<url><loc>{escape(entry['url'])}</loc><news:news><news:publication>"
            f"<news:name>{escape(entry['name'])}</news:name>"
            f"<news:language>{entry['language']}</news:language></news:publication>"
            f"<news:publication_date>{w3c_datetime(entry['published'])}</news:publication_date>"
            f"<news:title>{escape(entry['title'])}</news:title></news:news></url>\n"
        )
    yield "</urlset>\n"


def robots_txt(root_url):
    return f"User-agent: *\nDisallow: /admin/\n\nSitemap: {root_url}/sitemap.xml\n"
