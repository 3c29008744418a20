"""Real worker processes for the tests, on the test database.

A process of its own cannot see SQLite's in-memory test database, so `shared_database()` copies it to a
file and points this process's connection at that file until the end of the block; on PostgreSQL both
use the test database as it is. Tests that use them must commit what the worker is to see
(TransactionTestCase).
"""

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

MANAGE = Path(settings.BASE_DIR) / "manage.py"


@contextmanager
def shared_database():
    """Yields the DATABASE_URL of the test database as another process can open it."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
        yield f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
        return
    if connection.vendor != "sqlite":
        raise RuntimeError(f"the worker's tests run on SQLite and PostgreSQL, not {connection.vendor}")
    with tempfile.TemporaryDirectory(prefix="nashr-worker-test-") as folder:
        path = Path(folder) / "db.sqlite3"
        connection.ensure_connection()
        memory, name = connection.connection, db["NAME"]
        with sqlite3.connect(path) as copy:
            memory.backup(copy)
        copy.close()
        # The in-memory database lives as long as its connection: keep it aside, open the file instead.
        connection.connection = None
        db["NAME"] = str(path)
        try:
            yield f"sqlite:///{path}"
        finally:
            connection.close()
            db["NAME"] = name
            connection.connection = memory


class RunningWorker:
    """`manage.py worker` in a process of its own; its output collected in `lines`."""

    def __init__(self, database_url, **environ):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "nashr.worker.tests.settings",
            "DATABASE_URL": database_url,
            "PYTHONUNBUFFERED": "1",
            **{k: str(v) for k, v in environ.items()},
        }
        self.process = subprocess.Popen(
            [sys.executable, str(MANAGE), "worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
            env=env,
            cwd=MANAGE.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # a kill reaches it alone, never the test runner
        )
        self.lines = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self):
        return "\n".join(self.lines)

    def wait_for(self, text, timeout=30):
        """Wait until the worker has printed `text`; fail (with its output) if it does not or it dies."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"the worker did not print {text!r}; its output:\n{self.output}")

    def kill(self):
        """SIGKILL: no clean-up of any kind, as with an out-of-memory kill or a power cut."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self._reader.join(timeout=5)
        self.process.stdout.close()


def wait_until(condition, timeout, step=0.05):
    """Poll `condition()` until it is true; return the seconds it took, or None on timeout."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return time.monotonic() - start
        time.sleep(step)
    return None
