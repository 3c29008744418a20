"""Where the time of the full static build goes: `python bench/profile_build.py [N]`.

Builds the benchmark site (var/bench/nashr-2000.sqlite3, settings as `make bench` runs publish_static) into
a fresh folder in this one process, with an empty cache, under cProfile: N addresses of the site's list
(every Nth one, so listings and articles in their share; all of them without N). Prints the CPU seconds of
the path list and of the writing, and the share of each part: rendering (Django's handler, its middleware
inside it), gzip, brotli, writing files, and the functions with the most time of their own. PROFILE=0 runs
without the profiler (the CPU seconds of rendering, compressing and writing files, which the profiler
distorts: it slows Python, not zlib or the kernel); MATCH=<regular expression> keeps the addresses it
finds; BY_KIND=1 (best with PROFILE=0) prints the CPU seconds of each kind of address (articles, tag pages,
tag feeds...).
"""

import cProfile
import io
import os
import pstats
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from site_env import WORK, use_bench_site

use_bench_site()
# Beside the bench's own output, not in /tmp: the file system of /tmp may be another one (on one machine it
# created a file 5-15 times slower than the project's folder, a third of the profile).
SCRATCH = Path(tempfile.mkdtemp(prefix="nashr-build-", dir=WORK))
os.environ["NASHR_CACHE_DIR"] = str(SCRATCH / "cache")  # an empty cache: the build from nothing

PARTS = [
    ("render (handler, middleware, views)", "django/core/handlers/base.py", "get_response"),
    ("  middleware below the view", "django/core/handlers/base.py", "_get_response"),
    ("  template rendering (Jinja2)", "jinja2/environment.py", "render"),
    ("  SQL execution", "django/db/backends/utils.py", "_execute"),
    ("  cache reads/writes", "nashr/caching/backends.py", "get"),
    ("gzip", "gzip.py", "compress"),
    ("brotli", "site-packages/brotli.py", "compress"),
    ("write files", "nashr/publishing/static.py", "atomic_write"),
    ("compare with old file", "nashr/publishing/static.py", "_same"),
]


def cumulative(stats, fragment, name):
    total = 0.0
    for (filename, _, function), (_, _, _, cum, _) in stats.stats.items():
        if function == name and fragment in filename:
            total = max(total, cum)
    return total


def kind_of(path):
    """The kind of an address, for BY_KIND=1: "tag feed", "author page", "article"..."""
    parts = [part for part in path.split("/") if part]
    feed = "feed" if parts and parts[-1] in ("rss.xml", "atom.xml", "feed.json") else None
    for taxonomy in ("tag", "author", "category"):
        if taxonomy in parts[:-1] or (taxonomy in parts and not feed):
            return f"{taxonomy} {feed or 'page'}"
    if feed:
        return "other feed"
    return "edition home" if len(parts) == 1 else ("page (depth 2)" if len(parts) == 2 else "post (depth 3+)")


def write_by_kind(writer, paths):
    """Write `paths` one by one, then print the CPU seconds, addresses and files of each kind of address."""
    kinds = {}
    count = 0
    for path in paths:
        started = time.process_time()
        written = len(writer.write_path(path))
        seconds = time.process_time() - started
        row = kinds.setdefault(kind_of(path), [0.0, 0, 0])
        row[0], row[1], row[2] = row[0] + seconds, row[1] + 1, row[2] + written
        count += written
    writer.finish()
    for kind, (seconds, addresses, files) in sorted(kinds.items(), key=lambda item: -item[1][0]):
        print(f"  {kind:18} {seconds:6.1f} s CPU  {addresses:5} addresses {files:5} files", end="")
        print(f"  {1000 * seconds / max(addresses, 1):6.2f} ms each")
    return count


def timed(owner, name, totals, label):
    """Replace `owner.name` with a wrapper adding its CPU seconds to `totals[label]` (PROFILE=0's parts)."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            totals[label] = totals.get(label, 0.0) + time.process_time() - started

    setattr(owner, name, wrapper)


def main(argv):
    import django

    django.setup()
    from nashr.publishing import static
    from nashr.publishing.static import StaticWriter

    out = SCRATCH / "out"
    writer = StaticWriter(out, outputs=())
    profile = os.environ.get("PROFILE", "1") != "0"
    profiler = cProfile.Profile(time.process_time) if profile else None  # CPU: the machine may be shared
    parts = {}  # without the profiler: the CPU seconds of rendering, compressing and writing files
    if not profile:
        timed(StaticWriter, "render", parts, "render (handler, middleware, views)")
        timed(static.gzip, "compress", parts, "gzip")
        timed(static.brotli, "compress", parts, "brotli")
        timed(static, "atomic_write", parts, "write files")
    started, wall = time.process_time(), time.monotonic()
    if profiler:
        profiler.enable()
    paths = writer.all_paths()
    listed = time.process_time() - started
    if os.environ.get("MATCH"):
        paths = [path for path in paths if re.search(os.environ["MATCH"], path)]
    if argv:
        paths = paths[:: max(1, len(paths) // int(argv[0]))]
    count = write_by_kind(writer, paths) if os.environ.get("BY_KIND") else writer.write_all(paths=paths)
    if profiler:
        profiler.disable()
    cpu, wall = time.process_time() - started, time.monotonic() - wall
    print(f"{len(paths)} addresses, {count} files: {cpu:.1f} s CPU ({listed:.1f} s the path list), ", end="")
    print(f"{wall:.1f} s wall")
    for label, seconds in parts.items():
        print(f"  {label:40} {seconds:7.1f} s {100 * seconds / cpu:5.1f} %")
    if parts:
        rest = cpu - sum(parts.values())
        print(f"  {'the rest (path list, comparing, folders)':40} {rest:7.1f} s {100 * rest / cpu:5.1f} %")
    if profiler:
        stats = pstats.Stats(profiler)
        total = stats.total_tt
        for label, fragment, name in PARTS:
            seconds = cumulative(stats, fragment, name)
            print(f"  {label:40} {seconds:7.1f} s {100 * seconds / total:5.1f} %")
        print(f"  {'path list':40} {cumulative(stats, 'publishing/static.py', 'all_paths'):7.1f} s")
        text = io.StringIO()
        ordered = pstats.Stats(profiler, stream=text).sort_stats(os.environ.get("SORT", "tottime"))
        ordered.print_stats(int(os.environ.get("TOP", "25")))
        print(text.getvalue())
    if os.environ.get("KEEP"):
        print(f"kept in {out}")
    else:
        shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
