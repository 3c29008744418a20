from django.core.cache import cache
from django.test import TestCase, override_settings

from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.comments.models import Comment
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, days_ago, translate
from nashr.publishing.cache import purge

# The page itself. Everything it shows of other rows comes from the page cache's fragments, each purged by
# the publishing that changes it (core/dependencies.py): the site, where the URL leads, private sections,
# menus, recent and related posts, newer/older, breadcrumbs, the published editions, and, under the page's
# own URL, its categories, authors, tags, translations and comments (core/routing.py, core/restrictions.py,
# BasePage.kept); what it shows of itself (head, byline, lead image, body) is kept per publish of it
# (`{% kept %}`), so its lead image and translator are not read either.
ARTICLE_QUERIES = 1
WITH_IMAGE_AND_TRANSLATOR = ARTICLE_QUERIES
# The first render after the page's own publish: where its URL leads, its categories, authors and tags,
# translations and comments, and, for its kept pieces, its lead image and translator.
OWN_FRAGMENT_QUERIES = 6
IMAGE_AND_TRANSLATOR_QUERIES = 2
# The first render after a publish in the edition rebuilds what the fragments keep: private sections (1),
# the menus (4), the published editions (1), breadcrumbs (1), newer, older, related and recent posts (4).
FRAGMENT_QUERIES = 11


@override_settings(NASHR_CACHE_LOOKUPS=True)
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

    def test_the_first_render_after_its_own_publish_costs_a_fixed_number_of_queries(self):
        self.client.get(self.big.url)
        purge([self.big.url])
        with self.assertNumQueries(ARTICLE_QUERIES + OWN_FRAGMENT_QUERIES + IMAGE_AND_TRANSLATOR_QUERIES):
            response = self.client.get(self.big.url)
        self.assertContains(response, "tag-7")
        self.assertContains(response, "/fa/articles/feature-fa/")
        with self.assertNumQueries(WITH_IMAGE_AND_TRANSLATOR):
            self.assertEqual(self.client.get(self.big.url).content, response.content)

    def test_fragments_rebuilt_after_a_publish_cost_a_fixed_number_of_queries(self):
        purge(["/en/", "/en/articles/"])
        cache.delete("nashr:restricted-paths")
        with self.assertNumQueries(ARTICLE_QUERIES + FRAGMENT_QUERIES):
            self.client.get(self.small.url)

    def test_a_larger_site_costs_the_same_queries(self):
        with self.assertNumQueries(ARTICLE_QUERIES):
            self.client.get(self.small.url)
        section = self.small.get_parent().specific
        for n in range(40):
            make_article(section, f"Later {n}", tags=["rain"], published_at=days_ago(1))
            make_article(section, f"Earlier {n}", tags=["rain"], published_at=days_ago(40 + n))
        # As publishing them does once committed: the edition's recent and related posts and the section's
        # newer/older afresh.
        purge(["/en/", "/en/articles/"])
        self.client.get(self.small.url)
        with self.assertNumQueries(ARTICLE_QUERIES):
            response = self.client.get(self.small.url)
        self.assertContains(response, "Later 39")  # the new posts are there: recent, related, newer
