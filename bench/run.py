"""`make bench`: article, home and feed, uncached / cached / static, against baselines from the same run.

For each database (SQLite always; PostgreSQL when BENCH_PG_URL answers) and each article count in
ARTICLES, it builds a site with load_demo + generate_content (then the worker runs what they queued:
the images' renditions), writes the static output, then measures with wrk (pinned to the second core,
32 connections, loopback) servers pinned to the first core:

- nginx serving one plain HTML file (the physical limit) and the static output;
- a bare Wagtail site (bench/bare: one article-like page model) through granian, uncached;
- Nashr through granian with the page cache off (uncached: the page is rendered, what many pages show
  comes from the shared fragments), on (cached), and with fragments off too ("from nothing": no page cache,
  no fragments; the only per-process memory is the editions list and locale codes, fixed data);
- the full static build: `publish_static` of the whole site against Hugo building the same site (every
  published article of the database in its four languages, with the same listings and feeds), and against
  Hugo building as many generated pages in one language (the baseline before 2026-12-06), for article
  counts up to BENCH_FULL_STATIC_MAX (2000): bench/hugo_site.py.

Each server is started afresh for its runs; its peak RSS is the sum of VmHWM over its processes.
The nginx rows (plain file, static pages) take turns for BENCH_NGINX_ROUNDS (3) rounds and keep each row's
median: at that speed the machine's drift between two rows is larger than the difference measured.
Environment: ARTICLES (default 2000; e.g. "2000 50000"), BENCH_SECONDS (10), BENCH_CONNECTIONS (32),
BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/nashr_bench), BENCH_PORT (8700), BENCH_DBS
("sqlite postgres"), BENCH_FULL_STATIC_MAX (2000: above it only the pages measured and those showing
the article are written, unless BENCH_FULL_STATIC=1, and the re-publish times its article's file, not the
sweep of the edition), REDIS_URL (the app's cache; without it the embedded
default, the SQLite-backed cache on disk that every process shares).
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import aside
import hugo_site
from servers import (
    CLIENT_CPU,
    CONNECTIONS,
    ROOT,
    SECONDS,
    SERVER_CPU,
    VENV_BIN,
    WORK,
    granian,
    measure,
    nginx,
    run,
)

PYTHON = str(VENV_BIN / "python")
PORT = int(os.environ.get("BENCH_PORT", "8700"))
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/nashr_bench")
NGINX_ROUNDS = int(os.environ.get("BENCH_NGINX_ROUNDS", "3"))
FULL_STATIC_MAX = int(os.environ.get("BENCH_FULL_STATIC_MAX", "2000"))


def full_static(articles):
    return os.environ.get("BENCH_FULL_STATIC") == "1" or articles <= FULL_STATIC_MAX


def log(message):
    print(message, file=sys.stderr, flush=True)


def nashr_env(database_url, extra=None):
    return {
        "DJANGO_SETTINGS_MODULE": "nashr.settings.production",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "NASHR_VAR_DIR": str(WORK),
        "STATIC_ROOT": str(WORK / "static"),
        "PYTHONPATH": str(ROOT),
        **(extra or {}),
    }


# Databases


def pg_reachable(url):
    try:
        import psycopg  # noqa: F401  (installed with the project)
    except ImportError:
        return False
    code = (
        "import psycopg,sys,re;u=sys.argv[1];"
        "c=psycopg.connect(re.sub(r'/[^/]*$','/postgres',u),connect_timeout=3);c.close()"
    )
    return subprocess.run([PYTHON, "-c", code, url], capture_output=True).returncode == 0


def recreate_pg(url):
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    code = (
        "import psycopg,sys;c=psycopg.connect(sys.argv[1],autocommit=True);"
        f"c.execute('DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)');"
        f"c.execute('CREATE DATABASE \"{name}\"')"
    )
    run([PYTHON, "-c", code, admin])


def build_site(engine, articles):
    """A database with the demo and `articles` generated articles; reused when already built."""
    if engine == "sqlite":
        path = WORK / f"nashr-{articles}.sqlite3"
        url = f"sqlite:///{path}"
        marker = path.with_suffix(".ready")
        if marker.exists() and path.exists():
            run([PYTHON, "manage.py", "migrate", "--no-input"], nashr_env(url))  # a site built by older code
            run_queued_tasks(url)
            return url
        path.unlink(missing_ok=True)
    else:
        url = f"{PG_URL}_{articles}"
        marker = WORK / f"pg-{url.rsplit('/', 1)[1]}.ready"
        if marker.exists():
            run([PYTHON, "manage.py", "migrate", "--no-input"], nashr_env(url))  # a site built by older code
            run_queued_tasks(url)
            return url
        recreate_pg(url)
    env = nashr_env(url)
    log(f"building the {engine} site with {articles} articles")
    started = time.monotonic()
    run([PYTHON, "manage.py", "migrate", "--no-input"], env)
    run([PYTHON, "manage.py", "load_demo", "--no-admin"], env)
    run([PYTHON, "manage.py", "generate_content", "--articles", str(articles)], env)
    run_queued_tasks(url)
    log(f"  built in {time.monotonic() - started:.0f} s")
    marker.write_text("ok")
    return url


def run_queued_tasks(url):
    """What the worker does after content is saved, done before anything is measured, as a site running in
    production has it done: the images' renditions above all. Without it the timed full static build made
    the renditions the pages show of each of the 142 images (with Pillow), as no production build does."""
    run([PYTHON, "manage.py", "worker", "--batch", "--quiet"], nashr_env(url))


def build_bare(engine):
    bare = ROOT / "bench" / "bare"
    url = f"sqlite:///{WORK / 'bare.sqlite3'}" if engine == "sqlite" else f"{PG_URL}_bare"
    # The bare site's modules, and nashr.settings.wagtail_apps (its list of apps).
    path = os.pathsep.join((str(bare), str(ROOT)))
    env = {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "settings", "PYTHONPATH": path}
    if engine == "postgres":
        recreate_pg(url)
    else:
        (WORK / "bare.sqlite3").unlink(missing_ok=True)
    run([str(VENV_BIN / "django-admin"), "migrate", "--no-input"], env, cwd=bare)
    run([PYTHON, "setup_site.py"], env, cwd=bare)
    return env


# One run


def measured_paths(env):
    """The pages measured: an English article (the 51st newest), the English home, its feed."""
    code = (
        "import django,json;django.setup();from nashr.articles.models import ArticlePage as A;"
        "a=A.objects.live().filter(locale__language_code='en').order_by('-published_at')[50];"
        "print(json.dumps({'article':a.url,'home':'/en/','feed':'/en/rss.xml'}))"
    )
    return json.loads(run([PYTHON, "-c", code], env).strip().splitlines()[-1])


def bench(engine, articles):
    url = build_site(engine, articles)
    env = nashr_env(url)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    paths = measured_paths(env)
    out = WORK / f"out-{engine}-{articles}"
    aside.set_aside(out)  # deleted at the end of the run: a deletion slows the build after it (aside.py)
    # From nothing: what an earlier run or the site's build left in the shared cache (pages, fragments) is
    # left behind, as after a change to the whole site, whose sweep is the same build.
    run([PYTHON, "manage.py", "shell", "-v0", "-c", RENEW_EVERYTHING], env)
    started = time.monotonic()
    if full_static(articles):
        run([PYTHON, "manage.py", "publish_static", str(out)], env)
    else:  # the measured pages and every page that shows the article (the re-publish rewrites them)
        only = [f"--path={p}" for p in [*paths.values(), *dependents(env, paths["article"])]]
        run([PYTHON, "manage.py", "publish_static", str(out), *only], env)
    static_seconds = time.monotonic() - started
    static_files = sum(1 for f in out.rglob("*") if f.is_file() and f.suffix not in (".gz", ".br"))
    baseline = hugo_baselines(env, articles) if full_static(articles) else None
    renders = render_times(env, paths)
    republished = republish(env, out, paths["article"], sweep=full_static(articles))
    if not full_static(articles):  # the publish withdrew the edition: the measured pages written back
        run([PYTHON, "manage.py", "publish_static", str(out), *[f"--path={p}" for p in paths.values()]], env)
    plain = WORK / "plain"
    plain.mkdir(exist_ok=True)
    shutil.copy(out / paths["article"].strip("/") / "index.html", plain / "plain.html")
    rows = {}
    port = PORT

    server = nginx(out, port, plain)
    try:
        measured = measure(server, {"plain": "/plain.html", **paths}, rounds=NGINX_ROUNDS)
        rows["plain file (nginx)"] = measured.pop("plain")
        for name, result in measured.items():
            rows[f"{name}: static (nginx)"] = result
    finally:
        server.stop()

    bare_env = build_bare(engine)
    server = granian("wsgi:application", bare_env, ROOT / "bench" / "bare", port + 1)
    try:
        rows["bare Wagtail page"] = measure(server, {"page": "/"})["page"]
    finally:
        server.stop()

    a, h = paths["article"], paths["home"]
    configurations = (
        # No page cache, no fragments: every request reads and renders everything (issue: >= 0.5 x bare).
        ("from nothing", {"NASHR_PAGE_CACHE": "0", "NASHR_FRAGMENTS": "0"}, {"article": a, "home": h}),
        # No page cache: the page is rendered; what it shows of other rows comes from the fragments.
        ("uncached", {"NASHR_PAGE_CACHE": "0"}, paths),
        ("cached", {"NASHR_PAGE_CACHE": "1"}, paths),
    )
    for label, settings, measured in configurations:
        server = granian("nashr.wsgi:application", nashr_env(url, settings), ROOT, port + 2)
        try:
            for name, result in measure(server, measured).items():
                rows[f"{name}: {label} (app)"] = result
        finally:
            server.stop()
    return rows, (static_seconds, static_files, baseline), republished, renders


RENEW_EVERYTHING = "from nashr.caching.store import renew; renew(everything=True)"

RENDER = """
import django, json, statistics, sys, time
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="localhost")
result = {}
for name, path in json.loads(sys.argv[1]).items():
    client.get(path)
    times = []
    for _ in range(20):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    result[name] = [statistics.median(times), len(queries)]
