"""Real processes for the tests of test_processes.py: a database another process can open, the server as
`make serve` runs it, a process that performs one action (actions.py), readers timing every read.

Every process is started in a session of its own and stopped with its whole process group.
"""

import contextlib
import os
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

PYTHON = sys.executable
MANAGE = str(settings.BASE_DIR / "manage.py")
# Variables of the test run that must not leak into the processes started here.
OWN_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "NASHR_CACHE_DIR",
    "NASHR_STATIC_DIR",
    "NASHR_VAR_DIR",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "NASHR_PAGE_CACHE",
    "NASHR_FRAGMENTS",
}
ACTOR = (
    "import sys, django; django.setup(); from nashr.publishing.tests import actions; "
    "print('ready', flush=True); sys.stdin.readline(); actions.run(sys.argv[1:])"
)


def timed(label, fn, *args):
    started = time.monotonic()
    result = fn(*args)
    return result, f"{label} {time.monotonic() - started:.1f} s"


# Processes


def start(args, env, log_path, **kwargs):
    log = open(log_path, "ab")  # noqa: SIM115 -- closed with the process, see stop()
    process = subprocess.Popen(
        args,
        env=env,
        cwd=settings.BASE_DIR,
        stdout=kwargs.pop("stdout", log),
        stderr=log,
        start_new_session=True,
        **kwargs,
    )
    process.log, process.log_path = log, log_path
    return process


def stop(process):
    """Stop a process started by start() and everything it started (granian's workers)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        except ProcessLookupError:
            pass
    with contextlib.suppress(ProcessLookupError, PermissionError):  # workers left behind by their leader
        os.killpg(process.pid, signal.SIGKILL)
    process.log.close()
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()


def tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def run(args, env, timeout=300):
    """Run a command to its end; its output in the failure message when it fails."""
    done = subprocess.run(
        args, env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited with {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Databases


class Database:
    """A database of its own on the run's engine: a file for SQLite, a throwaway database on the run's
    PostgreSQL server (created and dropped with psycopg)."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            self.name = f"nashr_xproc_{os.getpid()}_{secrets.token_hex(4)}"
            self._admin(f'CREATE DATABASE "{self.name}"')
        else:
            self.path = self.folder / "nashr.sqlite3"

    @property
    def url(self):
        if not self.postgres:
            return f"sqlite:///{self.path}"
        db = settings.DATABASES["default"]
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        return (
            f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{self.name}"
        )

    def clone(self, folder):
        """A copy of this database (which no process may have open) for one server."""
        copy = Database.__new__(Database)
        copy.folder, copy.postgres = Path(folder), self.postgres
        if self.postgres:
            copy.name = f"nashr_xproc_{os.getpid()}_{secrets.token_hex(4)}"
            self._admin(f'CREATE DATABASE "{copy.name}" TEMPLATE "{self.name}"')
        else:
            copy.path = copy.folder / "nashr.sqlite3"
            shutil.copyfile(self.path, copy.path)
        return copy

    def drop(self):
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    @staticmethod
    def _admin(sql):
        import psycopg

        db = settings.DATABASES["default"]
        with psycopg.connect(
            dbname="postgres",
            user=db["USER"],
            password=db.get("PASSWORD") or None,
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            autocommit=True,
        ) as admin:
            admin.execute(sql)


