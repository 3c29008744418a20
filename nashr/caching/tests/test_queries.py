"""Prepared queries give what their queryset gives, for every value, and refuse what they cannot place."""

import uuid
from datetime import UTC, datetime, timedelta
from unittest import mock

from django.db import connection, transaction
from django.db.models import Q
from django.db.transaction import TransactionManagementError
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from nashr.caching.queries import PreparedQuery, server_prepares

START = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
TITLES = ["Rain 50%_off", "Rain 50 off", "Rainfall", r"Rain\fall", "Snow", "Sleet", "Hail"]


def dated(published_from):
    return (
        Page.objects.filter(depth=2, first_published_at__gte=published_from)
        .order_by("first_published_at", "pk")
        .values_list("title", "first_published_at", "locale_id")
    )


class PreparedQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.pages = []
        for n, title in enumerate(TITLES):
            page = Page(title=title, slug=f"page-{n}", first_published_at=START + timedelta(days=n))
            cls.pages.append(root.add_child(instance=page))

    def test_rows_are_the_querysets_for_every_value_from_one_compiled_query(self):
        query = PreparedQuery(dated)
        for days in (-1, 0, 2, 3, 6, 7):
            published_from = START + timedelta(days=days)
            self.assertEqual(query(published_from=published_from), list(dated(published_from)))
        self.assertEqual(len(query._compiled), 1)
        self.assertEqual(len(query(published_from=START + timedelta(days=4))), 3)

    def test_instances_come_with_their_related_rows_and_deferred_fields(self):
        query = PreparedQuery(lambda pk: Page.objects.filter(pk=pk).select_related("locale"))
        slim = PreparedQuery(lambda pk: Page.objects.filter(pk=pk).only("title", "path"))
        language = Locale.get_default().language_code
        for page in self.pages[:3]:
            [found] = query(pk=page.pk)
            with self.assertNumQueries(0):
                self.assertEqual(found.locale.language_code, language)
            self.assertEqual(
                (found.pk, found.title, found.path, found.first_published_at, found.translation_key),
                (page.pk, page.title, page.path, page.first_published_at, page.translation_key),
            )
            [light] = slim(pk=page.pk)
            self.assertEqual(
                light.get_deferred_fields(), Page.objects.only("title", "path")[0].get_deferred_fields()
            )
            self.assertEqual(light.title, page.title)

    def test_lists_are_padded_to_a_few_shapes_and_an_empty_one_reads_nothing(self):
        query = PreparedQuery(
            lambda pks: Page.objects.filter(pk__in=pks).order_by("pk").values_list("title", flat=True)
        )
        pks = [page.pk for page in self.pages]
        for length in range(1, len(pks) + 1):
            self.assertEqual(
                query(pks=pks[:length]),
                list(Page.objects.filter(pk__in=pks[:length]).order_by("pk").values_list("title", flat=True)),
            )
        self.assertEqual(len(query._compiled), 4)  # 1, 2, 3-4, 5-8
        with self.assertNumQueries(0):
            self.assertEqual(query(pks=[]), [])

    def test_integers_compared_in_the_databases_form(self):
        # On PostgreSQL the parameter of an integer column's comparison is the driver's own type (Int4).
        def deeper(depth):
            return Page.objects.filter(depth__gt=depth).order_by("pk").values_list("pk", flat=True)

        query = PreparedQuery(deeper)
        for depth in (0, 1, 2, 3):
            self.assertEqual(query(depth=depth), list(deeper(depth)))

    def test_uuids_are_placed_in_the_databases_form(self):
        query = PreparedQuery(
            lambda key: Page.objects.filter(translation_key=key).values_list("pk", flat=True)
        )
        for page in self.pages[:3]:
            self.assertEqual(query(key=page.translation_key), [page.pk])
        self.assertEqual(query(key=uuid.uuid4()), [])

    def test_a_pattern_keeps_its_wildcards_escaped(self):
        def starting(prefix):
            return (
                Page.objects.filter(title__startswith=prefix)
                .order_by("title")
                .values_list("title", flat=True)
            )

        def containing(part):
            return Page.objects.filter(title__contains=part).order_by("title").values_list("title", flat=True)

        starts, contains = PreparedQuery(starting), PreparedQuery(containing)
        for text in ("Rain 50%_", "Rain 50", "Rain\\", "Rain", "%", "_", "S"):
            self.assertEqual(starts(prefix=text), list(starting(text)), text)
            self.assertEqual(contains(part=text), list(containing(text)), text)
        self.assertEqual(starts(prefix="Rain 50%_"), ["Rain 50%_off"])

    def test_each_shape_is_its_own_query(self):
        query = PreparedQuery(
            lambda hidden: Page.objects.filter(depth=2).exclude(hidden).values_list("title", flat=True)
        )
        snow = Q(title="Snow")
        self.assertNotIn("Snow", query(shape={"hidden": snow}))
        self.assertIn("Snow", query(shape={"hidden": Q(title="Hail")}))
        self.assertNotIn(
            "Snow", query(shape={"hidden": Q(title="Snow")})
        )  # equal to the first: the same query
        self.assertEqual(len(query._compiled), 2)

    def test_a_run_is_a_query_like_any_other(self):
        query = PreparedQuery(dated)
        query(published_from=START)
        with CaptureQueriesContext(connection) as queries:
            query(published_from=START)
        self.assertEqual(len(queries), 1)

    def test_rows_read_straight_from_the_driver_are_djangos(self):
        """On SQLite a run skips Django's cursor unless queries are logged: the rows are the same, and a
        failed transaction is refused as Django's cursor refuses it."""
        query = PreparedQuery(dated)
        with CaptureQueriesContext(connection):  # through Django's cursor
            logged = query(published_from=START)
        self.assertEqual(query(published_from=START), logged)
        self.assertEqual(logged, list(dated(START)))
        self.assertIsInstance(logged[0][1], datetime)
        with transaction.atomic():
            connection.needs_rollback = True
            with self.assertRaises(TransactionManagementError):
                query(published_from=START)
            connection.needs_rollback = False

    def by_pk(self, pk):
        query = PreparedQuery(lambda pk: Page.objects.filter(pk=pk))
        query(pk=self.pages[0].pk)
        return query(pk=pk)

    def test_what_cannot_be_placed_is_refused_by_name(self):
        def ending(suffix):
            return Page.objects.filter(title__endswith=suffix).values_list("title")

        with self.assertRaisesMessage(ValueError, "'suffix' is not a parameter"):
            PreparedQuery(ending)(suffix="fall")
        with self.assertRaisesMessage(TypeError, "live=True: give it in shape="):
            PreparedQuery(lambda live: Page.objects.filter(live=live))(live=True)
        with self.assertRaisesMessage(TypeError, "an int, str, datetime or UUID"):
            PreparedQuery(lambda n: Page.objects.filter(depth=n))(n=2.0)
        keys = PreparedQuery(lambda key: Page.objects.filter(translation_key=key))
        keys(key=self.pages[0].translation_key)
        with self.assertRaisesMessage(TypeError, "prepared for UUID values"):  # as text: no match
            keys(key=str(self.pages[0].translation_key))
        with self.assertRaisesMessage(TypeError, "prepared for int values"):
            self.by_pk(None)
        with self.assertRaisesMessage(ValueError, "gave no SQL"):
            PreparedQuery(lambda pk: Page.objects.filter(pk=pk, depth__in=[]))(pk=self.pages[0].pk)
        refused = [
            lambda pk: Page.objects.filter(pk=pk).prefetch_related("locale"),
            lambda pk: Page.objects.filter(pk=pk).specific(),
            lambda pk: Page.objects.filter(pk=pk).values("title"),
        ]
        for build in refused:
            with self.assertRaises(TypeError):
                PreparedQuery(build)(pk=self.pages[0].pk)


