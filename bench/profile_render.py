"""Where the time of a page rendered from nothing goes: `python bench/profile_render.py [PATH ...]`.

Run against a site `make bench` built (var/bench/nashr-2000.sqlite3 by default; DATABASE_URL for another),
with the page cache and the fragments off, so every request reads and renders everything, as a full static
build, a preview or the first request after a change does. Each path is requested once to load the code,
then ROUNDS (50) times under cProfile. Prints the milliseconds per request, the queries, and the time spent
inside each part (cumulative, so the parts overlap: template rendering contains the ORM calls made from
templates), then the functions with the most time of their own.
"""

import cProfile
import io
import os
import pstats
import sys
import time

from site_env import use_bench_site

use_bench_site()
os.environ["NASHR_PAGE_CACHE"] = "0"
os.environ["NASHR_FRAGMENTS"] = "0"
ROUNDS = int(os.environ.get("ROUNDS", "50"))

# (label, a function's qualified name as pstats prints it: file fragment and function name)
PARTS = [
    ("template rendering (Jinja2)", "jinja2/environment.py", "render"),
    ("forms' widgets (Django's engine)", "django/forms/boundfield.py", "as_widget"),
    ("prepared queries", "nashr/caching/queries.py", "__call__"),
    ("  rows made into models", "nashr/caching/queries.py", "_instance"),
    ("Wagtail Page.__init__", "wagtail/models/pages.py", "__init__"),
    ("pictures", "nashr/images/pictures.py", "picture"),
    ("menus", "nashr/navigation/templatetags/navigation_tags.py", "navigation"),
    ("SQL execution", "django/db/backends/utils.py", "_execute"),
    ("ORM: compile queries", "django/db/models/sql/compiler.py", "as_sql"),
    ("ORM: fetch rows and build models", "django/db/models/query.py", "_fetch_all"),
    ("routing", "nashr/core/routing.py", "route_for_request"),
    ("Wagtail page.url", "wagtail/models/pages.py", "get_url_parts"),
    ("head metadata (SEO)", "nashr/seo/metadata.py", "head_metadata"),
    ("newer/older", "nashr/core/models.py", "neighbours"),
    ("related posts", "nashr/articles/models.py", "related"),
    ("recent posts", "nashr/articles/models.py", "recent"),
    ("StreamField body", "wagtail/blocks/stream_block.py", "render_basic"),
    ("rich text expansion", "wagtail/rich_text/__init__.py", "expand_db_html"),
    ("renditions", "wagtail/images/models.py", "get_renditions"),
    ("translations (gettext)", "django/utils/translation/trans_real.py", "gettext"),
    ("dates per edition", "nashr/editions/editions.py", "format_date"),
]


def main(paths):
    import django

    django.setup()
    from django.test import Client
    from queries import queries_of

    client = Client(HTTP_HOST="localhost")
    if not paths:
        from nashr.articles.models import ArticlePage

        article = ArticlePage.objects.live().filter(locale__language_code="en").order_by("-published_at")[50]
        paths = [article.url, "/en/"]
    for path in paths:
        queries = queries_of(client, path)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(ROUNDS):
            client.get(path)
        profiler.disable()
        per_request = (time.perf_counter() - started) * 1000 / ROUNDS
        report(path, per_request, queries, profiler)


def report(path, per_request, queries, profiler):
    stats = pstats.Stats(profiler)
    total = max(stats.total_tt, 1e-9)
    print(f"\n== {path}: {per_request:.1f} ms a request under the profiler, {queries} queries")
    for label, file_part, name in PARTS:
        cumulative = sum(
            ct
            for (file, _, func), (_, _, _, ct, _) in stats.stats.items()
            if func == name and file_part in file
        )
        if cumulative:
            print(f"  {label:30} {100 * cumulative / total:5.1f} %")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-2000:])


if __name__ == "__main__":
    main(sys.argv[1:])