# The article as the admin previews it (issue 20: previews are renders from nothing too): read afresh,
# as the admin's preview view reads it on every request, its latest revision rendered through
# make_preview_request.
from wagtail.models import Page
language, rest = json.loads(sys.argv[1])["article"].strip("/").split("/", 1)
pk = Page.objects.get(url_path__endswith=f"/{rest}/", locale__language_code=language).pk
times = []
for _ in range(21):
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        page = Page.objects.get(pk=pk).specific.get_latest_revision_as_object()
        assert page.make_preview_request().status_code == 200
    times.append((time.perf_counter() - started) * 1000)
result["article: preview"] = [statistics.median(times[1:]), len(queries)]
print(json.dumps(result))
"""


def render_times(env, paths):
    """Median in-process render time (ms) and query count of each page, cache off."""
    output = run([PYTHON, "-c", RENDER, json.dumps(paths)], {**env, "NASHR_PAGE_CACHE": "0"})
    return json.loads(output.strip().splitlines()[-1])


def dependents(env, article):
    code = (
        "import django,json,sys;django.setup();from wagtail.models import Page;"
        "from nashr.publishing.dependencies import dependent_urls as d;u=sys.argv[1];"
        "p=Page.objects.get(url_path__endswith=u.split('/',2)[2],locale__language_code='en');"
        "print(json.dumps(d(p)))"
    )
    return json.loads(run([PYTHON, "-c", code, article], env).strip().splitlines()[-1])


REPUBLISH = """
import django, json, subprocess, sys, time
django.setup()
from pathlib import Path
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page
from nashr.publishing.static import StaticWriter
out, url, sweep = sys.argv[1], sys.argv[2], sys.argv[3] == "sweep"
target = StaticWriter(out).file_for(url)
before = {p: p.stat().st_mtime for p in Path(out).rglob("*.html")}


