"""Offline editions: what a bundle holds, that it works from a folder, and that it follows retractions."""

import os
import re
import shutil
import tempfile
import zipfile
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from PIL import Image
from wagtail.models import PageViewRestriction

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, days_ago, translate
from nashr.offline import store
from nashr.offline.bundle import build
from nashr.offline.tasks import rebuild_due, request_build
from nashr.publishing.tasks import request_static
from nashr.publishing.tests.crawl import broken_links


@override_settings(NASHR_PAGE_SIZE=2)
class BundleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        en_section = add_section(cls.homes["en"], "Articles")
        cls.section = translate(en_section, "fa", title="مقاله‌ها")
        image = ImageFactory()
        cls.articles = [
            make_article(
                cls.section, f"باران {n}", slug=f"rain-{n}", published_at=days_ago(n), lead_image=image
            )
            for n in range(1, 6)
        ]
        cls.draft = make_article(cls.section, "پیش‌نویس", slug="draft", live=False)
        cls.private = make_article(cls.section, "خصوصی", slug="private", published_at=days_ago(0))
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        cls.english = make_article(en_section, "Rain", slug="rain")

    def setUp(self):
        cache.clear()
        self.out = Path(tempfile.mkdtemp(prefix="nashr-offline-"))
        self.addCleanup(shutil.rmtree, self.out, ignore_errors=True)
        bundles = Path(settings.MEDIA_ROOT) / self.out.name  # served as media, like the real ones
        self.addCleanup(shutil.rmtree, bundles, ignore_errors=True)
        overridden = override_settings(NASHR_OFFLINE_DIR=bundles)
        overridden.enable()
        self.addCleanup(overridden.disable)

    def unzip(self, path):
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            archive.extractall(self.out / "unzipped")
        return names, self.out / "unzipped" / names[0].split("/")[0]

    def test_the_bundle_holds_the_newest_public_pieces_their_listings_and_home_only(self):
        manifest = build("fa", pieces=3, output=self.out / "fa.zip")
        self.assertEqual(manifest.pieces, [a.url for a in self.articles[:3]])
        names, folder = self.unzip(self.out / "fa.zip")
        self.assertEqual(names[:2], ["nashr-fa/index.html", "nashr-fa/README.txt"])  # opens first
        pages = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.html"))
        expected = [f"fa/articles/rain-{n}/index.html" for n in (1, 2, 3)]
        expected += ["fa/articles/index.html", "fa/articles/index.page-2.html", "fa/index.html", "index.html"]
        self.assertEqual(pages, sorted(expected))  # page 3 of the listing holds none of the three
        text = b"".join((folder / page).read_bytes() for page in pages)
        for absent in ("پیش‌نویس", "خصوصی", "Rain</"):
            self.assertNotIn(absent.encode(), text)

    def test_every_link_inside_resolves_to_a_file_and_the_rest_go_to_the_site(self):
        build("fa", output=self.out / "fa.zip")
        _, folder = self.unzip(self.out / "fa.zip")
        self.assertEqual(broken_links(folder), {})
        article = (folder / "fa/articles/rain-1/index.html").read_text()
        self.assertIn('href="../../../static/css/nashr.css"', article)
        self.assertIn('href="../../index.html" rel="home"', article)  # the edition's home, in the bundle
        self.assertIn('href="http://localhost/fa/offline/"', article)  # the site's own page, on the site
        self.assertIn('class="portable-note"', article)  # the search and comment forms
        self.assertNotIn("<form", article)

    def test_pictures_are_renditions_at_most_800_pixels_wide_never_originals(self):
        build("fa", output=self.out / "fa.zip")
        names, folder = self.unzip(self.out / "fa.zip")
        pictures = [n for n in names if "/media/" in n]
        # WebP and JPEG at 480 and 640 pixels: the 1200-pixel renditions of a 640-pixel original are as wide
        # as the 800-pixel ones, and are left out.
        self.assertEqual(len(pictures), 4)
        self.assertFalse([n for n in pictures if "width-1200" in n])
        for name in pictures:
            self.assertIn("/media/images/", name)
            self.assertNotIn("original_images", name)
            with Image.open(self.out / "unzipped" / name) as picture:
                self.assertLessEqual(picture.width, 800)

    def test_retracting_a_piece_rebuilds_the_bundle_without_it(self):
        call_command("bundle_edition", "fa", stdout=StringIO())
        manifest = store.manifest("fa")
        self.assertIn(self.articles[0].url, manifest.pages)
        for retract in (lambda page: page.unpublish(), self._make_private):
            page = self.articles.pop(0)
            with self.captureOnCommitCallbacks(execute=True):
                retract(page)
            rebuilt = store.manifest("fa")
            self.assertTrue(rebuilt.available)
            self.assertNotIn(page.url, rebuilt.pages)
            names, _ = self.unzip(rebuilt.zip_path)
            self.assertFalse([n for n in names if page.slug in n])

    def _make_private(self, page):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    def test_a_change_elsewhere_leaves_the_bundle_alone(self):
        call_command("bundle_edition", "fa", stdout=StringIO())
        built_at = store.manifest("fa").built_at
        with self.captureOnCommitCallbacks(execute=True):
            self.english.save_revision().publish()
        self.assertEqual(store.manifest("fa").built_at, built_at)

    def test_the_download_page_shows_size_and_date_in_the_editions_digits(self):
        self.assertContains(self.client.get("/fa/offline/"), 'class="offline-download"')
        self.assertNotContains(self.client.get("/fa/offline/"), ".zip")
        call_command("bundle_edition", "fa", stdout=StringIO())
        html = self.client.get("/fa/offline/").content.decode()
        self.assertIn(f'href="/media/{self.out.name}/nashr-fa.zip" download', html)
        facts = re.search(r'<span class="offline-download__facts">(.*?)</span>', html, re.S)[1]
        self.assertRegex(facts, r"[۰-۹]+٫[۰-۹]")  # the size, in Persian digits with the Persian decimal sign
        self.assertRegex(facts, r"\b۵\b")  # five pieces
        self.assertRegex(facts, r"[۰-۹]{4}</time>")  # the date: its year in Persian digits
        self.assertIn('href="/fa/offline/"', self.client.get("/fa/").content.decode())  # the footer link

    @override_settings(NASHR_OFFLINE_INTERVAL=3600)
    def test_the_worker_builds_the_missing_bundles_once(self):
        rebuild_due()
        self.assertEqual(store.built_languages(), ["ar", "en", "fa", "sq"])
        built_at = store.manifest("fa").built_at
        rebuild_due()
        self.assertEqual(store.manifest("fa").built_at, built_at)


class CommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_editions()

    def test_bad_arguments_are_refused_clearly_and_write_nothing(self):
        out = Path(tempfile.mkdtemp(prefix="nashr-offline-"))
        self.addCleanup(shutil.rmtree, out, ignore_errors=True)
        for arguments, message in (
            (["xx"], "No published edition 'xx' (published editions: en, fa, ar, sq)."),
            (["../fa"], "No published edition '../fa'"),
            (["fa", "--pieces", "0"], "--pieces must be between 1 and 10000."),
        ):
            with self.subTest(arguments=arguments), self.assertRaisesMessage(CommandError, message):
                call_command("bundle_edition", *arguments, "--output", str(out / "x.zip"), stdout=StringIO())
        self.assertEqual(os.listdir(out), [])

    def test_an_edition_without_pieces_still_gets_its_home(self):
        out = Path(tempfile.mkdtemp(prefix="nashr-offline-"))
        self.addCleanup(shutil.rmtree, out, ignore_errors=True)
        manifest = build("sq", output=out / "sq.zip")
        self.assertEqual(manifest.pieces, [])
        self.assertEqual(manifest.pages, ["/sq/"])


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, NASHR_OFFLINE_DELAY=5)
class DeferredBuildTests(TestCase):
    """A change's bundle rebuild waits a few seconds, so that the worker (one task at a time) writes the
    change's urgent static files, queued after it by the same commit, before a build of several seconds."""

    def test_a_rebuild_is_queued_to_run_after_the_delay_and_after_the_urgent_static_files(self):
        before = timezone.now()
        request_build("en")
        request_static(["/en/"], ["en"])
        bundle = DBTaskResult.objects.get(task_path="nashr.offline.tasks.rebuild_bundle")
        self.assertAlmostEqual((bundle.run_after - before).total_seconds(), 5, delta=1)
        self.assertEqual(
            DBTaskResult.objects.ready().get().task_path, "nashr.publishing.tasks.refresh_static"
        )

    @override_settings(NASHR_OFFLINE_DELAY=0)
    def test_no_delay_when_set_to_zero(self):
        request_build("en")
        self.assertEqual(DBTaskResult.objects.ready().get().task_path, "nashr.offline.tasks.rebuild_bundle")
