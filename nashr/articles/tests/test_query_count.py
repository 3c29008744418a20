from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings, tag
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.caching.store import renew
from nashr.comments.models import Comment
from nashr.core.models import PostPage
from nashr.core.test_runner import SLOW
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, days_ago, translate

# The article rendered with the page cache off, its fragments kept: the routing (the site, then its
# edition's home and the pages along the path in one query, core/routing.py), the site's view restrictions
# (read once: Wagtail's check of the page and every list that excludes private pages), the page and its lead
# image, categories, tags, authors, translations, comments, newer and older (one query) and related posts;
# the breadcrumbs are the pages the routing read on the way (BasePage.ancestor_trail).
# Menus, footer, recent posts, the published editions and listing cards are shared fragments; a renewal of
# the edition rebuilds them once for all its pages (the footer asks for the edition's newsletter lists and
# its healthy mirrors: a query each). The lead image and the translator come with the page (served_with);
# a lead image's renditions (its picture and the link preview's) are one more query (images.renditions.
# batch_for), faster than reading them from the shared cache key by key.
ARTICLE_QUERIES = 11
LEAD_IMAGE_QUERIES = 1
FRAGMENT_QUERIES = 6


@tag(SLOW)
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

    def test_tags_authors_a_translator_translations_and_comments_add_no_query_a_lead_image_one(self):
        self.client.get(self.big.url)  # its lead image rendition is made once
        with self.assertNumQueries(ARTICLE_QUERIES + LEAD_IMAGE_QUERIES):
            response = self.client.get(self.big.url)
        self.assertContains(response, "tag-7")
        self.assertContains(response, "/author/translator/")
        self.assertContains(response, "/fa/articles/feature-fa/")
        self.assertContains(response, "R5")

    @override_settings(NASHR_FRAGMENTS=False)  # each picture drawn, not taken from the shared fragments
    def test_the_pictures_of_a_body_read_their_renditions_in_one_query(self):
        images = [ImageFactory() for _ in range(4)]
        figure = [{"image": image, "caption": "", "alt_text": ""} for image in images]
        article = make_article(
            self.small.get_parent(),
            "Pictures",
            body=[
                ("image", figure[0]),
                ("paragraph", RichText("<p>Between the pictures.</p>")),
                ("image", figure[1]),
                ("gallery", {"images": figure[2:]}),
            ],
            published_at=days_ago(1),
        )
        self.client.get(article.url)  # the renditions are made once
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(article.url)
        renditions = [q["sql"] for q in queries.captured_queries if '"images_nashrrendition"' in q["sql"]]
        self.assertEqual(len(renditions), 1, renditions)
        self.assertEqual(response.content.decode().count("<picture>"), 4)

    def test_shared_fragments_rebuilt_after_a_renewal_cost_a_fixed_number_of_queries(self):
        renew(["en"])
        with self.assertNumQueries(ARTICLE_QUERIES + FRAGMENT_QUERIES):
            self.client.get(self.small.url)

    def test_a_larger_site_costs_the_same_queries(self):
        with self.assertNumQueries(ARTICLE_QUERIES):
            self.client.get(self.small.url)
        section = self.small.get_parent().specific
        for n in range(40):
            make_article(section, f"Later {n}", tags=["rain"], published_at=days_ago(1))
            make_article(section, f"Earlier {n}", tags=["rain"], published_at=days_ago(40 + n))
        renew(["en"])  # as publishing them does once committed
        self.client.get(self.small.url)
        with self.assertNumQueries(ARTICLE_QUERIES):
            response = self.client.get(self.small.url)
        self.assertContains(response, "Later 39")  # the new posts are there: recent, related, newer


# The same article with nothing kept at all (fragments off): what the first reader after a change, a full
# static build and an editor's preview pay. The view restrictions are read once for the five lists that
# exclude private pages (newer, older, related, recent, translations), not once a list. 30 since the page
# shows its breadcrumbs (the ancestors' titles: 1) and "you may also like" as cards naming their category,
# section and byline (3 for all the cards, home/cards.py). 28 since Wagtail's check of the page served uses
# the same read of the restrictions (its own two queries only when the site has any); 26 since the routing
# reads the pages along the path in one query instead of two a level; 24 since a request is routed from the
# site's root with the edition's home in that query (core/routing.py: no locale, no home as its type); 23
# since the lead image is read with the page (PostPage.served_with); 24 since its renditions (its picture and
# the link preview's) are read in one query rather than from the shared cache, key by key; 23 since the newer
# and the older post are read in one query (PostPage._neighbours); 22 since the breadcrumbs are the pages
# routing read on the way, not read again (BasePage.ancestor_trail).
FROM_NOTHING_QUERIES = 22


@tag(SLOW)
@override_settings(NASHR_FRAGMENTS=False)
class FromNothingQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = add_section(homes["en"], "Articles")
        cls.article = make_article(
            section,
            "Short note",
            categories=[CategoryFactory(slug="weather")],
            tags=["rain"],
            authors=[PersonFactory(slug="writer")],
            lead_image=ImageFactory(),
            published_at=days_ago(3),
        )
        for n in range(6):
            make_article(section, f"Neighbour {n}", tags=["rain"], published_at=days_ago(5 + n))

    def setUp(self):
        cache.clear()
        self.client.get(self.article.url)  # per-process caches and the lead image's renditions, once

    def test_an_article_from_nothing_costs_the_fixed_number_of_queries(self):
        with self.assertNumQueries(FROM_NOTHING_QUERIES):
            response = self.client.get(self.article.url)
        self.assertContains(response, "Neighbour 0")  # newer/older, related and recent are all there

    def test_the_restrictions_are_read_once_a_request_and_never_kept_beyond_it(self):
        with CaptureQueriesContext(connection) as queries:
            self.client.get(self.article.url)
        restrictions = [q for q in queries if 'FROM "wagtailcore_pageviewrestriction" INNER JOIN' in q["sql"]]
        self.assertEqual(len(restrictions), 1)
        # Made private in another request: the next request reads it, and the article leaves the lists.
        neighbour = PostPage.objects.get(title="Neighbour 0")
        PageViewRestriction.objects.create(page=neighbour, restriction_type="password", password="x")
        self.assertNotContains(self.client.get(self.article.url), "Neighbour 0")

    def test_a_preview_goes_through_the_same_path(self):
        revision = self.article.save_revision()
        page = revision.as_object()
        page.make_preview_request()  # the lead image's preview renditions, once
        with CaptureQueriesContext(connection) as queries:
            response = page.make_preview_request()
        self.assertContains(response, "Neighbour 0")
        self.assertContains(response, "Short note")
        # No routing and no restriction check of its own: fewer than the reader's request.
        self.assertLess(len(queries), FROM_NOTHING_QUERIES)
