"""Peak memory of a web worker, alone: `python bench/memory.py` on the site `make bench` built.

The RSS rows of `make bench` (the bare Wagtail page, then Nashr from nothing, uncached and cached) without
the rest of its runs: each server is started afresh, loaded with wrk for BENCH_SECONDS on its pages, and
its peak RSS (VmHWM summed over its processes) printed with the ratio to the bare Wagtail worker's.
"""

import os

os.environ.setdefault("BENCH_SECONDS", "4")

from run import build_bare, build_site, measured_paths, nashr_env  # noqa: E402
from servers import ROOT, granian, measure  # noqa: E402


def main():
    engine = os.environ.get("BENCH_DB", "sqlite")
    articles = int(os.environ.get("ARTICLES", "2000"))
    url = build_site(engine, articles)  # kept from an earlier run when it is there
    paths = measured_paths(nashr_env(url))
    server = granian("wsgi:application", build_bare(engine), ROOT / "bench" / "bare", 8781)
    try:
        bare = measure(server, {"page": "/"})["page"]["rss_mb"]
    finally:
        server.stop()
    print(f"bare Wagtail page: {bare:.0f} MB")
    for label, settings in (
        ("from nothing", {"NASHR_PAGE_CACHE": "0", "NASHR_FRAGMENTS": "0"}),
        ("uncached", {"NASHR_PAGE_CACHE": "0"}),
        ("cached", {"NASHR_PAGE_CACHE": "1"}),
    ):
        server = granian("nashr.wsgi:application", nashr_env(url, settings), ROOT, 8782)
        try:
            rss = next(iter(measure(server, paths).values()))["rss_mb"]
        finally:
            server.stop()
        print(f"{label}: {rss:.0f} MB, {rss / bare:.2f} x bare (<= 1.2)")


if __name__ == "__main__":
    main()
