"""`manage.py bench_bundle [--articles 400] [--edition fa] [--pieces 100] [--runs 3]`: size and build time of
an offline edition on a generated site.

Run on a site of its own, after `load_demo` (`make bench-bundle` does both, in var/bench-bundle): adds
`--articles` generated articles across the four editions (generate_content) when the edition has fewer
posts than `--pieces`, then builds the bundle `--runs` times into a temporary file. The first build makes
the image renditions the pages use; the later ones find them. Reports pages, pictures, size and time of
each build, with `uptime`.
"""

import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from nashr.core.bench import uptime
from nashr.offline.bundle import build, recent_pieces


class Command(BaseCommand):
    help = "Size and build time of an offline edition on a generated site (after load_demo)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=400, help="articles to generate if needed")
        parser.add_argument("--edition", default="fa")
        parser.add_argument("--pieces", type=int, default=100)
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *, articles, edition, pieces, runs, **options):
        if runs < 1 or pieces < 1:
            raise CommandError("--runs and --pieces must be at least 1.")
        have = len(recent_pieces(edition, pieces))
        if have < pieces:
            self.stdout.write(f"{edition}: {have} posts, fewer than {pieces}: generating {articles} articles")
            call_command("generate_content", articles=articles, stdout=self.stdout)
        self.stdout.write(f"uptime: {uptime()}")
        work = Path(tempfile.mkdtemp(prefix="nashr-bench-bundle-"))
        try:
            for run in range(1, runs + 1):
                started = time.perf_counter()
                manifest = build(edition, pieces, work / f"{edition}.zip")
                seconds = time.perf_counter() - started
                with zipfile.ZipFile(work / f"{edition}.zip") as archive:
                    names = archive.namelist()
                pictures = [n for n in names if "/media/" in n]
                picture_bytes = sum(i.compress_size for i in archive.infolist() if "/media/" in i.filename)
                self.stdout.write(
                    f"run {run}: {len(manifest.pieces)} pieces, {len(manifest.pages)} pages, "
                    f"{len(pictures)} pictures ({picture_bytes / 1e6:.1f} MB), {len(names)} files, "
                    f"{manifest.size / 1e6:.1f} MB, built in {seconds:.1f} s"
                )
        finally:
            shutil.rmtree(work, ignore_errors=True)
        self.stdout.write(f"uptime: {uptime()}")
