"""`manage.py bench_mirrors`: the figures of mirrors on object storage, against a real SeaweedFS server
started here (ports from NASHR_BENCH_MIRRORS_PORT, 18180, upwards), on the site in this database (build it
with load_demo and `generate_content --articles 2000`: `make bench-channels`).

1. A full resync of every edition to an empty bucket (render, make portable, upload, with the pictures and
   the static files the pages use): time, addresses, files, bytes.
2. The same resync again, nothing changed: what a resync costs when the bucket is already right.
3. One publish to the bucket through a real worker process (`manage.py worker`): from the publish's commit
   in this process until the article's new title is served at its public address, and on its edition's home.
"""

import os
import statistics
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from nashr.articles.models import ArticlePage
from nashr.core.bench import uptime
from nashr.mirrors.health import fetch
from nashr.mirrors.models import Mirror, MirrorFile
from nashr.mirrors.resync import resync
from nashr.mirrors.seaweed import ACCESS_KEY, REGION, SECRET_KEY, SeaweedFS
from nashr.publishing.static import relative_file
from nashr.worker.models import WorkerProcess

NAME = "bench-bucket"


class Command(BaseCommand):
    help = "Time a full resync of the site to a SeaweedFS bucket, and one publish reaching it via the worker"

    def add_arguments(self, parser):
        parser.add_argument("--publishes", type=int, default=3, help="Publishes to time (default 3).")
        parser.add_argument(
            "--resyncs",
            type=int,
            default=2,
            choices=[0, 1, 2],
            help="Resyncs to time first (default 2; 0: none).",
        )

    def say(self, message):
        self.stdout.write(message)
        self.stdout.flush()

    def handle(self, *args, publishes, resyncs, **options):
        articles = ArticlePage.objects.live().count()
        if not articles:
            raise CommandError("No articles: run load_demo and generate_content --articles 2000 first.")
        Mirror.objects.filter(name=NAME).delete()
        self.say(f"Database: {settings.DATABASES['default']['ENGINE']}; {articles:,} live articles")
        self.say(f"uptime: {uptime()}")
        port = int(os.environ.get("NASHR_BENCH_MIRRORS_PORT", "18180"))
        with SeaweedFS(port) as s3:
            s3.make_bucket("nashr-bench")
            # Written without signals: the bench times the resync itself, not the sweep a new mirror starts.
            mirror = Mirror(
                name=NAME,
                kind=Mirror.Kind.BUCKET,
                endpoint_url=s3.endpoint,
                bucket="nashr-bench",
                region=REGION,
                access_key=ACCESS_KEY,
                prefix="site",
                public_url=f"{s3.endpoint}/nashr-bench/site/",
            )
            mirror.secret_key = SECRET_KEY
            Mirror.objects.bulk_create([mirror])
            mirror = Mirror.objects.get(name=NAME)
            try:
                self.full_resync(mirror, resyncs)
                self.publish_latency(mirror, publishes)
            finally:
                Mirror.objects.filter(pk=mirror.pk).delete()
        self.say(f"uptime after: {uptime()}")

    def full_resync(self, mirror, resyncs):
        for label in ("full resync to an empty bucket", "resync again, nothing changed")[:resyncs]:
            started = time.perf_counter()
            pushed, deleted = resync(mirror)
            elapsed = time.perf_counter() - started
            files = MirrorFile.objects.filter(mirror=mirror)
            self.say(
                f"{label}: {pushed:,} addresses, {files.count():,} files "
                f"({files.filter(page='').count():,} pictures and static files) in {elapsed:.1f} s "
                f"({pushed / elapsed:.0f} addresses/s)"
            )

    def publish_latency(self, mirror, publishes):
        # Tasks left by an earlier run (its sweeps) would run first and be timed with the publish.
        left = DBTaskResult.objects.filter(status=TaskResultStatus.READY).delete()[0]
        if left:
            self.say(f"({left} queued tasks of earlier runs dropped)")
        worker = subprocess.Popen(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "worker", "--quiet"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 60
            while not WorkerProcess.objects.exists() and time.monotonic() < deadline:
                time.sleep(0.2)
            english = ArticlePage.objects.live().filter(locale__language_code="en")
            article = english.order_by("-published_at", "-pk").first()  # the first the home lists
            home = article.get_ancestors().filter(depth=2).get()
            seconds, listing = [], []
            for number in range(1, publishes + 1):
                title = f"{article.title.split(' · ')[0]} · update {number} {time.time():.0f}"
                article.title = title
                revision = article.save_revision()
                started = time.monotonic()
                revision.publish()
                seconds.append(self.until_served(mirror, article.url, title, started))
                listing.append(self.until_served(mirror, home.url, title, started))
                time.sleep(2)
            self.say(
                f"publish -> bucket through the worker: article {_figures(seconds)}; the edition's home "
                f"{_figures(listing)} (from the commit to the new title at the public address)"
            )
        finally:
            worker.terminate()
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                worker.kill()

    def until_served(self, mirror, path, title, started, timeout=120):
        url = mirror.url_for(path, relative_file(path))
        needle = title.encode()
        while time.monotonic() - started < timeout:
            status, body = fetch(url)
            if status == 200 and needle in body:
                return time.monotonic() - started
            time.sleep(0.05)
        raise CommandError(f"{url} did not show the new title within {timeout} s")


def _figures(values):
    return f"median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"
