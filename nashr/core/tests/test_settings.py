"""The settings read from the environment, loaded in a fresh process for each environment tried."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import SimpleTestCase

READ = (
    "import json, django; from django.conf import settings; django.setup();"
    "d = settings.DATABASES['default']; c = settings.CACHES['default'];"
    "print(json.dumps({'engine': d['ENGINE'], 'name': str(d['NAME']), 'host': d.get('HOST', ''),"
    " 'options': d.get('OPTIONS', {}), 'cache': c['BACKEND'], 'cache_at': str(c.get('LOCATION', ''))}))"
)


def load(settings_module="nashr.settings.base", **environ):
    """The database and cache settings `settings_module` gives in a process with only `environ` set."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    env = {**keep, "DJANGO_SETTINGS_MODULE": settings_module, **environ}
    result = subprocess.run(
        [sys.executable, "-c", READ],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.returncode, result.stdout, result.stderr


class DatabaseSettingsTests(SimpleTestCase):
    def setUp(self):
        self.var = Path(tempfile.mkdtemp(prefix="nashr-settings-"))

    def tearDown(self):
        for path in sorted(self.var.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        self.var.rmdir()

    def test_without_DATABASE_URL_the_embedded_database_lives_in_the_var_folder(self):
        code, out, err = load(NASHR_VAR_DIR=str(self.var))
        self.assertEqual(code, 0, err)
        found = json.loads(out)
        self.assertEqual(found["engine"], "django.db.backends.sqlite3")
        self.assertEqual(found["name"], str(self.var / "nashr.sqlite3"))
        # Shared by processes: write-ahead log, writers queue instead of failing.
        self.assertIn("journal_mode=WAL", found["options"]["init_command"])
        self.assertEqual(found["options"]["transaction_mode"], "IMMEDIATE")
        # The cache every process shares sits beside it, never in one process's memory.
        self.assertEqual(found["cache"], "nashr.caching.backends.DiskCache")
        self.assertEqual(found["cache_at"], str(self.var / "cache"))

    def test_a_postgres_url_selects_postgresql_and_redis_the_shared_cache(self):
        code, out, err = load(
            NASHR_VAR_DIR=str(self.var),
            DATABASE_URL="postgres://newsroom@db.internal:5433/nashr_live",
            REDIS_URL="redis://127.0.0.1:6379/3",
        )
        self.assertEqual(code, 0, err)
        found = json.loads(out)
        self.assertEqual(found["engine"], "django.db.backends.postgresql")
        self.assertEqual((found["name"], found["host"]), ("nashr_live", "db.internal"))
        self.assertNotIn("init_command", found["options"])
        self.assertEqual(found["cache"], "django.core.cache.backends.redis.RedisCache")

    def test_a_malformed_DATABASE_URL_stops_with_its_reason(self):
        code, out, err = load(NASHR_VAR_DIR=str(self.var), DATABASE_URL="nashr.sqlite3")
        self.assertNotEqual(code, 0)
        self.assertIn("DATABASE_URL is not a database URL", err)
        self.assertEqual(out, "")


class SuiteDatabaseTests(SimpleTestCase):
    def test_suite_runs_on_the_database_that_DATABASE_URL_names(self):
        # Fails if the test settings ever replace the database: CI's PostgreSQL run would then test SQLite.
        url = os.environ.get("DATABASE_URL", "sqlite://")
        expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
        self.assertEqual(connection.vendor, expected)
