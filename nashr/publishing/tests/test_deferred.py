"""`signals.deferred()`: bulk work renews the whole site once at the end instead of page by page."""

from django.core.cache import cache
from django.test import TestCase, override_settings

from nashr.articles.tests.factories import make_article
from nashr.comments.models import Comment
from nashr.core.tests.factories import add_section, build_editions, days_ago, publish
from nashr.publishing import signals


@override_settings(NASHR_PAGE_CACHE=True)
class DeferredRefreshTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.section = add_section(cls.homes["en"], "Articles")
        cls.article = make_article(cls.section, "Book fair opens")
        # In another section: not next to the article, so publishing the article leaves it alone.
        cls.other = make_article(
            add_section(cls.homes["en"], "Sport"), "Harbour regatta", published_at=days_ago(3)
        )

    def setUp(self):
        cache.clear()

    def cache_state(self, *urls):
        return [self.client.get(url)["X-Page-Cache"] for url in urls]

    def test_changes_purge_nothing_until_the_block_ends_then_the_whole_site(self):
        urls = [self.article.url, self.other.url, "/en/"]
        self.cache_state(*urls)
        with self.captureOnCommitCallbacks(execute=True) as callbacks, signals.deferred():
            self.article.title = "Book fair closes"
            publish(self.article)
            Comment.objects.create(page=self.article, name="Ola", body="Fine", status=Comment.Status.APPROVED)
            self.assertEqual(callbacks, [])  # nothing computed or queued inside the block
            self.assertEqual(self.cache_state(*urls), ["HIT", "HIT", "HIT"])
        self.assertEqual(len(callbacks), 1)  # one purge of the whole site
        self.assertEqual(self.cache_state(*urls), ["MISS", "MISS", "MISS"])
        self.assertContains(self.client.get(self.article.url), "Book fair closes")

    def test_a_block_that_changed_nothing_purges_nothing(self):
        self.cache_state(self.article.url)
        with self.captureOnCommitCallbacks(execute=True) as callbacks, signals.deferred():
            pass
        self.assertEqual(callbacks, [])
        self.assertEqual(self.cache_state(self.article.url), ["HIT"])

    def test_nested_blocks_purge_once_at_the_outermost_end_and_page_by_page_resumes_after(self):
        self.cache_state(self.article.url, self.other.url)
        with self.captureOnCommitCallbacks(execute=True) as callbacks, signals.deferred():
            with signals.deferred():
                publish(self.article)
            self.assertEqual(callbacks, [])
        self.assertEqual(len(callbacks), 1)
        self.cache_state(self.article.url, "/fa/")
        with self.captureOnCommitCallbacks(execute=True):
            publish(self.article)
        self.assertEqual(self.cache_state(self.article.url, "/fa/"), ["MISS", "HIT"])  # its edition alone
