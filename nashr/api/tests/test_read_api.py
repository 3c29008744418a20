import datetime as dt

from django.contrib.auth import get_user_model
from django.test import TestCase
from wagtail.models import Page

from .factories import api_site

EN = "/en/api/v2/pages/"
FA = "/fa/api/v2/pages/"


class ReadApiTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = api_site()

    def items(self, url, **params):
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200, response.content[:500])
        return response.json()["items"]

    def titles(self, url, **params):
        return [item["title"] for item in self.items(url, **params)]

    def detail(self, page, prefix=EN):
        response = self.client.get(f"{prefix}{page.pk}/")
        self.assertEqual(response.status_code, 200, response.content[:500])
        return response.json()


class ListingTests(ReadApiTestCase):
    def test_lists_every_kind_of_post_newest_first(self):
        items = self.items(EN)
        kinds = {item["meta"]["kind"] for item in items}
        self.assertEqual(
            kinds,
            {
                "article",
                "cartoon",
                "news_picture",
                "gallery",
                "video",
                "book",
                "newsletter",
                "brief",
                "digest",
            },
        )
        dates = [dt.datetime.fromisoformat(item["published_at"]) for item in items]
        self.assertEqual(dates, sorted(dates, reverse=True))
        oldest_first = self.titles(EN, order="published_at")
        self.assertEqual(oldest_first, [item["title"] for item in reversed(items)])

    def test_never_lists_drafts_private_pages_or_other_editions(self):
        titles = self.titles(EN, limit=50)
        self.assertNotIn("Unfinished draft", titles)
        self.assertNotIn("Members only", titles)
        self.assertNotIn(self.site.farsi.title, titles)
        self.assertEqual(self.titles(FA), [self.site.farsi.title])

    def test_an_item_carries_what_a_card_shows(self):
        (item,) = [item for item in self.items(EN) if item["id"] == self.site.article.pk]
        self.assertEqual(item["meta"]["detail_url"], f"{EN}{self.site.article.pk}/")
        self.assertEqual(item["meta"]["html_url"], "http://localhost/en/articles/book-fair-opens/")
        self.assertEqual(item["summary"], "Stalls line the square.")
        self.assertEqual([a["name"] for a in item["authors"]], ["Lena Park"])
        self.assertEqual(item["comment_count"], 2)  # the pending comment is not counted
        self.assertNotIn("body", item)

    def test_pages_of_a_listing_follow_each_other(self):
        everything = self.titles(EN, limit=50)
        first, second = self.titles(EN, limit=4), self.titles(EN, limit=4, offset=4)
        self.assertEqual(first + second, everything[:8])
        response = self.client.get(EN, {"limit": 4})
        self.assertEqual(response.json()["meta"]["total_count"], len(everything))


class FilterTests(ReadApiTestCase):
    def test_type_names_kinds_as_readers_know_them(self):
        self.assertEqual(self.titles(EN, type="cartoon"), ["Queue"])
        self.assertEqual(self.titles(EN, type="news_picture"), ["Flood"])
        self.assertEqual(set(self.titles(EN, type="newsletter,brief")), {"Newsletter 4", "Brief 9"})
        self.assertEqual(set(self.titles(EN, type="video,book")), {"Night market", "Tides"})
        self.assertEqual(self.titles(EN, type="article"), ["Book fair opens", "Rain in the hills"])

    def test_one_type_offers_its_own_fields(self):
        (book,) = self.items(EN, type="book", fields="subtitle,publisher")
        self.assertEqual((book["subtitle"], book["publisher"]), ("A coastal year", "Shore Press"))
        (issue,) = self.items(EN, type="digest", fields="number")
        self.assertEqual(issue["number"], 12)

    def test_category_tag_and_author(self):
        self.assertEqual(self.titles(EN, category="culture"), ["Book fair opens"])
        self.assertEqual(self.titles(EN, tag="weather"), ["Rain in the hills"])
        self.assertEqual(self.titles(EN, author="lena"), ["Book fair opens"])
        self.assertEqual(self.titles(EN, tag="books", type="article"), ["Book fair opens"])

    def test_dates_include_both_ends(self):
        day = self.site.older.published_at.date()
        self.assertEqual(
            self.titles(EN, date_from=day.isoformat(), date_to=day.isoformat()), ["Rain in the hills"]
        )
        since = self.titles(EN, date_from=(day + dt.timedelta(days=1)).isoformat(), limit=50)
        self.assertNotIn("Rain in the hills", since)
        self.assertIn("Book fair opens", since)
        self.assertEqual(self.titles(EN, date_to=(day - dt.timedelta(days=1)).isoformat()), [])

    def test_slug_finds_one_post(self):
        self.assertEqual(self.titles(EN, slug="book-fair-opens"), ["Book fair opens"])


