"""A reader's request is routed with the readers' URLconf (every address but the admin's); staff requests,
forms and the admin with the whole one. Decision 0027."""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import resolve
from django.utils import translation

from nashr.core.tests.factories import every_page_type_site
from nashr.core.tests.fresh_process import last_line


class ReaderUrlconfTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.pages = every_page_type_site()

    def reader_paths(self):
        paths = [page.url for page in self.pages.values()]
        paths += [
            f"/{code}/{rest}" for code in ("en", "fa", "ar", "sq") for rest in ("search/?q=a", "rss.xml")
        ]
        return [*paths, "/sitemap.xml", "/robots.txt", "/en/tag/fair/", "/en/no-such-page/"]

    def test_every_page_of_every_edition_renders_with_the_readers_urlconf(self):
        for path in self.reader_paths():
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404 if "no-such" in path else 200)
                self.assertEqual(response.wsgi_request.urlconf, settings.NASHR_READER_URLCONF)

    def test_the_readers_urlconf_routes_each_reader_address_as_the_whole_one_does(self):
        for path in self.reader_paths():
            path = path.split("?")[0]
            language = path.split("/")[1] if path.count("/") > 1 else "en"
            with self.subTest(path=path), translation.override(language):
                whole = resolve(path, urlconf=settings.ROOT_URLCONF)
                readers = resolve(path, urlconf=settings.NASHR_READER_URLCONF)
                self.assertEqual(
                    (readers.func, readers.args, readers.kwargs), (whole.func, whole.args, whole.kwargs)
                )

    @override_settings(NASHR_REQUIRE_2FA=False)
    def test_a_signed_in_editor_reads_the_site_with_wagtails_bar_and_the_whole_urlconf(self):
        editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
        self.client.force_login(editor)
        article = self.pages[("en", "article")]
        response = self.client.get(article.url)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(hasattr(response.wsgi_request, "urlconf"))
        self.assertContains(response, f"/admin/pages/{article.pk}/edit/")  # Wagtail's bar

    def test_the_admin_and_forms_use_the_whole_urlconf(self):
        response = self.client.get("/admin/login/")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(hasattr(response.wsgi_request, "urlconf"))
        self.assertRedirects(self.client.get("/admin"), "/admin/", 301, fetch_redirect_response=False)
        article = self.pages[("en", "article")]
        response = self.client.post(f"/en/comments/{article.pk}/", {"body": ""})
        self.assertFalse(hasattr(response.wsgi_request, "urlconf"))


# What a worker does for readers: builds the WSGI application (settings, apps, middleware), then routes with
# the readers' URLconf and reverses what their pages link to.
LOAD = (
    "import json, sys; from nashr.wsgi import application; from django.urls import resolve, reverse;"
    "from django.urls import set_urlconf; from django.utils.translation import activate;"
    "from django.conf import settings; set_urlconf(settings.NASHR_READER_URLCONF); activate('fa');"
    "resolve('/fa/articles/a-page/'); resolve('/fa/rss.xml'); resolve('/sitemap.xml');"
    "names = (('wagtail_serve', ['']), ('search', []), ('choose_edition', ['fa']), ('post_comment', [1]));"
    "[reverse(name, args=args) for name, args in names];"
    "print(json.dumps([m for m in ('nashr.urls', 'wagtail.admin.urls') if m in sys.modules]))"
)


class ReaderWorkerTests(SimpleTestCase):
    def test_a_worker_serving_readers_never_imports_the_admins_addresses(self):
        self.assertEqual(json.loads(last_line(LOAD)), [])