def environment(folder, database, static_root, **variables):
    """What every process of one setup runs with: production settings, its database, its own folders."""
    folder = Path(folder)
    env = {k: v for k, v in os.environ.items() if k not in OWN_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="nashr.settings.production",
        SECRET_KEY="processes-test-not-secret",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="0",
        DATABASE_URL=database.url,
        NASHR_VAR_DIR=str(folder / "var"),
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(static_root),
        NASHR_PAGE_CACHE="1",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update({k: str(v) for k, v in variables.items()})
    return env


@dataclass
class Template:
    """A migrated database holding the site of actions.build_site, and collected static files."""

    folder: Path
    database: Database
    static_root: Path
    timings: str


def prepare_template(add_cleanup):
    """Migrate a new database and collect the static files side by side, then build the site."""
    folder = Path(tempfile.mkdtemp(prefix="nashr-xproc-"))
    add_cleanup(shutil.rmtree, folder, ignore_errors=True)
    database = Database(folder)
    add_cleanup(database.drop)
    static_root = folder / "static"
    env = environment(folder, database, static_root)
    with ThreadPoolExecutor(2) as pool:
        migrating = pool.submit(timed, "migrate", run, [PYTHON, MANAGE, "migrate", "--no-input", "-v0"], env)
        # Readers' pages use the project's own files only: the admin's (most of the time) are left out.
        collect = [PYTHON, MANAGE, "collectstatic", "--no-input", "-v0", "--ignore", "wagtail*"]
        collecting = pool.submit(timed, "collectstatic", run, collect, env)
        timings = [migrating.result()[1], collecting.result()[1]]
    script = (
        "import django; django.setup(); from nashr.publishing.tests.actions import build_site; build_site()"
    )
    timings.append(timed("site", run, [PYTHON, "-c", script], env)[1])
    return Template(folder, database, static_root, ", ".join(timings))


# The server


class Server:
    """granian serving nashr.wsgi:application as `make serve` does, with two workers sharing the cache."""

    def __init__(self, env, folder, workers=2):
        self.env, self.folder, self.workers = env, Path(folder), workers
        self.process = None

    def start(self, timeout=90):
        for _attempt in range(3):  # a port taken between choosing it and binding it: choose another
            self.port = free_port()
            self.base = f"http://127.0.0.1:{self.port}"
            self.process = start(
                [
                    PYTHON,
                    "-m",
                    "granian",
                    "--interface",
                    "wsgi",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--no-ws",
                    "--workers",
                    str(self.workers),
                    "--blocking-threads",
                    "1",
                    "nashr.wsgi:application",
                ],
                self.env,
                self.folder / "server.log",
            )
            if self._wait(timeout):
                return self
            stop(self.process)
            if "address already in use" not in tail(self.process.log_path).lower():
                break
        raise AssertionError(f"the server did not start:\n{tail(self.process.log_path)}")

    def _wait(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.base}/en/", timeout=10) as response:
                    if response.status == 200:
                        return True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        return False

    def stop(self):
        if self.process is not None:
            stop(self.process)


# One action in a process of its own


class Actor:
    """A process that sets Django up, says "ready", performs one action on "go" and exits.

    Setting up takes seconds, so it happens while the readers fill the cache; the action is timed from the
    "go" to the process's exit."""

    def __init__(self, env, folder, action):
        self.action = action
        self.process = start(
            [PYTHON, "-c", ACTOR, *action],
            env,
            Path(folder) / f"actor-{action[0]}.log",
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def wait_ready(self, timeout=60):
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else b""
        if line.strip() != b"ready":
            raise AssertionError(f"the actor did not start: {tail(self.process.log_path)}")

    def act(self, timeout=120):
        """Perform the action; returns the time.monotonic() at which the process had exited."""
        self.process.stdin.write(b"go\n")
        self.process.stdin.close()
        code = self.process.wait(timeout)
        exited = time.monotonic()
        if code != 0:
            raise AssertionError(f"{' '.join(self.action)} exited with {code}: {tail(self.process.log_path)}")
        return exited

    def stop(self):
        stop(self.process)


# Readers


@dataclass(frozen=True)
class Check:
    """How a read of `path` shows the state before the action ("old") and after it ("new").

    `old` and `new` are (status, [texts it holds], [texts it must not hold])."""

    path: str
    old: tuple
    new: tuple

    def state(self, status, body):
        for name, (expected, present, absent) in (("old", self.old), ("new", self.new)):
            if status == expected and all(t in body for t in present) and not any(t in body for t in absent):
                return name
        return f"other ({status})"


def shows(*texts, status=200):
    return (status, list(texts), [])


def lacks(*texts, present=(), status=200):
    return (status, list(present), list(texts))


@dataclass(frozen=True)
class Read:
    path: str
    started: float
    state: str


class Readers:
    """Threads reading `checks`' addresses over and over, each read's start time and state recorded."""

    def __init__(self, base, checks, threads=4):
        self.base, self.checks, self.count = base, list(checks), threads
        self.reads = []
        self.done = threading.Event()
        self.threads = [threading.Thread(target=self._read, args=(n,), daemon=True) for n in range(threads)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        for thread in self.threads:
            thread.join(30)

    def _read(self, offset):
        index = offset
        while not self.done.is_set():
            check = self.checks[index % len(self.checks)]
            index += 1
            started = time.monotonic()
            try:
                with urllib.request.urlopen(self.base + check.path, timeout=30) as response:
                    status, body = response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                status, body = error.code, error.read().decode(errors="replace")
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                status, body = type(error).__name__, ""
            self.reads.append(Read(check.path, started, check.state(status, body)))

    def wait_until(self, condition, timeout, what):
        deadline = time.monotonic() + timeout
        while not condition(list(self.reads)):
            if time.monotonic() > deadline:
                raise AssertionError(f"readers: {what} within {timeout} s; {self.summary()}")
            time.sleep(0.05)

    def each_path(self, predicate, at_least):
        def condition(reads):
            counts = Counter(r.path for r in reads if predicate(r))
            return all(counts[check.path] >= at_least for check in self.checks)

        return condition

    def summary(self):
        counts = Counter((r.path, r.state) for r in self.reads)
        return "; ".join(f"{path} {state}: {n}" for (path, state), n in sorted(counts.items()))
