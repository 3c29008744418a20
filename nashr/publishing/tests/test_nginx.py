"""docs/nginx/nashr.conf in front of the app, for real: nginx serves the static output with the app's
security headers and types, and hands everything else to the app, documents included.

Needs Debian's nginx (`make test` and `.ci/run` install nginx-light as root). Without it the tests skip,
except under CI=true, where they fail.
"""

import gzip
import json
import os
import re
import shutil
import tempfile
import time
import unittest
from io import StringIO
from pathlib import Path
from xml.etree import ElementTree

import brotli
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client, LiveServerTestCase, SimpleTestCase, override_settings, tag
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page

from nashr.accounts.csp import permissions_policy
from nashr.articles.tests.factories import make_article
from nashr.core.test_runner import SLOW
from nashr.core.tests.factories import ImageFactory
from nashr.publishing.tests.factories import small_site
from nashr.publishing.withdrawal import withdraw

from .nginx import DOCS, PLACEHOLDERS, SITE_CONF, Nginx, nginx_binary, render

SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
]
STATIC_CACHE = "public, max-age=0, must-revalidate"
# Files apps add to the static output, with the type the app gives them (and nginx must give them too).
FILES = {
    "/en/rss.xml": "application/rss+xml; charset=utf-8",
    "/en/atom.xml": "application/atom+xml; charset=utf-8",
    "/en/feed.json": "application/feed+json; charset=utf-8",
    "/en/articles/rss.xml": "application/rss+xml; charset=utf-8",
    "/sitemap.xml": "application/xml; charset=utf-8",
    "/sitemap-en-1.xml": "application/xml; charset=utf-8",
    "/robots.txt": "text/plain; charset=utf-8",
}
MARK = b"<!-- from the static output -->"


def policy(value):
    """A Content-Security-Policy as {directive: sources}: django-csp writes its directives in any order."""
    directives = (part.split() for part in value.split(";") if part.strip())
    return {name: sorted(sources) for name, *sources in directives}


class NginxConfigTests(SimpleTestCase):
    def test_security_headers_are_the_ones_the_app_sends(self):
        snippet = (DOCS / "security-headers.conf").read_text()
        sent = dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', snippet, re.MULTILINE))
        self.assertEqual(sorted(sent), sorted(SECURITY_HEADERS))
        directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        expected = {name: sorted(sources) for name, sources in directives.items()}
        self.assertEqual(policy(sent["Content-Security-Policy"]), expected)
        self.assertEqual(sent["X-Frame-Options"], settings.X_FRAME_OPTIONS)
        self.assertIs(settings.SECURE_CONTENT_TYPE_NOSNIFF, True)
        self.assertEqual(sent["X-Content-Type-Options"], "nosniff")
        self.assertEqual(sent["Referrer-Policy"], settings.SECURE_REFERRER_POLICY)
        self.assertEqual(sent["Cross-Origin-Opener-Policy"], settings.SECURE_CROSS_ORIGIN_OPENER_POLICY)
        self.assertEqual(sent["Permissions-Policy"], permissions_policy(settings.NASHR_PERMISSIONS_POLICY))

    def test_the_test_config_is_the_docs_file_with_only_its_deployment_values_replaced(self):
        values = {name: f"@{name}@" for name in PLACEHOLDERS}
        original = SITE_CONF.read_text().splitlines()
        rendered = render(**values).splitlines()
        self.assertEqual(len(rendered), len(original))
        changed = [(a, b) for a, b in zip(original, rendered, strict=True) if a != b]
        self.assertTrue(changed)
        for before, after in changed:
            for name, placeholder in PLACEHOLDERS.items():
                before = before.replace(placeholder, values[name])
            self.assertEqual(before, after)


