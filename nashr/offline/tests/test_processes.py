"""A retraction reaches the offline edition across processes: one process unpublishes a piece; its bundle is
gone when that process exits, and the worker (a process of its own) builds it again without the piece."""

import json
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from django.test import SimpleTestCase, tag

from nashr.core.test_runner import SLOW
from nashr.publishing.tests.processes import MANAGE, PYTHON, Actor, environment, run, start, stop, tail
from nashr.publishing.tests.test_processes import template

PIECE = "/en/articles/kestrel-sighting/"
REBUILT_WITHIN = 60  # seconds: the worker builds the other editions' missing bundles first


@tag("processes", SLOW)
class RetractionAcrossProcessesTests(SimpleTestCase):
    def setUp(self):
        folder = Path(tempfile.mkdtemp(prefix="nashr-xproc-offline-"))
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        site = template()
        database = site.database.clone(folder)
        self.addCleanup(database.drop)
        self.offline = folder / "media" / "offline"
        self.env = environment(folder, database, site.static_root, NASHR_CACHE_DIR=folder / "cache")
        self.folder = folder

    def manifest(self):
        try:
            return json.loads((self.offline / "en.json").read_text())
        except (OSError, ValueError):
            return {}

    def zipped_pages(self):
        try:
            with zipfile.ZipFile(self.offline / "nashr-en.zip") as archive:
                return archive.namelist()
        except (OSError, zipfile.BadZipFile):
            return None

    def test_unpublishing_withdraws_the_bundle_at_once_and_the_worker_rebuilds_it(self):
        run([PYTHON, MANAGE, "bundle_edition", "en"], self.env)
        self.assertIn(PIECE, self.manifest()["pages"])
        worker = start([PYTHON, MANAGE, "worker", "--quiet"], self.env, self.folder / "worker.log")
        self.addCleanup(stop, worker)
        actor = Actor(self.env, self.folder, ["unpublish", "kestrel-sighting"])
        self.addCleanup(actor.stop)
        actor.wait_ready()
        exited = actor.act()
        names = self.zipped_pages()  # read as soon as the acting process has exited
        self.assertTrue(names is None or not [n for n in names if "kestrel-sighting" in n], names)
        while time.monotonic() - exited < REBUILT_WITHIN:
            manifest = self.manifest()
            if manifest.get("built_at") and PIECE not in manifest["pages"] and self.zipped_pages():
                break
            time.sleep(0.2)
        else:
            self.fail(f"not rebuilt within {REBUILT_WITHIN} s:\n{tail(worker.log_path)}")
        seconds = time.monotonic() - exited
        print(f"\noffline edition rebuilt without the piece {seconds:.1f} s after unpublishing")
        self.assertFalse([n for n in self.zipped_pages() if "kestrel-sighting" in n])
        self.assertIn("nashr-en/en/index.html", self.zipped_pages())
        self.assertIsNone(worker.poll(), tail(worker.log_path))
