"""Readers and an editor at the same time: once publish() has returned, no reader gets the old page."""

import threading
import time

from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client, TransactionTestCase, override_settings, tag

from nashr.articles.models import ArticlePage
from nashr.articles.tests.factories import make_article
from nashr.core.test_runner import SLOW
from nashr.core.tests.factories import add_section, build_editions, publish


@tag("concurrency", SLOW)
@override_settings(NASHR_PAGE_CACHE=True)
class PublishWhileReadingTests(TransactionTestCase):
    READERS = 4
    VERSIONS = 6

    def setUp(self):
        cache.clear()
        homes = build_editions()
        self.section = add_section(homes["en"], "Articles")
        self.article = make_article(self.section, "Edition 0")

    def publish_retrying(self, title):
        # The in-memory SQLite test database locks whole tables between threads; a locked publish is
        # tried again. PostgreSQL never refuses here.
        for _ in range(200):
            try:
                article = ArticlePage.objects.get(pk=self.article.pk)
                article.title = title
                return publish(article)
            except OperationalError as error:
                if "locked" not in str(error):
                    raise
                time.sleep(0.01)
        raise AssertionError("the database stayed locked")

    def test_no_stale_page_after_publish_returns(self):  # noqa: C901
        reads = []
        published = []  # version numbers whose publish() has returned, in order
        stale = []
        errors = []
        done = threading.Event()

        def read(url, must_show):
            client = Client()
            try:
                while not done.is_set():
                    # Whatever had been published when this request began must be on the page.
                    latest = published[-1] if published else 0
                    try:
                        html = client.get(url).content.decode()
                    except OperationalError as error:  # SQLite's table lock between threads, see above
                        if "locked" not in str(error):
                            raise
                        continue
                    reads.append(latest)
                    shown = [v for v in range(self.VERSIONS + 1) if f"Edition {v}<" in html]
                    if must_show and (not shown or max(shown) < latest):
                        stale.append((url, latest, shown))
            except Exception as error:  # noqa: BLE001 -- reported by the main thread
                errors.append(error)
            finally:
                connection.close()

        readers = [
            threading.Thread(target=read, args=(url, True))
            for url in [self.article.url, "/en/articles/"] * (self.READERS // 2)
        ]
        for reader in readers:
            reader.start()
        try:
            for version in range(1, self.VERSIONS + 1):
                self.publish_retrying(f"Edition {version}")
                published.append(version)
                time.sleep(0.05)  # let readers read between publishes
        finally:
            done.set()
            for reader in readers:
                reader.join()
        self.assertEqual(errors, [])
        self.assertEqual(stale, [])
        # Readers really did read while versions were being published, not only before or after.
        self.assertGreater(len({v for v in reads if 0 < v < self.VERSIONS}), self.VERSIONS // 2)
        self.assertContains(Client().get(self.article.url), f"Edition {self.VERSIONS}<")