class ServerPreparedTests(TestCase):
    """On PostgreSQL a prepared query's statement is prepared by the server once per connection; Django's
    own queries are not; the log shows each run with its values; NASHR_DB_PREPARED_STATEMENTS=0 (no
    `prepare_threshold`) sends it through Django's cursor. On SQLite there is no server to prepare it."""

    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.page = root.add_child(instance=Page(title="Sleet", slug="sleet", first_published_at=START))

    def prepared_statements(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements WHERE from_sql = false")
            return [row[0] for row in cursor.fetchall()]

    def test_the_server_prepares_the_statement_once_and_runs_it_with_each_calls_values(self):
        query = PreparedQuery(dated)
        if connection.vendor != "postgresql":
            self.assertFalse(server_prepares(connection))
            self.assertEqual(query(published_from=START), list(dated(START)))
            return
        self.assertTrue(server_prepares(connection))
        list(dated(START))  # Django's own query: bound on the client, never prepared
        self.assertEqual(self.prepared_statements(), [])
        for days in (-1, 0, 1):
            since = START + timedelta(days=days)
            self.assertEqual(query(published_from=since), list(dated(since)))
        [statement] = self.prepared_statements()
        self.assertIn('"wagtailcore_page"."first_published_at" >= $2', statement)
        with CaptureQueriesContext(connection) as queries:
            query(published_from=START)
        self.assertIn("'2026-03-01", queries[0]["sql"])  # the run's value, not a placeholder
        self.assertEqual(len(self.prepared_statements()), 1)

    def test_without_a_threshold_the_query_goes_through_djangos_cursor(self):
        options = {k: v for k, v in connection.settings_dict["OPTIONS"].items() if k != "prepare_threshold"}
        with mock.patch.dict(connection.settings_dict, {"OPTIONS": options}):
            query = PreparedQuery(dated)
            self.assertFalse(server_prepares(connection))
            self.assertEqual(query(published_from=START), list(dated(START)))
        if connection.vendor == "postgresql":
            self.assertEqual(self.prepared_statements(), [])
