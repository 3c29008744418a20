"""The edition home's news hierarchy: the lead, the next articles, then each section's newest pieces that
are not shown above; every card says where it belongs (category or section), when and by whom."""

import re

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.caching.tests.reads import reads_watched
from nashr.core.models import PostPage
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, days_ago
from nashr.home.cards import card_meta


class HomeHierarchyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.articles_section = add_section(cls.homes["en"], "Articles")
        cls.opinion = add_section(cls.homes["en"], "Opinion")
        cls.culture = CategoryFactory(name="Culture", slug="culture")
        cls.author = PersonFactory(name="Mina Sadeghi")
        cls.second_author = PersonFactory(name="Leo Brandt")
        image = ImageFactory()
        cls.articles = [
            make_article(
                cls.articles_section,
                f"Story {n}",
                published_at=days_ago(n),
                categories=[cls.culture] if n % 2 else [],
                authors=[cls.author, cls.second_author] if n == 1 else [cls.author],
                lead_image=image,
            )
            for n in range(8)
        ]
        cls.column = make_article(cls.opinion, "A column", published_at=days_ago(20), authors=[cls.author])

    def html(self):
        response = self.client.get("/en/")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_lead_then_second_tier_then_sections_without_repeats(self):
        html = self.html()
        self.assertEqual(self.homes["en"].featured_post().pk, self.articles[0].pk)
        second = self.homes["en"].second_tier(self.articles[0])
        self.assertEqual([p.pk for p in second], [a.pk for a in self.articles[1:5]])
        titles = re.findall(r'<h[23] class="(?:card|featured)__title"><a href="([^"]+)"', html)
        self.assertEqual(len(titles), len(set(titles)), "a piece shows once on the home")
        # Everything published shows once: the lead, four under it, three in Articles, one in Opinion.
        self.assertEqual(len(titles), 9)
        self.assertLess(html.index("Story 0"), html.index("Story 1"))
        self.assertLess(html.index("Story 4"), html.index('id="section-'))

    def test_its_lists_are_read_in_two_round_trips_and_each_read_is_used(self):
        """The newest articles with the sections, then every section's newest posts together
        (caching/together.py); every read sent ahead is the one the home makes."""
        from nashr.home import models

        for render in ("from nothing", "with the fragments of the first render"):
            with reads_watched() as (ahead, left):
                self.html()
            queries = [name[0] for name in ahead]
            self.assertEqual(queries.count(models._SECTION_POSTS), 2, render)  # Articles and Opinion
            self.assertIn(models._NEWEST, queries, render)
            self.assertIn(models._SECTIONS, queries, render)
            self.assertEqual(left, [], render)

    def test_a_section_left_with_nothing_new_is_not_shown(self):
        for article in self.articles[5:]:
            article.unpublish()
        html = self.html()
        self.assertNotIn(f'id="section-{self.articles_section.pk}"', html)
        self.assertIn(f'id="section-{self.opinion.pk}"', html)

    def test_cards_name_category_or_section_date_and_byline_not_the_page_type(self):
        html = self.html()
        self.assertNotIn('class="card__kind">Article<', html)
        self.assertIn('<p class="card__kind"><a href="/en/category/culture/">Culture</a></p>', html)
        self.assertIn('<p class="card__kind"><a href="/en/opinion/">Opinion</a></p>', html)
        self.assertIn("By <bdi>Mina Sadeghi</bdi> and <bdi>Leo Brandt</bdi>", html)
        self.assertEqual(html.count('class="card__meta"><time'), 9)

    def test_the_old_recent_posts_column_is_gone(self):
        self.assertNotIn("Recent posts", self.html())

    def test_card_labels_and_bylines_cost_three_queries_for_any_number_of_posts(self):
        # Two when every post has a category: no post is labelled by its section.
        categorised = [post for post in self.articles if post.categories.exists()]
        for posts, count in ((categorised, 2), (self.articles[:2], 3), ([*self.articles, self.column], 3)):
            posts = list(PostPage.objects.for_listing().filter(pk__in=[post.pk for post in posts]))
            with CaptureQueriesContext(connection) as queries:
                meta = card_meta(posts)
            self.assertEqual(len(queries), count)
            self.assertEqual(len(meta), len(posts))
        self.assertEqual(meta[self.column.pk].label, "Opinion")
        self.assertEqual(meta[self.articles[1].pk].label, "Culture")
        self.assertEqual([p.name for p in meta[self.articles[1].pk].authors], ["Mina Sadeghi", "Leo Brandt"])

    def test_lead_images_not_read_with_their_posts_are_read_together(self):
        posts = [PostPage.objects.get(pk=post.pk) for post in self.articles]
        with CaptureQueriesContext(connection) as queries:
            card_meta(posts)
        self.assertEqual(len(queries), 4)
        with self.assertNumQueries(0):
            self.assertEqual({post.lead_image.pk for post in posts}, {self.articles[0].lead_image_id})

    @override_settings(NASHR_FRAGMENTS=False)
    def test_the_pictures_of_every_card_read_their_renditions_in_one_query(self):
        self.html()  # the renditions are made
        with CaptureQueriesContext(connection) as queries:
            html = self.html()
        self.assertEqual(html.count("<picture>"), 8)  # the column has no picture
        renditions = [q["sql"] for q in queries if "images_nashrrendition" in q["sql"]]
        self.assertEqual(len(renditions), 1, renditions)

    def test_listing_cards_show_labels_and_bylines(self):
        response = self.client.get("/en/articles/")
        self.assertContains(response, '<p class="card__kind"><a href="/en/category/culture/">Culture</a></p>')
        self.assertContains(response, "By <bdi>Mina Sadeghi</bdi>")
