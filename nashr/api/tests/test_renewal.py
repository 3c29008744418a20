"""The page cache keeps the read API's answers and a change of the newsroom renews them at once."""

from django.core.cache import cache
from django.test import TestCase, override_settings
from wagtail.models import PageViewRestriction

from nashr.articles.tests.factories import make_article
from nashr.comments.models import Comment
from nashr.core.tests.factories import days_ago, publish

from .factories import api_site

EN = "/en/api/v2/pages/"


@override_settings(NASHR_PAGE_CACHE=True)
class RenewalTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = api_site()

    def setUp(self):
        cache.clear()

    def read(self, url, **params):
        response = self.client.get(url, params)
        return response, response.json()

    def titles(self, url=EN, **params):
        return [item["title"] for item in self.read(url, limit=50, **params)[1]["items"]]

    def act(self, action, *args, **kwargs):
        with self.captureOnCommitCallbacks(execute=True):
            action(*args, **kwargs)

    def test_answers_are_kept_like_pages(self):
        first, _ = self.read(EN, type="article", limit=5)
        second, _ = self.read(EN, limit=5, type="article")  # the same parameters in another order
        self.assertEqual((first["X-Page-Cache"], second["X-Page-Cache"]), ("MISS", "HIT"))
        self.assertEqual(first.content, second.content)
        self.assertEqual(second["Cache-Control"], "public, max-age=0, must-revalidate")
        self.assertEqual(second["Access-Control-Allow-Origin"], "*")
        self.assertEqual(
            self.client.get(
                EN, {"limit": 5, "type": "article"}, HTTP_IF_NONE_MATCH=second["ETag"]
            ).status_code,
            304,
        )

    def test_bad_input_and_listings_past_their_end_are_never_kept(self):
        for params in ({"limit": "x"}, {"tag": "nope"}, {"offset": "500"}, {"offset": "5", "limit": "x"}):
            self.client.get(EN, params)
            response = self.client.get(EN, params)
            self.assertNotIn("X-Page-Cache", response, params)  # answered by the view both times
        self.assertEqual(self.client.get(EN, {"offset": "500"}).json()["items"], [])
        self.assertEqual(self.client.get(EN, {"offset": "5"})["X-Page-Cache"], "MISS")  # within the listing

    def test_a_publish_reaches_the_api_at_once(self):
        self.assertNotIn("Night train arrives", self.titles())
        self.act(make_article, self.site.articles, "Night train arrives", published_at=days_ago(0))
        response, data = self.read(EN, limit=50)
        self.assertIn("Night train arrives", [item["title"] for item in data["items"]])
        self.assertEqual(response["X-Page-Cache"], "MISS")

    def test_an_unpublished_post_is_gone_from_listing_and_detail(self):
        detail = f"{EN}{self.site.article.pk}/"
        self.assertEqual(self.client.get(detail).status_code, 200)
        self.assertEqual(self.client.get(detail)["X-Page-Cache"], "HIT")
        self.assertIn("Book fair opens", self.titles())
        self.assertIn("Book fair opens", self.titles(tag="books"))
        self.act(self.site.article.unpublish)
        self.assertEqual(self.client.get(detail).status_code, 404)
        self.assertNotIn("Book fair opens", self.titles())
        self.assertNotIn("Book fair opens", self.titles(tag="books"))
        # ... and from the other edition's links to it.
        farsi = self.read(f"/fa/api/v2/pages/{self.site.farsi.pk}/")[1]
        self.assertEqual(farsi["translations"], [])

    def test_a_post_made_private_is_gone(self):
        detail = f"{EN}{self.site.older.pk}/"
        self.assertEqual(self.client.get(detail).status_code, 200)
        self.assertIn("Rain in the hills", self.titles())
        self.act(
            PageViewRestriction.objects.create,
            page=self.site.older,
            restriction_type=PageViewRestriction.PASSWORD,
            password="secret",
        )
        self.assertEqual(self.client.get(detail).status_code, 404)
        self.assertNotIn("Rain in the hills", self.titles())

    def test_a_new_title_and_a_new_translation_show_at_once(self):
        detail = f"{EN}{self.site.article.pk}/"
        self.assertEqual(self.read(detail)[1]["translations"][0]["edition"], "fa")
        page = self.site.article
        page.title = "Book fair opens its doors"
        self.act(publish, page)
        self.assertEqual(self.read(detail)[1]["title"], "Book fair opens its doors")
        farsi = self.read(f"/fa/api/v2/pages/{self.site.farsi.pk}/")[1]
        self.assertEqual(farsi["translations"][0]["title"], "Book fair opens its doors")

    def test_an_approved_comment_counts_at_once(self):
        detail = f"{EN}{self.site.article.pk}/"
        self.assertEqual(self.read(detail)[1]["comment_count"], 2)
        pending = Comment.objects.get(page=self.site.article, status=Comment.Status.PENDING)
        pending.status = Comment.Status.APPROVED
        self.act(pending.save)
        self.assertEqual(self.read(detail)[1]["comment_count"], 3)

    def test_a_signed_in_editor_is_neither_served_nor_kept(self):
        from django.contrib.auth import get_user_model

        self.client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.org", "pw"))
        response = self.client.get(EN)
        self.assertNotIn("X-Page-Cache", response)
        self.assertIn("private", response["Cache-Control"])
