"""Benchmark: sitemaps and feeds at scale. Prints generation time per 10,000 URLs and queries per request.

The baseline, measured in the same run, is the bare database read of the same rows (url_path and date of
every page of the edition, no XML): the sitemap's time over it shows what writing costs beyond reading.
It lives with the demo, whose generator (generate.py) builds the site it measures (`make bench-feeds`).
"""

import os
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from nashr.articles.models import ArticlePage
from nashr.demo.generate import generate
from nashr.editions.published import private_q, published_editions
from nashr.feeds.views import feed


def timed(fn, repeat=3):
    """(best seconds of `repeat` runs, queries of the last run, result of the last run)."""
    best = None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = fn()
            elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, len(queries), result


def made_anew(path, repeat):
    """(best CPU seconds of `repeat` runs, queries) of the feed at `path` made by its view, without the page
    cache that serves it to readers: what a change to the edition costs the first reader."""
    language, rest = path.strip("/").split("/", 1)
    under, _, filename = rest.rpartition("/")
    request = RequestFactory(HTTP_HOST="localhost").get(path)
    best = None
    for _ in range(repeat):
        with translation.override(language), CaptureQueriesContext(connection) as queries:
            started = time.process_time()
            feed(request, f"{under}/" if under else "", filename)
            elapsed = time.process_time() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, len(queries)


class Command(BaseCommand):
    help = "Time sitemaps and feeds on a site with many articles (adds generated articles up to --articles)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=50_000)
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, articles, repeat, **options):
        existing = ArticlePage.objects.count()
        if existing < articles:
            self.stdout.write(f"Generating {articles - existing} articles (have {existing})...")
            generate(articles - existing, stdout=self.stdout)
        client = Client(HTTP_HOST="localhost")
        connection.force_debug_cursor = False

        def get(path):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return b"".join(response.streaming_content) if response.streaming else response.content

        self.stdout.write(f"uptime: {os.popen('uptime').read().strip()}")
        self.stdout.write(f"articles: {ArticlePage.objects.count()}, pages: {Page.objects.count()}")
        self.stdout.write(f"database: {connection.vendor}")
        editions = published_editions()
        total_urls = total_time = total_base = 0
        for code, edition in editions.items():

            def baseline(edition=edition):
                rows = (
                    Page.objects.live()
                    .exclude(private_q())
                    .filter(locale_id=edition.locale_id, depth__gte=2)
                    .values_list("url_path", "last_published_at")
                    .iterator(chunk_size=2000)
                )
                return sum(1 for _ in rows)

            base, _, count = timed(baseline, repeat)
            seconds, queries, body = timed(lambda code=code: get(f"/sitemap-{code}-1.xml"), repeat)
            urls = body.count(b"<url>")
            total_urls, total_time, total_base = total_urls + urls, total_time + seconds, total_base + base
            self.stdout.write(
                f"sitemap-{code}-1.xml: {urls:,} URLs, {len(body) / 1e6:.1f} MB in {seconds:.2f} s = "
                f"{seconds / urls * 10_000:.3f} s per 10,000 URLs; {queries} queries; "
                f"baseline (bare read of {count:,} rows) {base / count * 10_000:.3f} s per 10,000 "
                f"-> {seconds / base:.1f}x"
            )
        self.stdout.write(
            f"all edition sitemaps: {total_urls:,} URLs, "
            f"{total_time / total_urls * 10_000:.3f} s per 10,000 URLs "
            f"(baseline {total_base / total_urls * 10_000:.3f} s, {total_time / total_base:.1f}x)"
        )
        for path in ("/sitemap.xml", "/sitemap-en-topics.xml", "/sitemap-news.xml", "/robots.txt"):
            seconds, queries, body = timed(lambda path=path: get(path), repeat)
            self.stdout.write(f"{path}: {seconds * 1000:.1f} ms, {queries} queries, {len(body):,} bytes")

        sample = (
            ArticlePage.objects.live().filter(locale__language_code="en").exclude(categories=None).first()
        )
        feed_paths = [f"/{code}/" for code in editions]
        if sample is not None:
            category = sample.category_list[0]
            feed_paths += [category.get_absolute_url(), "/en/articles/"]
            if sample.tag_list:
                feed_paths.append(f"/en/tag/{sample.tag_list[0].slug}/")
            if sample.authors:
                feed_paths.append(sample.authors[0].get_absolute_url())
        for base_path in feed_paths:
            for filename in ("rss.xml", "atom.xml", "feed.json"):
                path = base_path + filename
                seconds, queries, body = timed(lambda path=path: get(path), repeat)
                entries = max(body.count(b"<item>"), body.count(b"<entry>"), body.count(b'"id": "urn:uuid'))
                cpu, made_queries = made_anew(path, repeat)
                self.stdout.write(
                    f"{path}: {entries} entries in {seconds * 1000:.1f} ms, {queries} queries; "
                    f"made anew {cpu * 1000:.1f} ms CPU, {made_queries} queries"
                )