@override_settings(NASHR_PAGE_SIZE=2)
@tag("nginx", SLOW)
class NginxInFrontOfTheAppTests(LiveServerTestCase):
    host = "127.0.0.1"

    @classmethod
    def setUpClass(cls):
        binary = nginx_binary()
        if binary is None:
            reason = "nginx is not installed (apt-get install nginx-light; make test does it as root)"
            if os.environ.get("CI") == "true":
                raise AssertionError(f"{reason}: required under CI=true")
            raise unittest.SkipTest(reason)
        cls.work = Path(tempfile.mkdtemp(prefix="nashr-nginx-"))
        cls.addClassCleanup(shutil.rmtree, cls.work, ignore_errors=True)
        cls.output, cls.media = cls.work / "output", cls.work / "media"
        for folder in (cls.work, cls.output, cls.media):
            folder.mkdir(exist_ok=True)
            folder.chmod(0o755)  # nginx's workers run as another user when started as root
        cls.enterClassContext(override_settings(MEDIA_ROOT=str(cls.media)))
        super().setUpClass()
        cls.nginx = Nginx(
            binary,
            cls.work / "nginx",
            upstream=f"{cls.host}:{cls.server_thread.port}",
            output=cls.output,
            static=Path(settings.PROJECT_DIR) / "static",
            media=cls.media,
        )
        passed, said = cls.nginx.check()
        if not passed or "[warn]" in said or "[emerg]" in said:
            raise AssertionError(f"nginx -t refuses docs/nginx/nashr.conf (same line numbers):\n{said}")
        cls.nginx.start()
        cls.addClassCleanup(cls.nginx.stop)

    def setUp(self):
        # What the migrations wrote, gone if a TransactionTestCase has run before (it empties every table).
        if not Collection.objects.exists():
            Collection.add_root(name="Root")
        if not Page.objects.exists():
            Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
            Page.add_root(instance=Page(title="Root", slug="root"))

    def tearDown(self):
        for child in self.output.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        self.assertNotRegex(self.nginx.errors(), r"\[(?:error|crit|alert|emerg)\]")

    # Helpers

    def publish_site(self):
        """The small site, written to the output folder by publish_static."""
        _, self.section, self.article = small_site()
        call_command("publish_static", str(self.output), stdout=StringIO())

    def write(self, target, body):
        target.write_bytes(body)
        target.with_name(target.name + ".gz").write_bytes(gzip.compress(body, mtime=0))
        target.with_name(target.name + ".br").write_bytes(brotli.compress(body))

    def mark(self, relative):
        """Marks a file of the static output, so that an answer shows it came from the file."""
        target = self.output / relative
        self.write(target, target.read_bytes() + MARK)
        return target.read_bytes()

    def get(self, path, **headers):
        return self.nginx.get(path, headers)

    def assert_security_headers(self, path, headers, like):
        """Each security header once, as the app sends it with `like`."""
        for name in SECURITY_HEADERS:
            self.assertEqual(len(headers.get_all(name) or []), 1, f"{path}: {name} {headers.get_all(name)}")
        self.assertEqual(
            policy(headers["Content-Security-Policy"]), policy(like["Content-Security-Policy"]), path
        )
        for name in SECURITY_HEADERS[1:]:
            self.assertEqual(headers[name], like[name], f"{path}: {name}")

    def app_headers(self, path):
        """The headers the app itself sends for `path` (no nginx)."""
        return Client().get(path).headers

    # Static output

    def test_nginx_serves_the_static_output_and_uploads_with_the_apps_headers_and_types(self):
        self.publish_site()
        article = self.mark("en/articles/book-fair-opens/index.html")
        page_two = self.mark("en/articles/index.page-2.html")
        like = self.app_headers("/en/articles/book-fair-opens/")
        for path, body in [("/en/articles/book-fair-opens/", article), ("/en/articles/?page=2", page_two)]:
            with self.subTest(path):
                status, headers, got = self.get(path)
                self.assertEqual(status, 200)
                self.assertEqual(got, body)
                self.assertEqual(headers["Content-Type"], "text/html; charset=utf-8")
                self.assertEqual(headers["Cache-Control"], STATIC_CACHE)
                self.assertIn("Last-Modified", headers)
                self.assertIn("ETag", headers)
                self.assert_security_headers(path, headers, like)
                status, headers, got = self.get(path, **{"Accept-Encoding": "gzip"})
                self.assertEqual(headers["Content-Encoding"], "gzip")
                self.assertEqual(headers["Vary"], "Accept-Encoding")
                self.assertEqual(gzip.decompress(got), body)
                self.assert_security_headers(path, headers, like)
        for path, content_type in FILES.items():
            with self.subTest(path):
                self.assertEqual(self.app_headers(path)["Content-Type"], content_type)
                status, headers, body = self.get(path, **{"Accept-Encoding": "gzip"})
                self.assertEqual(status, 200)
                self.assertEqual(headers["Content-Type"], content_type)
                self.assertEqual(headers["Content-Encoding"], "gzip")
                self.assertEqual(headers["Cache-Control"], STATIC_CACHE)
                self.assertIn("ETag", headers)  # a file's (the app streams these without one)
                self.assert_security_headers(path, headers, like)
                body = gzip.decompress(body)
                self.assertEqual(body, (self.output / path.lstrip("/")).read_bytes())
                self.assertTrue(body)
                if path.endswith(".json"):
                    self.assertEqual(json.loads(body)["version"], "https://jsonfeed.org/version/1.1")
                elif path.endswith(".xml"):
                    ElementTree.fromstring(body)
        # What nginx serves beside the output: collected static files, renditions and original images.
        image = ImageFactory()
        rendition = image.get_rendition("width-100")
        for path, cache_control in [
            ("/static/css/nashr.css", "public, max-age=31536000, immutable"),
            (rendition.url, "public, max-age=31536000, immutable"),
            (image.file.url, "public, max-age=2592000"),
        ]:
            with self.subTest(path):
                status, headers, _ = self.get(path)
                self.assertEqual(status, 200)
                self.assertEqual(headers.get_all("Cache-Control"), [cache_control])
                self.assert_security_headers(path, headers, like)

    # The app

    def test_what_the_folder_does_not_answer_reaches_the_app_admin_included(self):
        self.publish_site()
        self.mark("en/articles/index.page-2.html")
        self.mark("en/articles/book-fair-opens/index.html")
        later = make_article(self.section, "Published after the output")
        self.assertFalse((self.output / "en/articles/published-after-the-output").exists())
        for path, headers, shows in [
            (later.url, {}, b"Published after the output"),
            ("/en/articles/?page=2&utm_source=x", {}, b"Weather day"),  # any other query string
            ("/en/articles/?page=2", {"Cookie": "sessionid=staff"}, b"Weather day"),  # staff: drafts, bar
            ("/en/search/?q=fair", {}, b"Book fair opens"),
        ]:
            with self.subTest(path, **headers):
                status, got_headers, body = self.get(path, **headers)
                self.assertEqual(status, 200)
                self.assertIn(shows, body)
                self.assertNotIn(MARK, body)
                self.assertEqual(got_headers["Content-Type"], "text/html; charset=utf-8")
                self.assert_security_headers(path, got_headers, self.app_headers(path))
        # A POST to a page's address: files answer GET and HEAD only, so the app answers (its CSRF check).
        status, headers, body = self.nginx.get("/en/articles/book-fair-opens/", method="POST")
        self.assertEqual(status, 403)
        self.assertNotIn(MARK, body)
        self.assertEqual(headers["Content-Language"], "en")
        status, headers, body = self.get("/en/articles/no-such-article/")
        self.assertEqual(status, 404)
        self.assertIn(b"<html", body)  # the app's own 404 page
        # The admin: the app's, with the admin's own policy and passkeys allowed, none of nginx's headers.
        status, headers, body = self.get("/admin/login/")
        self.assertEqual(status, 200)
        self.assertIn(b'name="password"', body)
        self.assertEqual(headers["Content-Type"], "text/html; charset=utf-8")
        self.assertEqual(
            policy(headers["Content-Security-Policy"]),
            {name: sorted(sources) for name, sources in settings.NASHR_ADMIN_CSP.items()},
        )
        self.assertIn("publickey-credentials-get=(self)", headers["Permissions-Policy"])
        self.assert_security_headers("/admin/login/", headers, self.app_headers("/admin/login/"))

    def test_a_withdrawn_edition_is_answered_by_the_app_and_its_moved_files_never(self):
        self.publish_site()
        self.mark("en/articles/book-fair-opens/index.html")
        fa = self.mark("fa/index.html")
        trash = withdraw(self.output, ["en"])  # what a change does before it returns
        status, _, body = self.get("/en/articles/book-fair-opens/")
        self.assertEqual(status, 200)
        self.assertIn(b"Book fair opens", body)
        self.assertNotIn(MARK, body)  # rendered by the app, not read from the old file
        moved = f"/{trash.name}/en/articles/book-fair-opens/index.html"
        self.assertTrue((self.output / moved.lstrip("/")).exists())
        status, _, body = self.get(moved)
        self.assertEqual(status, 404)
        self.assertNotIn(b"Book fair opens", body)
        self.assertEqual(self.get("/fa/")[2], fa)  # another edition keeps its files

    def test_the_access_log_keeps_no_full_address(self):
        self.publish_site()
        for path in ("/en/", "/admin/login/", "/en/no-such-page/", "/en/search/?q=secret-query"):
            self.get(path)
        deadline = time.monotonic() + 5  # nginx writes the line after it answered
        while "/en/no-such-page/" not in self.log() or "/en/search/" not in self.log():
            self.assertLess(time.monotonic(), deadline, self.log())
            time.sleep(0.05)
        for line in self.log().splitlines():
            self.assertTrue(line.startswith("127.0.0.0/24 ["), line)
        self.assertNotIn("127.0.0.1", self.log())
        self.assertNotIn("secret-query", self.log())  # no query strings either
        self.assertIn('"GET /en/no-such-page/ HTTP/1.1" 404', self.log())

    def log(self):
        return self.nginx.access_log.read_text()

    def test_documents_are_served_only_by_the_app_with_its_privacy_check(self):
        Document = get_document_model()
        root = Collection.get_first_root_node()
        private = root.add_child(name="Staff only")
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.LOGIN
        )
        public = Document.objects.create(
            title="Annual report", file=ContentFile(b"annual report text", name="report.txt"), collection=root
        )
        secret = Document.objects.create(
            title="Sources", file=ContentFile(b"names of sources", name="sources.txt"), collection=private
        )
        status, headers, body = self.get(public.url)
        self.assertEqual((status, body), (200, b"annual report text"))
        self.assertEqual(headers["Content-Type"], "text/plain")  # as the app says: no charset of nginx's
        status, headers, body = self.get(secret.url)
        self.assertEqual(status, 302)
        self.assertIn("login", headers["Location"])
        self.assertNotIn(b"names of sources", body)
        for document in (public, secret):
            self.assertTrue((self.media / document.file.name).exists())
            for path in (f"/media/{document.file.name}", f"/media//{document.file.name}"):
                with self.subTest(path):
                    status, headers, body = self.get(path)
                    self.assertEqual(status, 404)
                    self.assertNotIn(document.file.name.encode(), body)
                    self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
