"""What the newsroom decides reaches every reader at once, with real processes.

The server runs as `make serve` runs it (production settings, granian, the page cache on, two workers sharing
the cache); readers are threads of this process, reading an article, its section, the edition's home,
another article (its recent posts) and the feeds over and over; the newsroom is another process that performs
one action and exits. Every read that started after that process exited must show the new state.

Each scenario runs against both shared caches: the embedded default (diskcache, a folder of its own) and
Redis (`REDIS_URL`, database 7 of 127.0.0.1:6379, emptied before and after; skipped when no Redis answers,
except under CI=true). The figures are printed, e.g. "publish (embedded): 1834 reads, 912 after the action,
0 stale".

The static output is kept by the worker (`manage.py worker`): before the action returns, every file of the
editions it touched is withdrawn (nginx hands their addresses to the app, which shows the change); the worker
writes them back, those that show the change first. No file shows the old state after the action returned.
"""

import os
import shutil
import tempfile
import time
import unittest
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.test import SimpleTestCase, tag

from nashr.core.test_runner import SLOW

from . import actions
from .processes import (
    MANAGE,
    PYTHON,
    Actor,
    Check,
    Readers,
    Server,
    environment,
    lacks,
    prepare_template,
    run,
    shows,
    start,
    stop,
    tail,
)
from .worker_actions import WorkerActions

REDIS_URL = "redis://127.0.0.1:6379/7"
ARTICLES = "/en/articles/"
HOME = "/en/"
OTHER = "/en/articles/weather-day-1/"  # shows the edition's newest articles as its recent posts
FEEDS = ["/en/rss.xml", "/en/feed.json"]
API = ["/en/api/v2/pages/", "/en/api/v2/pages/?type=article&limit=50"]  # the read API, kept like pages
FAIR = "/en/articles/book-fair-opens/"
WARM_READS = 4  # reads of each address in its old state before the action: the cache holds them
AFTER_SECONDS, AFTER_READS = 1.0, 5  # readers go on at least this long, reading each address this often

_template = None


def template():
    """The migrated database with its site, built once per test process (it takes tens of seconds)."""
    global _template  # noqa: PLW0603
    if _template is None:
        # Removed when the module that asked first ends (another app may ask first): forgotten then too.
        _template = prepare_template(unittest.addModuleCleanup)
        unittest.addModuleCleanup(_forget_template)
        print(f"\nsite for the process tests: {_template.timings}")
    return _template


def _forget_template():
    global _template  # noqa: PLW0603
    _template = None


