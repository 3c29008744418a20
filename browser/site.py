"""The demo site the browser tests read: its own temporary SQLite database and uploads, migrated and filled
by `load_demo`, served by `runserver` on a free loopback port. Stopped and removed afterwards.

A run migrates and loads the demo once: each site starts from a copy of the one this process prepared
(`prepared()`), at its own address, so the nine browser modules do not pay a minute each for it.

Set NASHR_BROWSER_SITE_DIR to a directory to keep the prepared site there and reuse it on the next run
(migrate and load_demo are skipped when its database exists).
NASHR_BROWSER_PORT serves it on that port (a machine shared by several people may give each a range);
unset, on any free one.

`DemoSite(content=False)` is a site without the demo's content (migrated only, never kept), for tests of
the admin; `host` is the name the browser uses for it (passkeys need a domain name such as `localhost`,
not an address), `env` adds settings from the environment (`NASHR_REQUIRE_2FA=1`). `root` serves another
checkout of the project (an earlier commit, for `browser/before_after.py`) with this one's Python; `port`
fixes the port instead of taking a free one; `keep_dir` keeps this site's files there, as
NASHR_BROWSER_SITE_DIR does; `draft=False` leaves out the untranslated draft the suite checks.
"""

import atexit
import contextlib
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The sites this process has prepared, by (content, draft): migrating takes about half a minute and loading
# the demo as long again, so each kind is prepared once per run and every DemoSite of that kind starts from
# a copy of it (its own database and uploads: no test module sees another's changes).
_prepared = {}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DemoSite:
    def __init__(
        self, content=True, host="127.0.0.1", env=None, root=ROOT, port=None, keep_dir=None, draft=True
    ):
        kept = (keep_dir or os.environ.get("NASHR_BROWSER_SITE_DIR")) if content else None
        self.content = content
        self.draft = content and draft
        self.keep = bool(kept)
        self.dir = Path(kept) if kept else Path(tempfile.mkdtemp(prefix="nashr-browser-"))
        self.dir.mkdir(parents=True, exist_ok=True)
        self.root = Path(root)
        self.host = host
        self.port = port or int(os.environ.get("NASHR_BROWSER_PORT") or 0) or free_port()
        self.origin = f"http://{host}:{self.port}"
        self.server = None
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "MEDIA_ROOT", "STATIC_ROOT"}
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="browser.settings",
            DATABASE_URL=f"sqlite:///{self.dir / 'db.sqlite3'}",
            NASHR_VAR_DIR=str(self.dir),
            WAGTAILADMIN_BASE_URL=self.origin,  # load_demo gives the site this address
            PYTHONUNBUFFERED="1",
        )
        self.env.update(env or {})

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=self.root, env=self.env, capture_output=True, text=True
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def run_json(self, module, doing):
        """What `python -m module` prints as JSON, run in the demo site's environment."""
        out = subprocess.run(
            [sys.executable, "-m", module], cwd=self.root, env=self.env, capture_output=True, text=True
        )
        if out.returncode:
            raise RuntimeError(f"{doing} failed:\n{out.stderr}")
        return json.loads(out.stdout)

    def start(self):
        if self.keep or self.root != ROOT:
            done = self.keep and (self.dir / "db.sqlite3").exists()
            self.prepare(migrate=not done, load=not done)
        else:
            self.copy_of(prepared(self.content, self.draft))
        self.log = open(self.dir / "server.log", "w")  # noqa: SIM115 (closed in stop)
        self.server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{self.port}"],
            cwd=self.root,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self.wait_until_up(timeout=60)
        except Exception:
            self.stop()  # never leave a server behind
            raise
        return self

    def prepare(self, migrate=True, load=True):
        """Migrates this site's database and, for a site with content, loads the demo into it (each unless
        told not to); then finds the demo's pages and makes the untranslated draft, as this site asks."""
        if migrate:
            self.manage("migrate", "--no-input")
        if self.content and load:
            self.manage("load_demo")
            self.manage("set_up_lists")  # as make run does: the newsletter signup in footers
        if self.content:
            self.urls = self.run_json("browser.resolve", "finding the demo pages")
        if self.draft:
            self.untranslated = self.run_json(
                "browser.untranslated", "translating a demo article into a draft"
            )

    def copy_of(self, model):
        """This site's folder becomes a copy of the prepared `model`'s, at this site's own address: the demo
        records where it is served (the site's host name and port, the feeds in the menus' social links),
        and every stored copy of the model's address becomes this site's. The page cache is left behind."""
        shutil.copytree(
            model.dir, self.dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns("cache", "*.log")
        )
        for name in ("urls", "untranslated"):
            if hasattr(model, name):
                setattr(self, name, getattr(model, name))
        if self.content:
            with contextlib.closing(sqlite3.connect(self.dir / "db.sqlite3")) as db, db:
                db.execute("UPDATE wagtailcore_site SET hostname = ?, port = ?", (self.host, self.port))
                replace_everywhere(db, model.origin, self.origin)

    def wait_until_up(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"the demo server stopped:\n{self.log_tail()}")
            try:
                urllib.request.urlopen(self.origin + "/static/css/nashr.css", timeout=5).close()
                return
            except OSError:  # not listening yet (URLError and timeouts are OSErrors)
                time.sleep(0.3)
        raise RuntimeError(
            f"the demo server did not answer on {self.origin} within {timeout} s:\n{self.log_tail()}"
        )

    def log_tail(self):
        self.log.flush()
        return (self.dir / "server.log").read_text()[-3000:]

    def stop(self):
        if self.server is not None:
            self.server.terminate()
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()
            self.server = None
            self.log.close()
        if not self.keep:
            shutil.rmtree(self.dir, ignore_errors=True)


def prepared(content, draft):
    """The prepared site of this kind (never served), made once per process: a site with content starts
    from a copy of the migrated one and loads the demo into it."""
    key = (content, draft)
    if key not in _prepared:
        model = DemoSite(content=False)  # in a folder of its own, never NASHR_BROWSER_SITE_DIR's
        atexit.register(shutil.rmtree, model.dir, ignore_errors=True)
        model.content, model.draft = content, draft
        if content:
            model.copy_of(prepared(False, False))
            model.prepare(migrate=False)
        else:
            model.prepare()
        _prepared[key] = model
    return _prepared[key]


def replace_everywhere(db, old, new):
    """Replaces `old` with `new` in every text value of every table of the SQLite database `db`."""
    tables = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE TABLE%'"
        )
    ]
    for table in tables:
        for column in [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]:
            db.execute(
                f'UPDATE "{table}" SET "{column}" = replace("{column}", ?, ?) '
                f'WHERE typeof("{column}") = \'text\' AND instr("{column}", ?) > 0',
                (old, new, old),
            )
