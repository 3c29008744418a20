from django.core.cache import cache
from django.test import TestCase

from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.comments.models import Comment
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, days_ago, translate

# Routing (site, locale, three levels of pages, two alias and view-restriction checks), comments, menus
# (three), private sections (once), editions menu, categories, authors, tags, newer, older, related,
# recent; then one each for a lead image and a translator when the article has them.
ARTICLE_QUERIES = 22
WITH_IMAGE_AND_TRANSLATOR = ARTICLE_QUERIES + 2


class ArticleQueryCountTests(TestCase):
    """The article page costs the same few queries however much it carries."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = add_section(homes["en"], "Articles")
        people = [PersonFactory(slug=f"writer-{n}") for n in range(4)]
        cls.small = make_article(
            section,
            "Short note",
            categories=[CategoryFactory(slug="weather")],
            tags=["rain"],
            authors=people[:1],
            published_at=days_ago(3),
        )
        cls.big = make_article(
            section,
            "Long feature",
            categories=[CategoryFactory(slug=f"topic-{n}") for n in range(3)],
            tags=[f"tag-{n}" for n in range(8)],
            authors=people,
            translator=PersonFactory(slug="translator"),
            lead_image=ImageFactory(),
            published_at=days_ago(2),
        )
        for n in range(12):
            make_article(section, f"Neighbour {n}", tags=["tag-1"], published_at=days_ago(5 + n))
        for language in ["fa", "ar", "sq"]:
            translate(section, language, title=f"Articles {language}")
            translate(cls.big, language, title=f"Feature {language}", slug=f"feature-{language}")
        for n in range(6):
            Comment.objects.create(page=cls.big, name=f"R{n}", body="Good", status=Comment.Status.APPROVED)

    def setUp(self):
        cache.clear()
        self.client.get(self.small.url)  # per-process caches (site root paths, renditions) warmed once

    def test_a_bare_article_costs_the_fixed_number_of_queries(self):
        with self.assertNumQueries(ARTICLE_QUERIES):
            self.assertEqual(self.client.get(self.small.url).status_code, 200)

    def test_tags_authors_translations_and_comments_add_no_query(self):
        self.client.get(self.big.url)  # its lead image rendition is made once
        with self.assertNumQueries(WITH_IMAGE_AND_TRANSLATOR):
            response = self.client.get(self.big.url)
        self.assertContains(response, "tag-7")
        self.assertContains(response, "/fa/articles/feature-fa/")
