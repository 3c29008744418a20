import gzip
import shutil
import tempfile
from io import StringIO
from pathlib import Path

import brotli
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from nashr.articles.tests.factories import make_article
from nashr.contact.models import ContactPage
from nashr.core.tests.factories import publish, translate
from nashr.publishing.static import StaticWriter
from nashr.publishing.tests.factories import small_site


@override_settings(NASHR_PAGE_SIZE=2)
class StaticOutputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes, cls.section, cls.article = small_site()
        fa_section = translate(cls.section, "fa", title="مقاله‌ها")
        cls.fa_article = make_article(fa_section, "باران در تهران", slug="باران")
        cls.draft = make_article(cls.section, "Not yet", live=False)
        contact = ContactPage(title="Contact", slug="contact")
        homes["en"].add_child(instance=contact)
        publish(contact)

    def setUp(self):
        self.out = Path(tempfile.mkdtemp(prefix="nashr-static-"))
        self.addCleanup(shutil.rmtree, self.out, ignore_errors=True)

    def read(self, relative):
        return (self.out / relative).read_bytes()

    def test_every_published_page_is_written_with_compressed_copies(self):
        stdout = StringIO()
        call_command("publish_static", str(self.out), stdout=stdout)
        for relative in [
            "en/index.html",
            "en/articles/index.html",
            "en/articles/index.page-2.html",
            "en/articles/index.page-3.html",
            "en/articles/book-fair-opens/index.html",
            "en/category/culture/index.html",
            "en/tag/books/index.html",
            "en/author/ana/index.html",
            "en/contact/index.html",
            "fa/articles/باران/index.html",
        ]:
            body = self.read(relative)
            self.assertEqual(gzip.decompress(self.read(relative + ".gz")), body, relative)
            self.assertEqual(brotli.decompress(self.read(relative + ".br")), body, relative)
        self.assertIn(b"Book fair opens", self.read("en/articles/book-fair-opens/index.html"))
        self.assertIn("Weather day 4", self.read("en/articles/index.page-3.html").decode())
        self.assertFalse((self.out / "en/articles/not-yet").exists())
        self.assertFalse(list(self.out.rglob("*.tmp")))
        self.assertIn(f"files written to {self.out}", stdout.getvalue())

    def test_publishing_rewrites_only_what_shows_the_page(self):
        call_command("publish_static", str(self.out), stdout=StringIO())
        other = self.out / "fa/articles/باران/index.html"
        before = other.stat().st_mtime_ns
        with override_settings(NASHR_STATIC_DIR=str(self.out)), self.captureOnCommitCallbacks(execute=True):
            self.article.title = "Book fair opens its doors"
            publish(self.article)
        self.assertIn(b"its doors", self.read("en/articles/book-fair-opens/index.html"))
        self.assertIn(b"its doors", gzip.decompress(self.read("en/articles/book-fair-opens/index.html.gz")))
        for relative in ["en/index.html", "en/articles/index.html", "en/tag/books/index.html"]:
            self.assertIn(b"its doors", self.read(relative), relative)
        self.assertEqual(other.stat().st_mtime_ns, before)

    def test_unpublishing_removes_the_files_and_shortens_the_listing(self):
        call_command("publish_static", str(self.out), stdout=StringIO())
        with override_settings(NASHR_STATIC_DIR=str(self.out)), self.captureOnCommitCallbacks(execute=True):
            self.article.unpublish()
        self.assertFalse((self.out / "en/articles/book-fair-opens/index.html").exists())
        self.assertFalse((self.out / "en/articles/book-fair-opens/index.html.gz").exists())
        self.assertNotIn(b"Book fair opens", self.read("en/articles/index.html"))
        self.assertFalse((self.out / "en/articles/index.page-3.html").exists())  # 4 articles: 2 pages

    def test_an_unwritable_folder_is_a_clear_error(self):
        blocker = self.out / "file"
        blocker.write_text("x")
        with self.assertRaisesMessage(CommandError, "cannot write to"):
            call_command("publish_static", str(blocker / "out"), stdout=StringIO())

    def test_a_path_leaving_the_folder_is_refused(self):
        with self.assertRaises(ValueError):
            StaticWriter(self.out).file_for("/en/../../etc/passwd")

    def test_only_the_given_paths_are_written(self):
        call_command(
            "publish_static", str(self.out), "--path=/en/articles/book-fair-opens/", stdout=StringIO()
        )
        self.assertTrue((self.out / "en/articles/book-fair-opens/index.html").exists())
        self.assertFalse((self.out / "en/index.html").exists())
        with self.assertRaisesMessage(CommandError, "a URL path starts with /"):
            call_command("publish_static", str(self.out), "--path=en/", stdout=StringIO())
