from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.comments.models import Comment
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, days_ago, translate
from nashr.multimedia.models import ImagePostPage

from .factories import add_post

# Queries for one listing, whatever its length: the restrictions, the editions, the count, the page rows and
# the specific rows of each type on the page, the site, then one each for images, renditions, authors,
# categories, tags, translators, comments and translations (15 with two types on the page).
LISTING_BOUND = 20


class QueryCountTests(TestCase):
    """A listing costs the same number of queries for 20 items as for 50: nothing is looked up per item."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        en = Locale.objects.get(language_code="en")
        section = add_section(homes["en"], "Articles")
        translate(section, "fa", title="مقاله‌ها")
        images = [ImageFactory() for _ in range(4)]
        for image in images:  # as the worker does after an upload
            image.generate_public_renditions()
        categories = [CategoryFactory(locale=en) for _ in range(3)]
        people = [PersonFactory(locale=en) for _ in range(3)]
        for number in range(55):
            article = make_article(
                section,
                f"Report {number}",
                published_at=days_ago(number),
                categories=[categories[number % 3]],
                tags=[f"tag-{number % 5}", "news"],
                authors=people[: 1 + number % 3],
                lead_image=images[number % 4],
                translator=people[number % 3] if number % 2 else None,
                original_publication="Elsewhere" if number % 2 else "",
            )
            Comment.objects.create(page=article, name="R", body="Fine.", status=Comment.Status.APPROVED)
            if number % 10 == 0:
                translate(article, "fa", title=f"گزارش {number}")
        add_post(section.get_parent().specific, ImagePostPage(title="Queue", lead_image=images[0]), 0)

    def count(self, url):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, response.content[:300])
        return len(queries), response.json()

    def test_a_listing_of_50_costs_what_a_listing_of_20_does(self):
        self.client.get("/en/api/v2/pages/?limit=1")  # a first request sets up what every process keeps
        twenty, short = self.count("/en/api/v2/pages/?limit=20")
        fifty, long = self.count("/en/api/v2/pages/?limit=50")
        self.assertEqual((len(short["items"]), len(long["items"])), (20, 50))
        self.assertEqual(fifty, twenty)
        self.assertLessEqual(fifty, LISTING_BOUND)
        # ... and the lookups are there: every item has its picture, people, comment count and translations.
        articles = [item for item in long["items"] if item["meta"]["kind"] == "article"]
        self.assertTrue(all(item["lead_image"]["renditions"] for item in articles))
        self.assertTrue(
            all(item["authors"] and item["categories"] and item["comment_count"] == 1 for item in articles)
        )
        numbers = [int(item["title"].split()[-1]) for item in articles]
        self.assertEqual(
            sum(1 for item in articles if item["translations"]), sum(1 for n in numbers if n % 10 == 0)
        )
        self.assertEqual(sum(1 for item in articles if item["provenance"]), sum(1 for n in numbers if n % 2))

    def test_a_filtered_listing_too(self):
        self.client.get("/en/api/v2/pages/?limit=1")
        twenty, _ = self.count("/en/api/v2/pages/?limit=20&tag=news&type=article")
        fifty, _ = self.count("/en/api/v2/pages/?limit=50&tag=news&type=article")
        self.assertEqual(fifty, twenty)

    def test_images_listing(self):
        self.client.get("/en/api/v2/images/?limit=1")
        one, _ = self.count("/en/api/v2/images/?limit=1")
        four, data = self.count("/en/api/v2/images/?limit=4")
        self.assertEqual(len(data["items"]), 4)
        self.assertEqual(four, one)
