"""`manage.py prepare`: what a server needs before it starts (`make serve`), each step only when something
changed. Migrations are applied when the database lacks one; static files are collected again when a
source file (ours or an installed app's) or the storage changed since the last collection, which a stamp in
STATIC_ROOT records. On an unchanged checkout it costs a look at the migration graph and a `stat` per file.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

STAMP = ".nashr-collected"


def static_sources_digest():
    """A digest of every file collectstatic would copy (name, size, time of change) and of the storage."""
    digest = hashlib.sha256(f"{settings.STORAGES['staticfiles']}|{settings.STATIC_URL}".encode())
    rows = []
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            stat = Path(storage.path(path)).stat()
            rows.append(f"{getattr(storage, 'prefix', '') or ''}/{path}|{stat.st_size}|{stat.st_mtime_ns}")
    for row in sorted(rows):
        digest.update(row.encode() + b"\n")
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Apply pending migrations and collect static files, each only when something changed."

    def handle(self, *args, **options):
        self.migrate()
        self.collect_static()

    def migrate(self):
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if not plan:
            self.stdout.write("Database: up to date.")
            return
        self.stdout.write(f"Database: applying {len(plan)} migration(s)...")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database: up to date.")

    def collect_static(self):
        stamp = Path(settings.STATIC_ROOT) / STAMP
        digest = static_sources_digest()
        if stamp.exists() and stamp.read_text() == digest:
            self.stdout.write(
                f"Static files: unchanged since they were collected into {settings.STATIC_ROOT}."
            )
            return
        self.stdout.write(f"Static files: collecting into {settings.STATIC_ROOT} (sources changed)...")
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(digest)
        self.stdout.write("Static files: collected.")
