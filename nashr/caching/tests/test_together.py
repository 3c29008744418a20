"""Reads sent together: each call gets what it would have read itself, once; PostgreSQL gets them in one
pipeline, SQLite one after the other; nothing is kept outside a request or past a renewal."""

from datetime import UTC, datetime, timedelta
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from nashr.caching import store
from nashr.caching.queries import PreparedQuery
from nashr.caching.together import read_together

START = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)

TITLES = PreparedQuery(
    lambda depth: Page.objects.filter(depth=depth).order_by("path").values_list("title", flat=True)
)
PAGE = PreparedQuery(lambda pk: Page.objects.filter(pk=pk).select_related("locale"))
SINCE = PreparedQuery(
    lambda since: Page.objects.filter(first_published_at__gte=since).order_by("pk").values_list("pk", "title")
)
AMONG = PreparedQuery(lambda pks: Page.objects.filter(pk__in=pks).values_list("pk", flat=True))


class ReadTogetherTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.pages = [
            root.add_child(
                instance=Page(title=title, slug=title.lower(), first_published_at=START + timedelta(days=n))
            )
            for n, title in enumerate(["Hail", "Sleet", "Snow"])
        ]

    def calls(self):
        return [
            TITLES.ahead(depth=2),
            PAGE.ahead(pk=self.pages[1].pk),
            SINCE.ahead(since=START + timedelta(days=1)),
            AMONG.ahead(pks=[]),  # an empty list: no SQL, no rows
        ]

    def test_each_call_is_given_the_rows_it_would_have_read_once_and_without_a_query(self):
        expected = [
            TITLES(depth=2),
            [(page.pk, page.title, page.locale.language_code) for page in PAGE(pk=self.pages[1].pk)],
            SINCE(since=START + timedelta(days=1)),
            [],
        ]
        with store.request_generations():
            with CaptureQueriesContext(connection) as ahead:
                read_together(*self.calls())
            self.assertEqual(len(ahead), 3)
            with self.assertNumQueries(0):
                given = [
                    TITLES(depth=2),
                    [(page.pk, page.title, page.locale.language_code) for page in PAGE(pk=self.pages[1].pk)],
                    SINCE(since=START + timedelta(days=1)),
                    AMONG(pks=[]),
                ]
            self.assertEqual(given, expected)
            self.assertEqual(store.reads_left(), [])
            with self.assertNumQueries(1):  # given once: the next identical call reads again
                self.assertEqual(TITLES(depth=2), expected[0])

    def test_a_call_with_other_values_reads_its_own_rows(self):
        with store.request_generations():
            read_together(PAGE.ahead(pk=self.pages[0].pk), SINCE.ahead(since=START))
            with self.assertNumQueries(2):
                [page] = PAGE(pk=self.pages[2].pk)
                later = SINCE(since=START + timedelta(days=2))
            self.assertEqual(page.title, "Snow")
            self.assertEqual(later, [(self.pages[2].pk, "Snow")])
            self.assertEqual(len(store.reads_left()), 2)  # left to the request's end, then dropped

    def test_a_renewal_in_the_request_drops_what_was_read_ahead(self):
        with store.request_generations():
            read_together(TITLES.ahead(depth=2))
            Page.objects.filter(pk=self.pages[0].pk).update(title="Frost")
            store.renew(everything=True)
            with self.assertNumQueries(1):
                self.assertIn("Frost", TITLES(depth=2))

    def test_outside_a_request_nothing_is_read_ahead(self):
        with self.assertNumQueries(0):
            read_together(*self.calls())
        with self.assertNumQueries(1):
            TITLES(depth=2)

    def test_postgresql_is_sent_the_reads_in_one_pipeline_and_sqlite_one_after_the_other(self):
        titles = list(Page.objects.filter(depth=2).order_by("path").values_list("title", flat=True))
        with store.request_generations():
            connection.ensure_connection()
            if connection.vendor == "postgresql":
                raw = connection.connection
                with mock.patch.object(raw, "pipeline", wraps=raw.pipeline) as pipeline:
                    read_together(*self.calls())
                pipeline.assert_called_once_with()
            else:
                with mock.patch("nashr.caching.together.fetch_pipelined") as pipelined:
                    read_together(*self.calls())
                pipelined.assert_not_called()
            with self.assertNumQueries(0):
                self.assertEqual(TITLES(depth=2), titles)
