"""`make bench-import`: import a generated WordPress export into an empty site; print time and memory."""

import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings
from wagtail.models import Locale, Page, Site

from nashr.home.models import HomePage
from nashr.wordpress import reader
from nashr.wordpress.generate import write_export
from nashr.wordpress.importer import WordPressImporter


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class StatementCounter:
    """Counts the SQL statements sent to the database (an `executemany` once), savepoints apart."""

    def __init__(self):
        self.statements = self.savepoints = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip()[:9].upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            self.savepoints += 1
        else:
            self.statements += 1
        return execute(sql, params, many, context)


class Command(BaseCommand):
    help = "Benchmark: import a generated WordPress export (default 10,000 posts) into an empty site."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=10_000)

    def handle(self, *args, posts, **options):
        if Page.objects.filter(depth__gt=1).exclude(content_type__model="page").exists():
            raise CommandError("run this on an empty database (make bench-import makes one)")
        self.empty_site()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "export.xml"
            started = time.perf_counter()
            write_export(path, posts)
            size_mb = path.stat().st_size / 1e6
            self.stdout.write(
                f"generated {posts} posts, {size_mb:.1f} MB, in {time.perf_counter() - started:.1f} s"
            )
            memory_before = peak_rss_mb()
            started = time.perf_counter()
            records = sum(1 for _ in reader.read(path))
            parse = time.perf_counter() - started
            self.stdout.write(f"baseline, reading the file alone: {parse:.2f} s for {records} records")
            started, cpu = time.perf_counter(), time.process_time()
            counter = StatementCounter()
            with override_settings(DEBUG=False), connection.execute_wrapper(counter):  # no log of queries
                report = WordPressImporter(path).run()
            first, first_cpu = time.perf_counter() - started, time.process_time() - cpu
            memory_after = peak_rss_mb()
            started = time.perf_counter()
            with override_settings(DEBUG=False):
                again = WordPressImporter(path).run()
            second = time.perf_counter() - started
        created = report.count("created", "post")
        if created != posts or report.failures or again.count("unchanged", "post") != posts:
            raise CommandError(f"the import went wrong:\n{report}")
        self.stdout.write(
            f"import: {first:.1f} s ({created / first:.0f} posts/s, "
            f"{first / parse:.0f}x the reading baseline); "
            f"CPU time of this process {first_cpu:.1f} s; second run, nothing changed: {second:.1f} s\n"
            f"SQL statements per post: {counter.statements / posts:.1f}, "
            f"and {counter.savepoints / posts:.1f} savepoint statements\n"
            f"peak memory of the process: {memory_after:.0f} MB (before the import {memory_before:.0f} MB; "
            f"the file is {size_mb:.0f} MB)\n"
            f"target: at most 60 s on SQLite -> {'met' if first <= 60 else 'NOT met'}"
        )
        uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        self.stdout.write(f"uptime: {uptime or os.getloadavg()}")

    def empty_site(self):
        english, _ = Locale.objects.get_or_create(language_code="en")
        farsi, _ = Locale.objects.get_or_create(language_code="fa")
        root = Page.get_first_root_node()
        for placeholder in root.get_children():
            placeholder.delete()
        home = HomePage(title="Bench", slug="home", locale=english)
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        home.copy_for_translation(farsi).save_revision().publish()
