from django.test import TestCase, override_settings
from wagtail.models import PageViewRestriction

from nashr.core.tests.factories import publish
from nashr.mirrors.models import Mirror, MirrorFile
from nashr.publishing.tests.factories import small_site

from .base import SeaweedMixin

ARTICLE = "en/articles/book-fair-opens/index.html"


@override_settings(NASHR_PAGE_SIZE=2)
class BucketPushTests(SeaweedMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.section, cls.article = small_site()

    def add_mirror(self, **kwargs):
        with self.captureOnCommitCallbacks(execute=True):  # a new mirror gets the whole site
            return self.bucket_mirror(**kwargs)

    def test_a_new_mirror_gets_the_site_with_types_encodings_and_assets(self):
        mirror = self.add_mirror()
        body, meta = self.get_object(mirror, ARTICLE)
        self.assertIn(b"Book fair opens", body)
        self.assertEqual(meta["ContentType"], "text/html; charset=utf-8")
        self.assertEqual(meta["ContentEncoding"], "gzip")
        self.assertEqual(meta["CacheControl"], "public, max-age=60")
        self.assertIn(b'href="../../index.html"', body)  # portable: the edition home, from the article's file
        rss, meta = self.get_object(mirror, "en/rss.xml")
        self.assertEqual(meta["ContentType"], "application/rss+xml; charset=utf-8")
        self.assertIn(b"Book fair opens", rss)
        css, meta = self.get_object(mirror, "static/css/nashr.css")
        self.assertEqual(meta["ContentType"], "text/css; charset=utf-8")
        self.assertIn("immutable", meta["CacheControl"])
        self.assertIsNotNone(self.get_object(mirror, "mirrors.json"))
        self.assertIsNotNone(self.get_object(mirror, "en/articles/index.page-3.html"))
        mirror.refresh_from_db()
        self.assertIsNotNone(mirror.last_success_at)
        self.assertEqual(mirror.pending, 0)

    def test_an_update_reaches_the_page_and_what_shows_it(self):
        mirror = self.add_mirror()
        with self.captureOnCommitCallbacks(execute=True):
            self.article.title = "Book fair opens its doors"
            publish(self.article)
        for relative in [ARTICLE, "en/index.html", "en/articles/index.html", "en/rss.xml"]:
            self.assertIn(b"its doors", self.get_object(mirror, relative)[0], relative)

    def test_unpublish_private_and_delete_remove_the_page(self):
        mirror = self.add_mirror()
        others = {a.url: a for a in self.section.get_children().live().specific()}
        weather = [a for url, a in others.items() if "weather-day-1" in url][0]
        weather_two = [a for url, a in others.items() if "weather-day-2" in url][0]
        with self.captureOnCommitCallbacks(execute=True):
            self.article.unpublish()
        self.assertIsNone(self.get_object(mirror, ARTICLE))
        self.assertNotIn(b"Book fair opens", self.get_object(mirror, "en/articles/index.html")[0])
        self.assertNotIn(b"Book fair opens", self.get_object(mirror, "en/rss.xml")[0])
        self.assertIsNone(self.get_object(mirror, "en/articles/index.page-3.html"))  # 4 articles: 2 pages
        with self.captureOnCommitCallbacks(execute=True):
            PageViewRestriction.objects.create(
                page=weather, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-words"
            )
        self.assertIsNone(self.get_object(mirror, weather.url.lstrip("/") + "index.html"))
        with self.captureOnCommitCallbacks(execute=True):
            weather_two.delete()
        self.assertIsNone(self.get_object(mirror, weather_two.url.lstrip("/") + "index.html"))
        self.assertNotIn(b"Weather day 2", self.get_object(mirror, "en/index.html")[0])
        self.assertFalse(MirrorFile.objects.filter(mirror=mirror, page=weather_two.url).exists())

    def test_a_mirror_of_one_edition_gets_only_that_edition(self):
        mirror = self.add_mirror(editions=["fa"])
        keys = self.keys(mirror)
        self.assertIn("news/site/fa/index.html", keys)
        self.assertFalse([k for k in keys if k.startswith("news/site/en/")])
        self.assertIn("news/site/sitemap.xml", keys)

    def test_a_failing_mirror_is_marked_and_retried_while_a_folder_mirror_gets_the_change(self):
        import tempfile
        from pathlib import Path

        folder = Path(tempfile.mkdtemp(prefix="nashr-mirror-"))
        self.addCleanup(__import__("shutil").rmtree, folder, ignore_errors=True)
        with self.captureOnCommitCallbacks(execute=True):
            broken = self.bucket_mirror(name="broken", secret_key="not-the-key")
            Mirror.objects.create(
                name="folder",
                kind=Mirror.Kind.FOLDER,
                folder=str(folder),
                public_url="https://m.example.net/",
            )
        with self.captureOnCommitCallbacks(execute=True):
            self.article.title = "Book fair opens its doors"
            publish(self.article)
        self.assertIn(b"its doors", (folder / ARTICLE).read_bytes())
        self.assertTrue((folder / (ARTICLE + ".gz")).exists())
        broken.refresh_from_db()
        self.assertIs(broken.failing, True)
        self.assertIn("refused the access key or secret key", broken.last_error)
        self.assertGreater(broken.pending, 0)
        self.assertIsNone(broken.last_success_at)
