"""A post moved to another section: what publishing rewrites first names its new neighbours, read after
core has moved its `parent_page` (core's receiver of the move runs before publishing's)."""

from unittest import mock

from django.test import TestCase

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions, days_ago
from nashr.publishing import signals


class MovedPostTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        news = add_section(homes["en"], "News")
        cls.features = add_section(homes["en"], "Features")
        cls.moved = make_article(news, "Moved", published_at=days_ago(2))
        cls.feature = make_article(cls.features, "Feature", published_at=days_ago(5))

    def test_the_new_sections_neighbour_is_rewritten_first(self):
        with mock.patch.object(signals, "changed") as changed:
            self.moved.move(self.features, pos="last-child")
        (editions, paths), _ = changed.call_args
        self.assertIn(self.feature.url, paths)
        self.assertIn("/en/features/moved/", paths)
