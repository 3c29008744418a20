"""CPU time a request of pages rendered from nothing: `python bench/cpu_render.py [PATH ...]`.

The same site and settings as bench/profile_render.py (page cache and fragments off), without the
profiler: each path is requested once to load the code, then ROUNDS (30) times, and the median CPU time
of the process per request is printed with the least one (the least disturbed by other processes on a busy
machine) and the queries of one request. CPU time, not the wall clock, so
that a shared, loaded machine still gives figures to compare (two runs alternating, base and branch).
With BARE=1 it measures the bare Wagtail page of `make bench` instead (bench/bare, its own database).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("ROUNDS", "30"))


def configure():
    if os.environ.get("BARE") == "1":
        sys.path[:0] = [str(ROOT / "bench" / "bare"), str(ROOT)]
        os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
        bare = ROOT / "var" / "bench" / "bare.sqlite3"  # made by make bench
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{bare}")
        return
    sys.path.insert(0, str(ROOT))
    import profile_render  # noqa: F401  (its environment: the benchmark site, page cache and fragments off)


def main(paths):
    configure()
    import django

    django.setup()
    from django.test import Client
    from queries import queries_of

    client = Client(HTTP_HOST="localhost")
    if not paths:
        paths = ["/"] if os.environ.get("BARE") == "1" else default_paths()
    for path in paths:
        queries = queries_of(client, path)
        times = []
        for _ in range(ROUNDS):
            started = time.process_time()
            client.get(path)
            times.append((time.process_time() - started) * 1000)
        median = statistics.median(times)
        least = min(times)
        figures = f"{median:.1f} ms CPU a request (median of {ROUNDS}; least {least:.1f})"
        print(f"{path}: {figures}, {queries} queries")


def default_paths():
    from nashr.articles.models import ArticlePage

    article = ArticlePage.objects.live().filter(locale__language_code="en").order_by("-published_at")[50]
    return [article.url, "/en/"]


if __name__ == "__main__":
    main(sys.argv[1:])