class DetailTests(ReadApiTestCase):
    def test_an_article_with_everything(self):
        data = self.detail(self.site.article)
        self.assertEqual(data["meta"]["type"], "articles.ArticlePage")
        self.assertEqual(data["meta"]["edition"], "en")
        self.assertEqual(dt.datetime.fromisoformat(data["published_at"]), self.site.article.published_at)
        self.assertIn('<div class="rich-text" dir="auto"><p>Readers came early.', data["body"])
        self.assertEqual(
            data["categories"],
            [
                {
                    "id": self.site.category.pk,
                    "name": "Culture",
                    "slug": "culture",
                    "url": "/en/category/culture/",
                }
            ],
        )
        self.assertEqual(data["tags"], [{"name": "books", "slug": "books", "url": "/en/tag/books/"}])
        provenance = data["provenance"]
        self.assertEqual(provenance["original_publication"], "Le Journal du Livre")
        self.assertEqual(provenance["original_published_at"], "2026-11-28")
        self.assertEqual(provenance["translator"]["name"], "Omid Rahimi")
        self.assertEqual(
            data["translations"],
            [
                {
                    "edition": "fa",
                    "id": self.site.farsi.pk,
                    "title": self.site.farsi.title,
                    "detail_url": f"{FA}{self.site.farsi.pk}/",
                    "html_url": "http://localhost/fa/articles/book-fair-opens/",
                }
            ],
        )

    def test_the_lead_picture_comes_with_renditions(self):
        image = self.detail(self.site.article)["lead_image"]
        self.assertEqual(image["caption"], "Stalls at the fair")
        self.assertEqual(image["credit"], "Photo: R.")
        self.assertEqual(len(image["renditions"]), 6)
        self.assertEqual({r["format"] for r in image["renditions"]}, {"webp", "jpeg"})
        for rendition in image["renditions"]:
            self.assertTrue(rendition["url"].startswith("/media/images/"), rendition)
            self.assertLessEqual(rendition["width"], 640)

    def test_nothing_about_readers(self):
        body = self.client.get(f"{EN}{self.site.article.pk}/").content.decode()
        self.assertNotIn("@example.org", body)
        self.assertNotIn("Ana", body)

    def test_every_kind_has_its_body(self):
        self.assertIn("<picture>", self.detail(self.site.gallery)["body"])
        self.assertIn("Boats at rest", self.detail(self.site.gallery)["body"])
        self.assertEqual(self.detail(self.site.news_picture)["body"], "<p>Water.</p>\n<p>More.</p>")
        video = self.detail(self.site.video)
        self.assertEqual((video["duration"], video["body"]), ("00:03:20", "<p>Voices.</p>"))
        self.assertEqual(self.detail(self.site.book)["body"], "<p>Sea.</p>")
        newsletter = self.detail(self.site.newsletter)
        self.assertEqual(
            (newsletter["periodical"], newsletter["number"], newsletter["body"]),
            ("newsletter", 4, "<p>Hello.</p>"),
        )

    def test_drafts_private_pages_and_other_editions_are_not_found(self):
        for page in (self.site.draft, self.site.private, self.site.farsi, self.site.articles):
            response = self.client.get(f"{EN}{page.pk}/")
            self.assertEqual(response.status_code, 404, page.title)
            self.assertIn("message", response.json())
        self.assertEqual(self.client.get(f"{EN}{2**64}/").status_code, 404)

    def test_signed_in_staff_see_no_more_than_readers(self):
        user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
        self.client.force_login(user)
        self.assertEqual(self.client.get(f"{EN}{self.site.draft.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"{EN}{self.site.private.pk}/").status_code, 404)
        self.assertNotIn("Members only", self.titles(EN, limit=50))

    def test_the_farsi_edition_in_farsi(self):
        data = self.detail(self.site.farsi, FA)
        self.assertEqual(data["meta"]["edition"], "fa")
        self.assertEqual(data["categories"][0]["name"], "فرهنگ")
        self.assertEqual(data["translations"][0]["edition"], "en")
        self.assertEqual(data["translations"][0]["detail_url"], f"{EN}{self.site.article.pk}/")
        self.assertIn("نمایشگاه", self.client.get(FA).content.decode())  # UTF-8, not \\u escapes


class BadInputTests(ReadApiTestCase):
    def assertRefused(self, url, params, words):
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 400, f"{params}: {response.content[:300]}")
        self.assertIn(words, response.json()["message"], params)

    def test_bad_parameters_are_refused_with_a_message(self):
        cases = [
            ({"limit": "abc"}, "limit must be a positive integer"),
            ({"limit": "-1"}, "limit must be a positive integer"),
            ({"limit": "51"}, "limit cannot be higher than 50"),
            ({"offset": "1e9"}, "offset must be a positive integer"),
            ({"offset": str(2**63)}, "offset cannot be higher than 1000000000"),
            ({"type": "poem"}, "unknown type: poem"),
            ({"category": "nope"}, "no category 'nope'"),
            ({"tag": "nope"}, "no tag 'nope'"),
            ({"author": "nope"}, "no author 'nope'"),
            ({"date_from": "2026-13-01"}, "date_from must be a date"),
            ({"date_to": "2026-02-30"}, "date_to must be a date"),
            ({"date_from": "2026-12-05", "date_to": "2026-12-01"}, "date_from must not be after date_to"),
            ({"order": "title"}, "order must be"),
            ({"utm_source": "x"}, "unknown query parameter: utm_source"),
            ({"fields": "nope"}, "unknown fields: nope"),
            ({"fields": "body"}, "unknown fields: body"),  # details only
            ({"fields": "title("}, "fields error"),
            ({"slug": "a\x00b"}, "null characters"),
            ({"type": "video", "category": "culture"}, "category filters articles"),
        ]
        for params, words in cases:
            with self.subTest(params=params):
                self.assertRefused(EN, params, words)

    def test_a_detail_takes_only_fields(self):
        self.assertRefused(
            f"{EN}{self.site.article.pk}/", {"type": "article"}, "unknown query parameter: type"
        )
        self.assertRefused("/en/api/v2/images/", {"order": "title"}, "unknown query parameter: order")


class HeadersTests(ReadApiTestCase):
    def test_any_origin_may_read_without_credentials(self):
        response = self.client.get(EN, HTTP_ORIGIN="https://partner.example")
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        self.assertNotIn("Access-Control-Allow-Credentials", response)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response["Cache-Control"], "public, max-age=0, must-revalidate")
        preflight = self.client.options(EN, HTTP_ORIGIN="https://partner.example")
        self.assertEqual(preflight.status_code, 204)
        self.assertEqual(preflight["Access-Control-Allow-Methods"], "GET, HEAD, OPTIONS")

    def test_head_answers_like_get_without_a_body(self):
        response = self.client.head(EN)
        self.assertEqual((response.status_code, response.content), (200, b""))

    def test_nothing_but_reading(self):
        for method in ("post", "put", "patch", "delete"):
            response = getattr(self.client, method)(EN, {}, content_type="application/json")
            self.assertEqual(response.status_code, 405, method)

    def test_an_unpublished_edition_has_no_api(self):
        Page.objects.filter(pk=self.site.homes["sq"].pk).update(live=False)
        self.assertEqual(self.client.get("/sq/api/v2/pages/").status_code, 404)
        self.assertEqual(self.client.get("/en/api/v2/pages/").status_code, 200)


class ImagesTests(ReadApiTestCase):
    def test_lists_the_pictures_the_edition_shows(self):
        from nashr.core.tests.factories import ImageFactory

        hidden = ImageFactory(title="Draft picture")
        self.site.draft.lead_image = hidden
        self.site.draft.save()
        response = self.client.get("/en/api/v2/images/")
        titles = {item["title"] for item in response.json()["items"]}
        self.assertEqual(titles, {"Lighthouse at dusk", "Boats"})
        self.assertEqual(self.client.get(f"/en/api/v2/images/{hidden.pk}/").status_code, 404)
        picture = self.client.get(f"/en/api/v2/images/{self.site.picture.pk}/").json()
        self.assertEqual(picture["caption"], "The old lighthouse")
        self.assertEqual(len(picture["renditions"]), 6)
        self.assertEqual(self.client.get("/fa/api/v2/images/").json()["meta"]["total_count"], 1)
