"""What the benchmark commands (`manage.py bench_*`, `make bench-*`) share: the machine's load for the record,
percentiles, and a database of their own, dropped and re-created on `--fresh-database`.

A command that builds its own site inherits `BenchCommand`: `--fresh-database`, `say`, and `start`, which
re-creates the database when asked and refuses one that already holds a site.
"""

import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def uptime():
    """`uptime`'s line (the load averages): recorded with every figure."""
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "uptime unavailable"


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def recreate_database():
    """Drop and re-create the configured database. Refuses any database whose name lacks 'bench'."""
    db = settings.DATABASES["default"]
    name = str(db["NAME"])
    if "bench" not in Path(name).name:
        raise CommandError(f"--fresh-database drops the database: its name must contain 'bench' ({name}).")
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
        return
    import psycopg

    params = {"dbname": "postgres", "user": db.get("USER"), "host": db.get("HOST"), "port": db.get("PORT")}
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


class BenchCommand(BaseCommand):
    """A benchmark that builds its own site in an empty database."""

    def add_arguments(self, parser):
        parser.add_argument(
            "--fresh-database",
            action="store_true",
            help="Drop, re-create and migrate the database first (its name must contain 'bench').",
        )

    def say(self, message=""):
        self.stdout.write(message)
        self.stdout.flush()

    def start(self, fresh_database, occupied):
        """Re-creates and migrates the database if `fresh_database`; then refuses it if `occupied()` (a
        callable: asked after the re-creation) says it holds a site already."""
        if fresh_database:
            recreate_database()
            call_command("migrate", interactive=False, verbosity=0)
        if occupied():
            raise CommandError("Run it on an empty database: --fresh-database (a database named *bench*).")