def redis_missing():
    """Why Redis cannot be used (None: it answers). Under CI=true a missing Redis fails the run."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            raise
        return f"no Redis at {REDIS_URL}: {error}"
    return None


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS_URL, socket_timeout=2).flushdb()


@dataclass
class Setup:
    """One server with its database, folders and cache."""

    label: str
    folder: Path
    env: dict
    server: Server


def new_setup(label, add_cleanup, **variables):
    folder = Path(tempfile.mkdtemp(prefix=f"nashr-xproc-{label}-"))
    add_cleanup(shutil.rmtree, folder, ignore_errors=True)
    site = template()
    database = site.database.clone(folder)
    add_cleanup(database.drop)
    env = environment(folder, database, site.static_root, NASHR_CACHE_DIR=folder / "cache", **variables)
    return Setup(label, folder, env, Server(env, folder))


def tally(reads):
    """{"path state": number of reads}"""
    return dict(Counter(f"{read.path} {read.state}" for read in reads))


def title_gone(title, paths):
    return [Check(path, shows(title), lacks(title)) for path in paths]


@tag("processes", SLOW)
class ReadersAcrossProcessesTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setups = [new_setup("embedded", cls.addClassCleanup)]
        cls.redis_missing = redis_missing()
        if cls.redis_missing is None:
            flush_redis()
            cls.addClassCleanup(flush_redis)
            cls.setups.append(new_setup("redis", cls.addClassCleanup, REDIS_URL=REDIS_URL))
        for setup in cls.setups:
            cls.addClassCleanup(setup.server.stop)
        with ThreadPoolExecutor(len(cls.setups)) as pool:
            list(pool.map(lambda setup: setup.server.start(), cls.setups))

    def each_cache(self, name, action, checks):
        # Every actor starts at once: the second sets Django up while the first scenario runs.
        actors = {setup.label: Actor(setup.env, setup.folder, action) for setup in self.setups}
        for actor in actors.values():
            self.addCleanup(actor.stop)
        for label in ("embedded", "redis"):
            with self.subTest(cache=label):
                setup = next((s for s in self.setups if s.label == label), None)
                if setup is None:
                    self.skipTest(self.redis_missing)
                self.scenario(f"{name} ({label})", setup, actors[label], checks)

    def scenario(self, name, setup, actor, checks):
        with Readers(setup.server.base, checks) as readers:
            readers.wait_until(
                readers.each_path(lambda read: read.state == "old", WARM_READS),
                60,
                "every address read as before",
            )
            actor.wait_ready()
            exited = actor.act()
            readers.wait_until(
                lambda reads: (
                    time.monotonic() > exited + AFTER_SECONDS
                    and readers.each_path(lambda read: read.started > exited, AFTER_READS)(reads)
                ),
                60,
                "every address read after the action",
            )
        reads = list(readers.reads)
        after = [read for read in reads if read.started > exited]
        stale = [read for read in after if read.state != "new"]
        print(f"\n{name}: {len(reads)} reads, {len(after)} after the action, {len(stale)} stale", end="")
        self.assertEqual(tally(stale), {}, f"{name}: stale reads")
        failed = [read for read in reads if not read.state.startswith(("old", "new", "other (200)"))]
        self.assertEqual(tally(failed), {}, f"{name}: failed reads")

    def test_a_new_title_replaces_the_old_one_everywhere(self):
        old, new = actions.TITLES["harbour-lights"], actions.NEW_TITLE
        paths = ["/en/articles/harbour-lights/", ARTICLES, HOME, OTHER, *FEEDS, *API]
        checks = [Check(path, shows(old), lacks(old, present=[new])) for path in paths]
        self.each_cache("publish", ["publish_title", "harbour-lights", new], checks)

    def test_an_unpublished_article_is_gone(self):
        title = actions.TITLES["kestrel-sighting"]
        article = "/en/articles/kestrel-sighting/"
        checks = [
            Check(article, shows(title), (404, [], [])),
            *title_gone(title, [ARTICLES, HOME, OTHER, *FEEDS, *API]),
        ]
        self.each_cache("unpublish", ["unpublish", "kestrel-sighting"], checks)

    def test_a_private_article_asks_for_its_password_and_leaves_the_listings(self):
        title, text = actions.TITLES["orchard-harvest"], actions.ORCHARD_TEXT
        article = "/en/articles/orchard-harvest/"
        form = 'type="password"'
        checks = [
            Check(article, shows(text), lacks(text, present=[form])),
            *title_gone(title, [ARTICLES, HOME, OTHER, *FEEDS, *API]),
        ]
        self.each_cache("private", ["make_private", "orchard-harvest"], checks)

    def test_a_deleted_article_is_gone(self):
        title = actions.TITLES["quarry-closes"]
        article = "/en/articles/quarry-closes/"
        checks = [
            Check(article, shows(title), (404, [], [])),
            *title_gone(title, [ARTICLES, HOME, OTHER, *FEEDS, *API]),
        ]
        self.each_cache("delete", ["delete", "quarry-closes"], checks)

    def test_a_purged_comment_leaves_the_article(self):
        gone, kept = actions.PURGED_COMMENT, actions.KEPT_COMMENT
        checks = [Check(FAIR, shows(gone, kept), lacks(gone, present=[kept]))]
        self.each_cache("purge comment", ["purge_reader_data", "--email", actions.PURGED_EMAIL], checks)

    def test_a_renamed_category_shows_its_new_name(self):
        old, new = actions.CATEGORY_NAME, actions.NEW_CATEGORY_NAME
        checks = [
            Check(path, shows(old), lacks(old, present=[new]))
            # The feed names the category in its title and in each entry's terms (entries are kept per post).
            for path in (FAIR, "/en/category/culture/", "/en/category/culture/rss.xml")
        ]
        self.each_cache("rename category", ["rename_category", "culture", new], checks)


@tag("processes", SLOW)
class StaticOutputAcrossProcessesTests(WorkerActions, SimpleTestCase):
    """The static output kept by a worker process, after actions of another process."""

    WORKER = [PYTHON, MANAGE, "worker"]
    poll_seconds = 0.02

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = Path(tempfile.mkdtemp(prefix="nashr-xproc-static-"))
        cls.addClassCleanup(shutil.rmtree, cls.folder, ignore_errors=True)
        site = template()
        database = site.database.clone(cls.folder)
        cls.addClassCleanup(database.drop)
        cls.out = cls.folder / "output"
        cls.env = environment(
            cls.folder,
            database,
            site.static_root,
            NASHR_CACHE_DIR=cls.folder / "cache",
            NASHR_STATIC_DIR=cls.out,
        )
        # Started first: it is ready to take tasks by the time the output is written.
        cls.worker = start(cls.WORKER, cls.env, cls.folder / "worker.log")
        cls.addClassCleanup(stop, cls.worker)
        # Two processes share the build (publishing/parallel.py): the tests below read what both wrote.
        run([PYTHON, MANAGE, "publish_static", "--jobs", "2", str(cls.out)], cls.env)

    def text(self, relative):
        try:
            return (self.out / relative).read_text()
        except FileNotFoundError:
            return None

    def test_publish_and_unpublish_reach_the_files_from_the_worker(self):
        old, new = actions.TITLES["harbour-lights"], actions.NEW_TITLE
        article = "en/articles/harbour-lights/index.html"
        files = {
            "the article": article,
            "its section": "en/articles/index.html",
            "the home": "en/index.html",
            "the RSS feed": "en/rss.xml",
            "another article's recent posts": "en/articles/weather-day-1/index.html",
        }
        for relative in files.values():
            self.assertIn(old, self.text(relative) or "", relative)

        with self.worker_stopped():  # what the action itself did, however fast the worker is
            self.act("publish_title", "harbour-lights", new)
            self.assert_none_shows(files, old)
        # Written back: the article and its section first, within 10 s of the new worker's start (its first
        # task loads the templates; a warm worker's 2 s is make bench's figure); the rest as it gets to
        # them. No file may show the old title meanwhile.
        seconds = self.follow(
            files, self.worker_ready(), stale=old, shown=new, timeouts={"the article": 10, "its section": 10}
        )
        figures = ", ".join(f"{name} {value:.2f} s" for name, value in seconds.items())
        print(f"\nstatic output, publish: {figures} after the worker started", end="")

        with self.worker_stopped():
            self.act("unpublish", "harbour-lights")
            self.assert_none_shows(files, new)
            gone = [suffix for suffix in ("", ".gz", ".br") if (self.out / (article + suffix)).exists()]
            self.assertEqual(gone, [], "files of the unpublished article left when the action returned")
        del files["the article"]
        seconds = self.follow(files, self.worker_ready(), stale=new, shown="</")
        self.assertFalse((self.out / article).exists(), "the unpublished article written again")
        figures = ", ".join(f"{name} {value:.2f} s" for name, value in seconds.items())
        print(f"\nstatic output, unpublish: article gone at once; without it: {figures}", end="")

    @contextmanager
    def worker_stopped(self):
        """No worker while the block runs (the action and the look at the files when it has returned); a
        new one is started after it. Stopped, not paused: a paused process could hold SQLite's lock."""
        stop(self.worker)
        self.ready_lines = self.log_lines("ready")
        try:
            yield
        finally:
            cls = type(self)
            cls.worker = start(self.WORKER, self.env, self.folder / "worker.log")
            cls.addClassCleanup(stop, cls.worker)

    def log_lines(self, word):
        return sum(word in line for line in tail(self.folder / "worker.log", lines=10_000).splitlines())

    def worker_ready(self, timeout=60):
        """time.monotonic() once the worker started by worker_stopped() has logged that it is ready."""
        since = time.monotonic()
        while self.log_lines("ready") <= self.ready_lines:
            if self.worker.poll() is not None or time.monotonic() > since + timeout:
                self.fail(f"the worker did not start: {tail(self.worker.log_path)}")
            time.sleep(self.poll_seconds)
        return time.monotonic()

    def assert_none_shows(self, files, text):
        showing = [name for name, relative in files.items() if text in (self.text(relative) or "")]
        self.assertEqual(showing, [], f"files showing {text!r} when the action had returned")

    def follow(self, files, since, stale, shown, timeouts=None, timeout=120):
        """{name: seconds from `since` until its file is back and shows `shown`}. Every file is read every
        poll: one that shows `stale` at any moment after the action returned fails the test (a missing
        file is right: nginx hands its address to the app)."""
        back = {}
        while len(back) < len(files):
            for name, relative in files.items():
                body = self.text(relative)
                if body is not None and stale in body:
                    self.fail(f"{name} ({relative}) shows {stale!r} {time.monotonic() - since:.2f} s after")
                if name not in back and body is not None and shown in body:
                    back[name] = time.monotonic() - since
            if self.worker.poll() is not None:
                self.fail(f"the worker exited with {self.worker.returncode}: {tail(self.worker.log_path)}")
            late = [
                n
                for n in files
                if n not in back and time.monotonic() > since + (timeouts or {}).get(n, timeout)
            ]
            if late:
                self.fail(f"{', '.join(late)} not back within their time: {tail(self.worker.log_path)}")
            time.sleep(self.poll_seconds)
        return {name: back[name] for name in files}
