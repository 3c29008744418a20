"""The demo site the browser tests read: its own temporary SQLite database and uploads, migrated and filled
by `load_demo`, served by `runserver` on a free loopback port. Stopped and removed afterwards.

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

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
        if not (self.keep and (self.dir / "db.sqlite3").exists()):
            self.manage("migrate", "--no-input")
            if self.content:
                self.manage("load_demo")
                self.manage("set_up_lists")  # as make run does: the newsletter signup in footers
        if self.content:
            self.urls = self.run_json("browser.resolve", "finding the demo pages")
        if self.draft:
            self.untranslated = self.run_json(
                "browser.untranslated", "translating a demo article into a draft"
            )
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
