"""The static output works from a host it was not rendered for, and its portable copy from a folder.

The four-edition site with every page type is written with publish_static, then served by a real nginx
(docs/nginx/nashr.conf) under another host name and port, as a mirror would serve it: a crawl from each
edition's home follows every internal link and asset, which must all be answered by the files, and no page
may name the primary host outside its metadata. Then the portable copy is made in a folder and every link
of every page must name a file in that folder.
"""

import os
import shutil
import tempfile
import unittest
from io import StringIO
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase, override_settings

from nashr.publishing.portable_copy import copy_portable

from .crawl import broken_links, external, urls_in
from .nginx import Nginx, nginx_binary
from .test_host_relative import PRIMARY_HOST, misplaced, site_on_primary_host

MIRROR_HOST = "mirror.example.net"
DEAD_UPSTREAM = "127.0.0.1:18299"  # nothing listens: what the files do not answer fails with 502
# Addresses only the app answers (search, forms, documents, the editions menu): a mirror has no app.
DYNAMIC = ("/documents/", "/edition/", "/search/", "/comments/", "/subscriptions/", "/contact-form/")


@override_settings(NASHR_PAGE_SIZE=1, ALLOWED_HOSTS=[PRIMARY_HOST, "testserver"])
class SecondOriginTests(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.binary = nginx_binary()
        if cls.binary is None:
            if os.environ.get("CI") == "true":
                raise AssertionError("nginx is required under CI=true")
            raise unittest.SkipTest("nginx is not installed (apt-get install nginx-light)")
        # Uploads where nginx's workers (another user when started as root) may read them.
        cls.media = Path(tempfile.mkdtemp(prefix="nashr-origin-media-"))
        cls.media.chmod(0o755)
        cls.addClassCleanup(shutil.rmtree, cls.media, ignore_errors=True)
        cls.enterClassContext(override_settings(MEDIA_ROOT=str(cls.media)))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.pages = site_on_primary_host()

    def setUp(self):
        self.work = Path(tempfile.mkdtemp(prefix="nashr-origin-"))
        self.addCleanup(shutil.rmtree, self.work, ignore_errors=True)
        self.output = self.work / "output"
        for folder in (self.work, self.output):
            folder.mkdir(exist_ok=True)
            folder.chmod(0o755)
        call_command("publish_static", str(self.output), stdout=StringIO())

    def serve(self):
        nginx = Nginx(
            self.binary,
            self.work / "nginx",
            upstream=DEAD_UPSTREAM,
            output=self.output,
            static=Path(settings.PROJECT_DIR) / "static",
            media=self.media,
        )
        nginx.start()
        self.addCleanup(nginx.stop)
        return nginx

    def crawl(self, nginx):
        """{path: status} for every internal address reached from the edition homes; pages checked."""
        seen, pending, pages = {}, [f"/{language}/" for language in self.homes], 0
        while pending:
            path = pending.pop()
            if path in seen:
                continue
            status, headers, body = nginx.get(path, headers={"Host": MIRROR_HOST})
            seen[path] = status
            if status != 200 or not headers.get("Content-Type", "").startswith("text/html"):
                continue
            pages += 1
            self.assertEqual(misplaced(body), [], path)
            for url in urls_in(body.decode("utf-8")):
                if external(url) or url.startswith("//"):
                    continue
                target = urljoin(path, url)
                parts = urlsplit(target)
                if not any(part in parts.path for part in DYNAMIC):
                    pending.append(
                        parts.path + (f"?{parts.query}" if parts.query.startswith("page=") else "")
                    )
        return seen, pages

    def test_a_second_origin_serves_every_page_and_asset_from_the_files(self):
        seen, pages = self.crawl(self.serve())
        self.assertGreater(pages, 40)
        self.assertEqual({path: status for path, status in seen.items() if status != 200}, {})
        self.assertTrue([path for path in seen if path.startswith("/media/images/")])
        self.assertIn("/static/css/nashr.css", seen)

    def test_the_portable_copy_in_a_folder_names_only_its_own_files(self):
        folder = self.work / "copy"
        written = copy_portable(self.output, folder, primary=f"https://{PRIMARY_HOST}")
        self.assertGreater(written, 60)
        self.assertEqual(broken_links(folder), {})
        home = (folder / "fa" / "index.html").read_text()
        self.assertIn('href="../static/css/nashr.css"', home)
        self.assertIn(f'<link rel="canonical" href="https://{PRIMARY_HOST}/fa/">', home)
        self.assertTrue(list((folder / "media" / "images").iterdir()))
