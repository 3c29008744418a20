import os
import shutil
import tempfile
import time
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings


class PrepareTests(TestCase):
    """`make serve` runs `manage.py prepare`: nothing redone when nothing changed; it says what it does."""

    def setUp(self):
        folder = Path(tempfile.mkdtemp(prefix="nashr-prepare-"))
        self.addCleanup(shutil.rmtree, folder)
        self.sources = folder / "sources"
        (self.sources / "css").mkdir(parents=True)
        (self.sources / "css" / "site.css").write_text("body { color: black }")
        self.root = folder / "static"
        settings = override_settings(
            STATIC_ROOT=self.root,
            STATICFILES_DIRS=[self.sources],
            # Only these sources, not every installed app's: the test stays quick.
            STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        )
        settings.enable()
        self.addCleanup(settings.disable)

    def prepare(self):
        output = StringIO()
        call_command("prepare", stdout=output)
        return output.getvalue()

    def test_static_files_are_collected_again_only_when_a_source_changed(self):
        first = self.prepare()
        self.assertIn("collecting", first)
        self.assertEqual((self.root / "css" / "site.css").read_text(), "body { color: black }")
        self.assertIn("unchanged since they were collected", self.prepare())
        changed = self.sources / "css" / "site.css"
        changed.write_text("body { color: navy }")
        later = time.time() + 5  # collectstatic compares times to the second
        os.utime(changed, (later, later))
        self.assertIn("collecting", self.prepare())
        self.assertEqual((self.root / "css" / "site.css").read_text(), "body { color: navy }")
        (self.sources / "css" / "new.css").write_text("")
        self.assertIn("collecting", self.prepare())
        self.assertIs((self.root / "css" / "new.css").exists(), True)

    def test_a_migrated_database_is_left_alone(self):
        self.assertIn("Database: up to date.", self.prepare())
        self.assertNotIn("applying", self.prepare())
