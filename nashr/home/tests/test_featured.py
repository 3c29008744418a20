"""The edition home's lead piece: the one an editor chose, in this edition's own translation."""

from django.test import TestCase

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions, days_ago, translate


class FeaturedPieceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        section = add_section(cls.homes["en"], "Articles")
        cls.fa_section = translate(section, "fa", title="مقاله‌ها")
        cls.chosen = make_article(section, "Chosen", published_at=days_ago(9))
        cls.newest = make_article(section, "Newest", published_at=days_ago(0))
        cls.homes["en"].featured = cls.chosen
        cls.homes["en"].save()

    def test_home_features_the_chosen_piece(self):
        self.assertEqual(self.homes["en"].featured_post().pk, self.chosen.pk)

    def test_another_edition_features_its_own_translation_of_the_chosen_piece(self):
        fa_home = self.homes["fa"]
        fa_home.featured = self.chosen  # as wagtail-localize carries it over
        self.assertEqual(fa_home.featured_post(), None)  # not translated yet, and fa has no article
        fa_chosen = translate(self.chosen, "fa", title="برگزیده", slug="chosen-fa")
        self.assertEqual(fa_home.featured_post().pk, fa_chosen.pk)
