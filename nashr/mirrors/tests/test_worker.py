"""Mirrors kept by a real worker process after actions of another process: publish, update, unpublish,
made private and delete reach a SeaweedFS bucket and a folder within seconds, while a bucket mirror with a
wrong key is retried and shown as failing without holding them back."""

import shutil
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from django.test import SimpleTestCase, tag

from nashr.publishing.tests import actions
from nashr.publishing.tests.processes import (
    MANAGE,
    PYTHON,
    environment,
    prepare_template,
    run,
    start,
    stop,
)
from nashr.publishing.tests.worker_actions import WorkerActions

from ..seaweed import ACCESS_KEY, REGION, SECRET_KEY
from .base import SeaweedMixin

SETUP = f"""
import sys, django; django.setup()
from nashr.mirrors.models import Mirror
endpoint, bucket, folder = sys.argv[1:4]
for name, secret in (("bucket", "{SECRET_KEY}"), ("broken", "not-the-key")):
    m = Mirror(name=name, kind="bucket", endpoint_url=endpoint, bucket=bucket, region="{REGION}",
               access_key="{ACCESS_KEY}", prefix="site", public_url=f"{{endpoint}}/{{bucket}}/site/")
    m.secret_key = secret
    m.save()
Mirror.objects.create(name="folder", kind="folder", folder=folder, public_url="https://m.example.net/")
"""
STATUS = """
import django; django.setup()
from nashr.mirrors.models import Mirror
m = Mirror.objects.get(name="broken")
print(m.failing, m.pending, m.last_error)
"""
ARTICLE = "en/articles/harbour-lights/index.html"


@tag("processes")
class MirrorsAcrossProcessesTests(WorkerActions, SeaweedMixin, SimpleTestCase):
    seaweed_port = 18170

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = Path(tempfile.mkdtemp(prefix="nashr-xproc-mirrors-"))
        cls.addClassCleanup(shutil.rmtree, cls.folder, ignore_errors=True)
        site = prepare_template(cls.addClassCleanup)
        database = site.database.clone(cls.folder)
        cls.addClassCleanup(database.drop)
        cls.env = environment(
            cls.folder,
            database,
            site.static_root,
            NASHR_CACHE_DIR=cls.folder / "cache",
            NASHR_TASK_RETRY_DELAY=1,
        )
        cls.bucket = "nashr-worker"
        cls.s3.make_bucket(cls.bucket)
        cls.mirror_folder = cls.folder / "mirror"
        cls.worker = start([PYTHON, MANAGE, "worker"], cls.env, cls.folder / "worker.log")
        cls.addClassCleanup(stop, cls.worker)
        run([PYTHON, "-c", SETUP, cls.s3.endpoint, cls.bucket, str(cls.mirror_folder)], cls.env)

    def body(self, relative):
        found = self.get_object(SimpleNamespace(bucket=self.bucket, prefix="site"), relative)
        return found[0].decode() if found else None

    def folder_text(self, relative):
        try:
            return (self.mirror_folder / relative).read_text()
        except FileNotFoundError:
            return None

    def test_changes_reach_the_bucket_and_the_folder_from_the_worker(self):
        old, new = actions.TITLES["harbour-lights"], actions.NEW_TITLE
        started = time.monotonic()
        self.seconds_until(lambda: old in (self.body(ARTICLE) or ""), started, 300, "the first push")
        self.seconds_until(lambda: old in (self.folder_text(ARTICLE) or ""), started, 300, "the folder")
        figures = []

        exited = self.act("publish_title", "harbour-lights", new)
        seconds = self.seconds_until(lambda: new in (self.body(ARTICLE) or ""), exited, 10, "the update")
        figures.append(f"update {seconds:.2f} s")
        self.seconds_until(
            lambda: new in (self.folder_text(ARTICLE) or ""), exited, 10, "the folder's update"
        )
        self.seconds_until(
            lambda: new in (self.body("en/articles/index.html") or ""), exited, 10, "the section"
        )

        for action, slug in (
            ("unpublish", "kestrel-sighting"),
            ("make_private", "orchard-harvest"),
            ("delete", "quarry-closes"),
        ):
            relative = f"en/articles/{slug}/index.html"
            self.assertIsNotNone(self.body(relative), slug)
            exited = self.act(action, slug)
            seconds = self.seconds_until(
                lambda r=relative: self.body(r) is None, exited, 10, f"{action} {slug}"
            )
            self.seconds_until(
                lambda r=relative: self.folder_text(r) is None, exited, 10, f"{action} (folder)"
            )
            figures.append(f"{action} {seconds:.2f} s")
        print(f"\nmirrors through the worker: {', '.join(figures)} after the action", end="")

        failing, pending, error = run([PYTHON, "-c", STATUS], self.env).strip().split(" ", 2)
        self.assertEqual(failing, "True")
        self.assertGreater(int(pending), 0)
        self.assertIn("refused the access key", error)

        # The broken mirror's retry task waits its turn behind the publishing tasks (a minute on a loaded
        # machine): it runs, fails again and is put back with its backoff.
        def log():
            return Path(self.worker.log_path).read_text(errors="replace")

        self.seconds_until(lambda: "push_to_mirror" in log(), time.monotonic(), 300, "the retry task")
        self.seconds_until(lambda: "retried in" in log(), time.monotonic(), 300, "its backoff")
