"""Search at scale: build the index of a site with many generated articles, then time a fixed query mix.

`make bench-search` runs it on SQLite and on PostgreSQL with 50,000 generated articles (see the Makefile).
"""

import io
import statistics
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from wagtail.models import Locale, Page
from wagtail.search.models import IndexEntry

from nashr.core.bench import percentile, recreate_database, uptime
from nashr.core.models import PostPage
from nashr.search.models import SearchDocument
from nashr.search.query import RANKED_MAX, Results

# The fixed query mix: (edition, words, kind). Words as readers type them, in every spelling.
QUERY_MIX = [
    ("fa", "کتاب", "common word"),
    ("fa", "كتاب", "common word, Arabic kaf"),
    ("fa", "کتاب‌ها", "plural with ZWNJ"),
    ("fa", "کتاب خانه", "compound with a space"),
    ("fa", "کتابخانه", "compound joined"),
    ("fa", "جشنواره فیلم تهران", "three words"),
    ("fa", "۱۴۰۴", "Persian digits"),
    ("fa", "می‌رود", "verb prefix"),
    ("fa", "فضاپیما", "no match"),
    ("ar", "الكتاب", "common word, article"),
    ("ar", "مكتبة", "teh marbuta"),
    ("ar", "کرة القدم", "two words, Persian kaf"),
    ("ar", "المتطوعون", "plural"),
    ("ar", "٢٠٢٦", "Arabic-Indic digits"),
    ("ar", "بيروت مهرجان", "two words"),
    ("ar", "طائرة", "no match"),
    ("en", "book fair", "two words"),
    ("en", "Weather", "common word"),
    ("en", "marathon runner coach", "three words"),
    ("en", "spaceship", "no match"),
    ("sq", "Tiranë", "accented name"),
    ("sq", "panair libër", "two words"),
    ("sq", None, "all editions: کتاب"),
]
ALL_EDITIONS_QUERY = "کتاب"
PAGE_SIZE = 10


def entries():
    """What the index holds: pages in the search table (PostgreSQL), the rest in Wagtail's index entries."""
    return (
        f"{SearchDocument.objects.count()} pages in the search table, "
        f"{IndexEntry.objects.count()} Wagtail index entries"
    )


class Command(BaseCommand):
    help = (
        "Search benchmark: index build time and query latency (p50/p95) for a fixed query mix. "
        "With --fresh-database --articles N it first builds a site of N generated articles."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=0, help="Generate this many articles first.")
        parser.add_argument(
            "--fresh-database",
            action="store_true",
            help="Drop and re-create the database first (its name must contain 'bench').",
        )
        parser.add_argument(
            "--skip-index",
            action="store_true",
            help="Time the query mix on the index as it is (no update_index), e.g. to compare two versions.",
        )
        parser.add_argument("--rounds", type=int, default=10, help="Times the query mix is run (default 10).")

    def say(self, message=""):
        self.stdout.write(message)
        self.stdout.flush()

    def handle(self, *args, articles, fresh_database, rounds, skip_index, **options):
        started_all = time.perf_counter()
        if fresh_database:
            self.say(f"Re-creating the {connection.vendor} database {settings.DATABASES['default']['NAME']}")
            recreate_database()
        quiet = io.StringIO()
        if fresh_database or articles:
            started = time.perf_counter()
            call_command("migrate", interactive=False, verbosity=0)
            call_command("load_demo", stdout=quiet)
            self.say(f"migrate + load_demo: {time.perf_counter() - started:.1f} s")
        if articles:
            started = time.perf_counter()
            call_command("generate_content", articles=articles, stdout=quiet)
            self.say(f"generate_content --articles {articles}: {time.perf_counter() - started:.1f} s")

        pages = Page.objects.filter(depth__gt=1).count()
        posts = PostPage.objects.count()
        self.say(f"\nDatabase: {connection.vendor}; {pages} pages of which {posts} posts")
        self.say(f"uptime before indexing: {uptime()}")

        if not skip_index:
            started = time.perf_counter()
            call_command("update_index", stdout=quiet, stderr=quiet)
            build = time.perf_counter() - started
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum would gather
                    cursor.execute("ANALYZE")
            self.say(f"Index build (manage.py update_index, every indexed model): {build:.1f} s, {entries()}")
        else:
            self.say(f"Index as it is (--skip-index): {entries()}")

        self.run_queries(rounds)
        self.say(f"Benchmark run: {time.perf_counter() - started_all:.0f} s")

    def timed_search(self, language, words):
        """What the search page does: fetch up to RANKED_MAX + 1 matches newest first, then the first page
        (ranked if that was every match, else newest first and the count capped)."""
        started = time.perf_counter()
        results = Results(words, language, per_page=PAGE_SIZE)
        first = results.pages()
        found = f">{results.total}" if results.capped else str(results.total)
        return (time.perf_counter() - started) * 1000, found, results.ranked, len(first)

    def timed_baseline(self, locale):
        """The same pages without search: the edition's newest ten, and their count."""
        started = time.perf_counter()
        pages = Page.objects.live().public().filter(locale=locale).order_by("-pk")
        pages.count()
        list(pages[:PAGE_SIZE])
        return (time.perf_counter() - started) * 1000

    def run_queries(self, rounds):
        mix = [
            (None if words is None else language, ALL_EDITIONS_QUERY if words is None else words, kind)
            for language, words, kind in QUERY_MIX
        ]
        for language, words, _kind in mix:  # warm-up: caches, prepared plans
            self.timed_search(language, words)
        timings = {i: [] for i in range(len(mix))}
        counts = {}
        for _ in range(rounds):
            for i, (language, words, _kind) in enumerate(mix):
                elapsed, count, ranked, _shown = self.timed_search(language, words)
                timings[i].append(elapsed)
                counts[i] = (count, "ranked" if ranked else "newest")
        locales = list(Locale.objects.all())
        baseline = [self.timed_baseline(locale) for _ in range(rounds) for locale in locales]

        self.say(
            f"\nQuery mix ({len(mix)} queries x {rounds} rounds; each: up to {RANKED_MAX + 1} matches, "
            f"then the first {PAGE_SIZE} results)"
        )
        self.say(
            f"Up to {RANKED_MAX} matches are ranked by relevance; more are listed newest first, "
            f"counted up to the first page plus one (found: >N)."
        )
        header = (
            f"{'edition':8} {'query':28} {'kind':30} {'found':>7} {'order':7} {'p50 ms':>8} {'p95 ms':>8}"
        )
        self.say(header)
        for i, (language, words, kind) in enumerate(mix):
            self.say(
                f"{language or 'all':8} {words:28} {kind:30} {counts[i][0]:>7} {counts[i][1]:7} "
                f"{statistics.median(timings[i]):>8.1f} {percentile(timings[i], 0.95):>8.1f}"
            )
        everything = [t for values in timings.values() for t in values]
        p50, p95 = statistics.median(everything), percentile(everything, 0.95)
        base50 = statistics.median(baseline)
        self.say(
            f"\nAll queries on {connection.vendor}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"max {max(everything):.1f} ms ({len(everything)} searches)"
        )
        self.say(
            f"Baseline (an edition's newest {PAGE_SIZE} pages and their count, no search): "
            f"p50 {base50:.1f} ms; search p50 is {p50 / base50:.1f}x the baseline"
        )
        if connection.vendor == "postgresql":
            verdict = "met" if p95 <= 50 else "NOT met"
            self.say(f"Target p95 <= 50 ms on PostgreSQL: {verdict}")
        self.say(f"uptime after: {uptime()}")
