"""A post's `parent_page` (the page above it, where newer and older are looked up) follows the tree: set on
save, kept on a move and a copy, filled for posts saved before it existed."""

from importlib import import_module

from django.db import connection
from django.test import TestCase

from nashr.articles.tests.factories import make_article
from nashr.core.models import PostPage
from nashr.core.tests.factories import add_section, build_editions, days_ago


class ParentPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.news = add_section(homes["en"], "News")
        cls.features = add_section(homes["en"], "Features")
        cls.older = make_article(cls.news, "Older", published_at=days_ago(3))
        cls.moved = make_article(cls.news, "Moved", published_at=days_ago(2))
        cls.newer = make_article(cls.news, "Newer", published_at=days_ago(1))
        cls.feature = make_article(cls.features, "Feature", published_at=days_ago(5))

    def parent_of(self, page):
        return PostPage.objects.get(pk=page.pk).parent_page_id

    def test_a_saved_post_knows_the_page_above_it(self):
        self.assertEqual(self.parent_of(self.moved), self.news.pk)
        self.assertEqual(self.parent_of(self.feature), self.features.pk)

    def test_a_moved_post_takes_its_neighbours_from_its_new_section(self):
        self.assertEqual(self.moved.newer().pk, self.newer.pk)
        self.moved.move(self.features, pos="last-child")
        moved = PostPage.objects.get(pk=self.moved.pk)
        self.assertEqual(moved.parent_page_id, self.features.pk)
        self.assertEqual((moved.newer(), moved.older().pk), (None, self.feature.pk))
        # Its old section closes the gap.
        self.assertEqual(self.older.newer().pk, self.newer.pk)

    def test_a_copy_under_another_section_is_that_sections_post(self):
        copy = self.moved.copy(to=self.features, update_attrs={"slug": "moved-copy", "title": "Copy"})
        self.assertEqual(self.parent_of(copy), self.features.pk)
        self.assertEqual(self.parent_of(self.moved), self.news.pk)

    def test_posts_saved_before_the_column_get_it_from_their_path(self):
        """The migration's statement (core/migrations/0004), run again on posts that lost the value."""
        PostPage.objects.update(parent_page_id=None)
        migration = import_module("nashr.core.migrations.0004_post_parent_page").Migration
        (backfill,) = [op for op in migration.operations if hasattr(op, "sql")]
        with connection.cursor() as cursor:
            cursor.execute(backfill.sql)
        self.assertEqual(self.parent_of(self.moved), self.news.pk)
        self.assertEqual(self.parent_of(self.feature), self.features.pk)
