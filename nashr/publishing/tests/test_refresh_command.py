from io import StringIO

from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from nashr.articles.models import ArticlePage
from nashr.publishing.tests.factories import small_site


@override_settings(NASHR_PAGE_CACHE=True)
class RefreshCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.section, cls.article = small_site()

    def setUp(self):
        cache.clear()

    def test_a_change_made_behind_nashrs_back_reaches_readers_after_refresh(self):
        self.client.get(self.article.url)
        self.client.get("/fa/")
        ArticlePage.objects.filter(pk=self.article.pk).update(title="Book fair closes")  # no signal
        self.assertContains(self.client.get(self.article.url), "Book fair opens")  # still the kept page
        with self.captureOnCommitCallbacks(execute=True):
            call_command("refresh", "--edition", "en", stdout=StringIO())
        self.assertContains(self.client.get(self.article.url), "Book fair closes")
        self.assertEqual(self.client.get("/fa/")["X-Page-Cache"], "HIT")  # another edition: untouched
        with self.captureOnCommitCallbacks(execute=True):
            call_command("refresh", stdout=StringIO())
        self.assertEqual(self.client.get("/fa/")["X-Page-Cache"], "MISS")

    def test_an_unknown_edition_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "unknown edition: xx (the editions: en, fa, ar, sq)"):
            call_command("refresh", "--edition", "xx", stdout=StringIO())
