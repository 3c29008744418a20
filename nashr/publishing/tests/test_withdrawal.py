"""A change withdraws the files of the editions it renews before it returns; the worker writes them back."""

import shutil
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase, override_settings

from nashr.core.tests.factories import publish, translate
from nashr.publishing.static import StaticWriter
from nashr.publishing.tasks import refresh_static
from nashr.publishing.tests.factories import small_site
from nashr.publishing.withdrawal import TRASH_PREFIX, Watch, empty_trash, withdraw

ARTICLE = "en/articles/book-fair-opens/index.html"
FA_SECTION = "fa/articles/index.html"


class WithdrawalTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        _, cls.section, cls.article = small_site()
        translate(cls.section, "fa", title="مقاله‌ها")

    def setUp(self):
        cache.clear()
        self.out = Path(tempfile.mkdtemp(prefix="nashr-withdraw-"))
        self.addCleanup(shutil.rmtree, self.out, ignore_errors=True)
        call_command("publish_static", str(self.out), stdout=StringIO())

    def trash(self):
        return [entry for entry in self.out.iterdir() if entry.name.startswith(TRASH_PREFIX)]

    def test_a_publish_withdraws_its_editions_files_and_the_addresses_outside_any_before_it_returns(self):
        self.assertTrue((self.out / "sitemap.xml").exists())
        fa_before = (self.out / FA_SECTION).read_bytes()
        with (
            override_settings(NASHR_STATIC_DIR=str(self.out)),
            mock.patch("nashr.publishing.tasks.refresh_static") as task,  # the worker has not run yet
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.article.title = "Book fair opens its doors"
            publish(self.article)
        task.using.return_value.enqueue.assert_called_once()
        for relative in (ARTICLE, "en/index.html", "en/tag/books/index.html", "sitemap.xml", "robots.txt"):
            self.assertFalse((self.out / relative).exists(), relative)  # nginx hands them to the app
        self.assertEqual((self.out / FA_SECTION).read_bytes(), fa_before)  # another edition stays
        [trash] = self.trash()
        self.assertTrue((trash / ARTICLE).exists())  # moved aside, under a name nginx never serves

        with override_settings(NASHR_STATIC_DIR=str(self.out)):
            refresh_static.call([], ["en"], 0)  # the worker's task: trash emptied, the edition written back
        self.assertEqual(self.trash(), [])
        self.assertIn(b"its doors", (self.out / ARTICLE).read_bytes())
        self.assertIn(b"its doors", (self.out / "en/index.html").read_bytes())
        self.assertTrue((self.out / "sitemap.xml").exists())

    def test_a_whole_site_change_withdraws_everything_but_what_is_hidden(self):
        (self.out / ".well-known").mkdir()
        trash = withdraw(self.out, None)
        self.assertEqual(sorted(p.name for p in self.out.iterdir()), sorted([".well-known", trash.name]))
        self.assertTrue((trash / FA_SECTION).exists())
        empty_trash(self.out)
        self.assertEqual([p.name for p in self.out.iterdir()], [".well-known"])

    def test_an_edition_without_files_moves_only_the_files_outside_any_edition(self):
        shutil.rmtree(self.out / "fa")
        trash = withdraw(self.out, ["fa"])
        moved = {p.name for p in trash.iterdir()}
        self.assertLessEqual({"robots.txt", "sitemap.xml", "sitemap.xml.gz"}, moved)
        self.assertFalse(moved & {"en", "fa", "ar", "sq"})
        self.assertTrue((self.out / ARTICLE).exists())

    def test_a_file_rendered_before_a_withdrawal_and_written_after_it_is_removed(self):
        """A sweep renders a page, the newsroom changes it and withdraws the edition meanwhile, then the
        sweep writes what it rendered: the late file must not stay, since it may show the old content."""
        writer = StaticWriter(self.out, outputs=())
        render = writer.render

        def render_then_withdrawn(path, page_number=None):
            rendered = render(path, page_number)
            withdraw(self.out, ["en"])
            return rendered

        with mock.patch.object(writer, "render", render_then_withdrawn):
            self.assertEqual(writer.write_path("/en/articles/book-fair-opens/"), [])
        for suffix in ("", ".gz", ".br"):
            self.assertFalse((self.out / (ARTICLE + suffix)).exists(), suffix)
        # The next address of the edition, rendered after the withdrawal, is written; another edition's
        # address was never withdrawn, whatever happened to "en".
        self.assertTrue(writer.write_path("/en/articles/book-fair-opens/"))
        self.assertTrue((self.out / ARTICLE).exists())
        self.assertTrue(writer.write_path("/fa/articles/"))

    def test_the_marks_move_before_the_folder_is_read_even_where_there_is_none_yet(self):
        """A writer that creates an edition's first folder while a change withdraws it sees the change."""
        watch, other = Watch(), Watch()
        watch.start("/en/articles/book-fair-opens/")
        other.start("/fa/articles/")
        self.assertIsNone(withdraw(self.out / "not-written-yet", ["en"]))
        self.assertTrue(watch.withdrawn("/en/articles/book-fair-opens/"))
        self.assertFalse(watch.withdrawn("/en/articles/"))  # from the mark it read last
        self.assertFalse(other.withdrawn("/fa/articles/"))  # another edition