def written_since(path, moment):
    try:
        return path.stat().st_mtime >= moment
    except FileNotFoundError:  # withdrawn with its edition until the worker writes it back
        return False


DBTaskResult.objects.all().delete()
from nashr.worker.models import WorkerProcess
WorkerProcess.objects.all().delete()
worker = subprocess.Popen([sys.executable, "manage.py", "worker"], stderr=subprocess.DEVNULL)
while not WorkerProcess.objects.filter(pid=worker.pid).exists():  # running, as it is on a live site
    time.sleep(0.05)
time.sleep(0.5)
page = Page.objects.get(url_path__endswith=url.split("/", 2)[2], locale__language_code="en").specific
page.title = page.title + " (updated)"
started = time.time()
page.save_revision().publish()
returned = time.time() - started
while not written_since(target, started):
    time.sleep(0.02)
live = time.time() - started
while sweep and (DBTaskResult.objects.ready().exists() or DBTaskResult.objects.running().exists()):
    time.sleep(0.1)
total = time.time() - started if sweep else None
if sweep:
    worker.terminate()
else:  # a worker asked to stop finishes its task first: the sweep of the whole edition
    worker.kill()
worker.wait()
if not sweep:  # the sweep left unfinished: not for the next run's `worker --batch` to take up
    DBTaskResult.objects.all().delete()
changed = sum(1 for p in Path(out).rglob("*.html") if p.stat().st_mtime != before.get(p))
print(json.dumps([returned, live, total, changed]))
"""


def hugo_baselines(env, articles):
    """{name: (median seconds, files)} of Hugo building the database's site, and generated pages."""
    same = WORK / "hugo-same"
    run([PYTHON, str(ROOT / "bench" / "hugo_site.py"), str(same)], env)
    return {
        "the same site": hugo_site.same_site_build_time(same),
        f"{articles} generated pages in one language": hugo_site.build_time(WORK / "hugo", articles),
    }


