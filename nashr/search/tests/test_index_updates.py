"""Publishing, editing and unpublishing a page update its own index entry, and nothing else."""

from django.db import connection
from django.test import TestCase
from wagtail.search.models import IndexEntry

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions
from nashr.search.models import SearchDocument
from nashr.search.query import search


def body(text):
    return [("paragraph", f"<p>{text}</p>")]


class IncrementalIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["fa"], "اخبار")
        cls.other = make_article(cls.section, "برف در تبریز", body=body("برف سنگین"))

    def titles(self, words):
        return [page.title for page in search(words, "fa")]

    def entries_of_others(self):
        """The index as stored for every other page: Wagtail's index entries (SQLite) or the search table
        (PostgreSQL, `SearchDocument`)."""
        entries = list(
            IndexEntry.objects.exclude(object_id__in=[str(p) for p in self.mine])
            .order_by("pk")
            .values_list("pk", "title", "body")
        )
        documents = list(
            SearchDocument.objects.exclude(page_id__in=self.mine)
            .order_by("pk")
            .values_list("pk", "live", "document")
        )
        return entries + documents

    def test_the_pages_are_indexed_where_the_database_searches(self):
        stored = {str(pk) for pk in SearchDocument.objects.values_list("page_id", flat=True)}
        entries = set(IndexEntry.objects.values_list("object_id", flat=True))
        indexed = stored if connection.vendor == "postgresql" else entries
        self.assertIn(str(self.other.pk), indexed)
        if connection.vendor == "postgresql":
            self.assertNotIn(str(self.other.pk), entries, "pages are not indexed twice")

    def setUp(self):
        self.mine = []

    def test_publish_edit_and_unpublish(self):
        before = self.entries_of_others()
        page = make_article(self.section, "جشنواره فیلم", body=body("فیلم‌های کوتاه"), live=False)
        self.mine.append(page.pk)
        self.assertEqual(self.titles("جشنواره"), [], "a draft is not found")

        page.save_revision().publish()
        self.assertEqual(self.titles("جشنواره"), ["جشنواره فیلم"])
        self.assertEqual(self.titles("فیلم"), ["جشنواره فیلم"])

        page.title = "جشنواره موسیقی"
        page.save_revision()  # a draft edit: readers still find the published words
        self.assertEqual(self.titles("موسیقی"), [])
        self.assertEqual(self.titles("جشنواره"), ["جشنواره فیلم"])

        page.get_latest_revision().publish()
        self.assertEqual(self.titles("موسیقی"), ["جشنواره موسیقی"])
        self.assertEqual(self.titles("جشنواره فیلم"), ["جشنواره موسیقی"], "the body still says فیلم")

        page.refresh_from_db()
        page.unpublish()
        self.assertEqual(self.titles("موسیقی"), [])

        self.assertEqual(self.entries_of_others(), before, "no other page was re-indexed")
        self.assertEqual(self.titles("تبریز"), ["برف در تبریز"])

    def test_tags_are_searchable_in_the_pages_edition(self):
        make_article(self.section, "سفر به کوه", tags=["كوهنوردي"])  # tag typed with Arabic kaf and yeh
        self.assertEqual(self.titles("کوهنوردی"), ["سفر به کوه"])


class RebuildAfterUpgradeTests(TestCase):
    """Migration search/0003: an index built with the old rules is rebuilt by the worker."""

    def migrate_forwards(self):
        from importlib import import_module
        from types import SimpleNamespace

        from django.apps import apps

        migration = import_module("nashr.search.migrations.0003_rebuild_index_for_word_forms")
        migration.enqueue_rebuild(apps, SimpleNamespace(connection=connection))

    def test_an_index_with_old_words_is_rebuilt(self):
        section = add_section(build_editions()["ar"], "أخبار")
        make_article(section, "سوق الزيتون", body=body("افتتح سوق الزيتون."))
        page = make_article(section, "مسئول الحديقة", body=body("أعلن مسئول الحديقة افتتاح الجناح."))
        # the page's words as an older index missed them; the rest of the index stays
        IndexEntry.objects.filter(object_id=str(page.pk)).delete()
        SearchDocument.objects.filter(page_id=page.pk).delete()
        self.assertEqual([page.title for page in search("مسؤول", "ar")], [])
        self.migrate_forwards()  # the test settings run tasks at once
        self.assertEqual([page.title for page in search("مسؤول", "ar")], ["مسئول الحديقة"])

    def test_an_empty_index_has_nothing_to_rebuild(self):
        from unittest import mock

        IndexEntry.objects.all().delete()
        SearchDocument.objects.all().delete()
        with mock.patch("nashr.search.tasks.rebuild_index") as task:
            self.migrate_forwards()
        task.enqueue.assert_not_called()
