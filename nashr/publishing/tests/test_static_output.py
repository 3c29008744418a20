import gzip
import shutil
import subprocess
import sys
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

import brotli
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from nashr.articles.tests.factories import make_article
from nashr.contact.models import ContactPage
from nashr.core.tests.factories import publish, translate
from nashr.publishing.parallel import write_in_processes
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
        cache.clear()  # what another test kept (its feeds' entries) under generations its rollback left
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

    def test_a_writer_makes_each_folder_once_and_again_if_it_is_removed_meanwhile(self):
        writer = StaticWriter(self.out, outputs=())
        writer.write_path("/en/articles/book-fair-opens/")
        folder = self.out / "en/articles/book-fair-opens"
        self.assertIn(folder, writer.folders)
        shutil.rmtree(folder)  # e.g. by hand, while a long build runs
        writer.write_path("/en/articles/book-fair-opens/")
        for name in ("index.html", "index.html.gz", "index.html.br"):
            self.assertTrue((folder / name).exists(), name)

    def test_an_unwritable_folder_is_a_clear_error(self):
        blocker = self.out / "file"
        blocker.write_text("x")
        with self.assertRaisesMessage(CommandError, "cannot write to"):
            call_command("publish_static", str(blocker / "out"), stdout=StringIO())

    def test_a_number_of_jobs_below_one_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "--jobs takes a number from 1"):
            call_command("publish_static", str(self.out), "--jobs=0", stdout=StringIO())

    def test_the_build_stays_in_this_process_where_children_would_not_see_the_database(self):
        # A test's database is in its open transaction: forked processes would write an empty site.
        self.assertIsNone(write_in_processes(self.out, ["/en/", "/fa/", "/ar/", "/sq/"], jobs=2))
        call_command("publish_static", str(self.out), "--jobs=2", stdout=StringIO())
        self.assertIn(b"Book fair opens", self.read("en/articles/book-fair-opens/index.html"))

    def test_a_pools_daemonic_worker_builds_in_its_own_process(self):
        # The parallel test runner's workers, like any pool's, are daemonic: multiprocessing refuses them
        # children, so the build must not try to fork there (it raised AssertionError in publish_static).
        # Asked in a process of its own, as this test may itself run in such a worker.
        script = (
            "import multiprocessing\n"
            "from nashr.publishing.parallel import may_have_children\n"
            "with multiprocessing.get_context('fork').Pool(1) as pool:\n"
            "    print(may_have_children(), pool.apply(may_have_children))\n"
        )
        answer = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
        self.assertEqual(answer.stdout.split(), ["True", "False"], answer.stderr)

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

    def test_every_file_is_what_the_site_serves_at_its_address(self):
        call_command("publish_static", str(self.out), stdout=StringIO())
        files = [p for p in self.out.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br")]
        kinds = {p.suffix for p in files}
        self.assertEqual(kinds, {".html", ".xml", ".json", ".txt"})
        for name in ["rss.xml", "atom.xml", "feed.json", "sitemap.xml", "robots.txt", "sitemap-en-1.xml"]:
            self.assertTrue(any(p.name == name for p in files), name)
        for target in files:
            relative = target.relative_to(self.out).as_posix()
            path, query = "/" + relative, {}
            if target.name.startswith("index."):
                path = "/" + relative.rsplit("/", 1)[0] + "/" if "/" in relative else "/"
                number = target.name.split(".")[1]
                if number.startswith("page-"):
                    query = {"page": number.removeprefix("page-")}
            response = self.client.get(path, query)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            self.assertEqual(response.status_code, 200, relative)
            self.assertGreater(len(body), 0, relative)
            self.assertEqual(target.read_bytes(), body, relative)
        self.assertGreater(len(files), 60)

    def test_a_page_behind_a_password_is_never_written_and_leaves_when_restricted(self):
        from wagtail.models import PageViewRestriction

        call_command("publish_static", str(self.out), stdout=StringIO())
        article = self.out / "en/articles/book-fair-opens/index.html"
        self.assertTrue(article.exists())
        with override_settings(NASHR_STATIC_DIR=str(self.out)), self.captureOnCommitCallbacks(execute=True):
            PageViewRestriction.objects.create(
                page=self.article, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-words"
            )
        self.assertFalse(article.exists())
        self.assertNotIn(b"Book fair opens", self.read("en/articles/index.html"))
        self.assertNotIn(b"Book fair opens", self.read("en/rss.xml"))
        self.assertEqual(StaticWriter(self.out).write_path(self.article.url), [])  # the password form
        self.assertFalse(article.exists())

    def test_the_path_list_is_every_public_page_at_its_own_address(self):
        writer = StaticWriter(self.out, outputs=())
        paths = writer.all_paths()
        pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")
        urls = [page.url for page in pages]
        self.assertEqual(paths[: len(urls)], urls)
        self.assertIn("/fa/articles/%D8%A8%D8%A7%D8%B1%D8%A7%D9%86/", paths)
        self.assertNotIn(self.draft.url, paths)
        others = ("/en/", "/ar/", "/sq/")
        self.assertEqual(writer.all_paths(["fa"]), [p for p in paths if not p.startswith(others)])

    def test_the_site_is_looked_up_once_and_its_root_page_read_with_every_page(self):
        writer = StaticWriter(self.out, outputs=())
        writer.render("/en/contact/")
        with CaptureQueriesContext(connection) as queries:
            writer.render("/en/contact/")
        self.assertFalse([q for q in queries if "wagtailcore_site" in q["sql"] and "CASE" in q["sql"]])
        home = Page.objects.get(pk=writer.default_site["root_page_id"]).specific
        home.title = "Nashr Evening"
        publish(home)
        self.assertIn(b"Nashr Evening", writer.render("/en/")[2])

    def test_writing_a_page_leaves_the_threads_language_as_it_was(self):
        """The worker renders pages of every edition between its other tasks (mail, Telegram's errors)."""
        with translation.override("en"):
            StaticWriter(self.out, outputs=()).write_path("/fa/articles/")
            self.assertEqual(translation.get_language(), "en")

    def test_a_worker_asked_to_stop_writes_the_urgent_files_and_queues_the_rest_of_the_sweep(self):
        from nashr.publishing import tasks
        from nashr.worker import stopping

        stopping.request()  # SIGTERM to the worker (worker.py's shutdown)
        self.addCleanup(stopping.clear)
        task = tasks.refresh_static
        with (
            override_settings(NASHR_STATIC_DIR=str(self.out)),
            mock.patch.object(tasks, "refresh_static") as queued,  # what the task enqueues
        ):
            task.call(["/en/articles/book-fair-opens/"], ["en"], 0)
        using = queued.using
        self.assertTrue((self.out / "en/articles/book-fair-opens/index.html").exists())
        self.assertFalse((self.out / "en/index.html").exists())  # the sweep stopped before its first file
        using.assert_called_once_with(priority=tasks.SWEEP)
        [[urgent, editions, _, rest]] = [call.args for call in using.return_value.enqueue.call_args_list]
        self.assertEqual((urgent, editions), ([], ["en"]))
        self.assertIn("/en/", rest)
        self.assertNotIn("/en/articles/book-fair-opens/", rest)