def republish(env, out, article, sweep):
    """Publish one article with the static output on and a worker running: seconds until publish returns,
    until its file is live, until the worker's sweep of the edition is done (None when `sweep` is false:
    the worker is stopped once the file is live); files rewritten."""
    argv = [PYTHON, "-c", REPUBLISH, str(out), article, "sweep" if sweep else "live"]
    result = run(argv, {**env, "NASHR_STATIC_DIR": str(out)})
    return json.loads(result.strip().splitlines()[-1])


def report(engine, articles, rows, static, republished, renders):
    load = Path("/proc/loadavg").read_text().split()[:3]
    static_seconds, static_files, baseline = static
    what = "the whole site" if full_static(articles) else "the measured pages"
    print(f"\n== {engine}, {articles} articles (load average {' '.join(load)})")
    print(f"publish_static wrote {what} in {static_seconds:.1f} s ({static_files} files, with .gz and .br)")
    for name, (hugo_seconds, hugo_files) in (baseline or {}).items():
        print(f"hugo built {name} in {hugo_seconds:.1f} s ({hugo_files} files)")
    returned, live, total, files = republished
    print(
        f"one article re-published: publish returned after {returned:.2f} s, its static file live after "
        f"{live:.2f} s (target 2 s), "
        + (
            f"the edition swept in {total:.1f} s ({files} files rewritten)"
            if total
            else "sweep not waited for"
        )
    )
    for name, (ms, queries) in renders.items():
        print(f"{name}: rendered in {ms:.1f} ms (median of 20, in process, cache off), {queries} queries")
    print(f"{'':34} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'peak RSS MB':>12}")
    for name, r in rows.items():
        p50, p99 = (f"{r[k]:>9.2f}" if r[k] else f"{'n/a':>9}" for k in ("p50", "p99"))
        print(f"{name:34} {r['rps']:>10.0f} {p50} {p99} {r['rss_mb']:>12.0f}")
    plain = rows["plain file (nginx)"]["rps"]
    bare = rows["bare Wagtail page"]["rps"]
    print("ratios (target):")
    for page in ("article", "home"):
        static = rows[f"{page}: static (nginx)"]["rps"]
        cached = rows[f"{page}: cached (app)"]["rps"]
        uncached = rows[f"{page}: uncached (app)"]["rps"]
        print(f"  {page}: static / plain file {static / plain:.2f} (>= 0.9)")
        print(f"  {page}: cached {cached:.0f} req/s = {cached / 3800:.2f} x 3,800 (>= 1)")
        print(f"  {page}: uncached / bare Wagtail {uncached / bare:.2f} (>= 1)")
    feed_static, feed_cached = rows["feed: static (nginx)"]["rps"], rows["feed: cached (app)"]["rps"]
    print(
        f"  feed (/en/rss.xml): static / plain file {feed_static / plain:.2f}, cached {feed_cached:.0f} req/s"
    )
    for page in ("article", "home"):
        nothing = rows[f"{page}: from nothing (app)"]["rps"]
        print(f"  {page}: from nothing / bare Wagtail {nothing / bare:.2f} (article >= 0.5)")
    bare_rss = rows["bare Wagtail page"]["rss_mb"]
    worst_rss = max(r["rss_mb"] for name, r in rows.items() if name.endswith("(app)"))
    print(f"  peak RSS of a web worker / bare Wagtail's {worst_rss / bare_rss:.2f} (<= 1.2)")
    for name, (hugo_seconds, _) in (baseline or {}).items():
        target = "(<= 5)" if name == "the same site" else "(the ratio before 2026-12-06)"
        print(f"  full static build / hugo, {name} {static_seconds / hugo_seconds:.1f} {target}")


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    for tool in ("wrk", "nginx", "taskset"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: `make bench` installs it with apt-get when run as root")
    counts = [int(n) for n in os.environ.get("ARTICLES", "2000").split()]
    engines = os.environ.get("BENCH_DBS", "sqlite postgres").split()
    print(f"make bench: wrk -c{CONNECTIONS} -d{SECONDS}s on core {CLIENT_CPU}, servers on core {SERVER_CPU}")
    print(f"uptime: {run(['uptime']).strip()}")
    try:
        for engine in engines:
            if engine == "postgres" and not pg_reachable(PG_URL):
                print(f"\n== postgres: not reachable at {PG_URL}, not measured")
                continue
            for articles in counts:
                report(engine, articles, *bench(engine, articles))
    finally:
        aside.empty()
    print(f"\nuptime: {run(['uptime']).strip()}")


if __name__ == "__main__":
    main()
