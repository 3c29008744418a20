from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import TestCase, override_settings

from nashr.articles.tests.factories import make_article
from nashr.comments.models import Comment
from nashr.core.tests.factories import add_section, days_ago, publish
from nashr.navigation.models import Navigation
from nashr.publishing import cache as page_cache
from nashr.publishing.tests.factories import small_site


@override_settings(NASHR_PAGE_CACHE=True, NASHR_PAGE_SIZE=2)
class PageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.section, cls.article = small_site()
        cls.other_section = add_section(cls.homes["en"], "Media")
        cls.other = make_article(cls.other_section, "Match report", published_at=days_ago(9))

    def setUp(self):
        cache.clear()

    def get(self, url, **headers):
        return self.client.get(url, **headers)

    def republish(self, page, **fields):
        for name, value in fields.items():
            setattr(page, name, value)
        with self.captureOnCommitCallbacks(execute=True):
            publish(page)

    def test_second_read_is_served_from_the_cache_with_validators(self):
        first = self.get(self.article.url)
        second = self.get(self.article.url)
        self.assertEqual((first["X-Page-Cache"], second["X-Page-Cache"]), ("MISS", "HIT"))
        self.assertEqual(first.content, second.content)
        self.assertEqual(first["ETag"], second["ETag"])
        self.assertEqual(second["Cache-Control"], "public, max-age=0, must-revalidate")
        self.assertIn("Last-Modified", second)
        self.assertIn("Content-Security-Policy", second)  # headers added below the cache are kept
        self.assertContains(second, "Book fair opens")

    def test_a_reader_with_the_page_gets_304(self):
        etag = self.get(self.article.url)["ETag"]
        response = self.get(self.article.url, HTTP_IF_NONE_MATCH=etag)
        self.assertEqual(response.status_code, 304)
        self.assertEqual(response.content, b"")
        self.assertEqual(self.get(self.article.url, HTTP_IF_NONE_MATCH='"other"').status_code, 200)
        last_modified = self.get(self.article.url)["Last-Modified"]
        self.assertEqual(self.get(self.article.url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code, 304)

    def test_head_is_answered_from_the_cache_without_a_body(self):
        length = len(self.get(self.article.url).content)
        response = self.client.head(self.article.url)
        self.assertEqual(response["X-Page-Cache"], "HIT")
        self.assertEqual(response.content, b"")
        self.assertEqual(response["Content-Length"], str(length))

    def test_publishing_purges_every_page_that_shows_the_article_and_nothing_else(self):
        shown_on = [
            self.article.url,
            "/en/",
            "/en/articles/",
            "/en/articles/?page=2",
            "/en/category/culture/",
            "/en/tag/books/",
            "/en/author/ana/",
        ]
        unrelated = [self.other.url, "/en/media/"]
        for url in shown_on + unrelated:
            self.assertEqual(self.get(url).status_code, 200, url)
        self.republish(self.article, title="Book fair opens its doors")
        for url in shown_on:
            response = self.get(url)
            self.assertEqual(response["X-Page-Cache"], "MISS", url)
        for url in shown_on[:2] + shown_on[4:]:
            self.assertContains(self.get(url), "Book fair opens its doors")
        for url in unrelated:
            self.assertEqual(self.get(url)["X-Page-Cache"], "HIT", url)

    def test_the_translation_edition_links_are_purged(self):
        from nashr.core.tests.factories import translate

        self.assertEqual(self.get(self.article.url)["X-Page-Cache"], "MISS")
        translate(self.section, "fa", title="مقاله‌ها")
        with self.captureOnCommitCallbacks(execute=True):
            fa = translate(self.article, "fa", title="نمایشگاه کتاب", slug="book-fair-fa")
        response = self.get(self.article.url)
        self.assertEqual(response["X-Page-Cache"], "MISS")
        self.assertContains(response, f'?next={fa.url}"')  # the editions menu links the translation

    def test_unpublishing_and_deleting_purge(self):
        self.get(self.article.url)
        self.get("/en/articles/")
        with self.captureOnCommitCallbacks(execute=True):
            self.article.unpublish()
        self.assertEqual(self.get(self.article.url).status_code, 404)
        self.assertNotContains(self.get("/en/articles/"), "Book fair opens")
        self.get(self.other.url)
        with self.captureOnCommitCallbacks(execute=True):
            self.other.delete()
        self.assertEqual(self.get(self.other.url).status_code, 404)

    def test_moving_purges_old_and_new_places(self):
        self.get("/en/articles/")
        self.get("/en/media/")
        with self.captureOnCommitCallbacks(execute=True):
            self.article.move(self.other_section, pos="last-child")
        self.assertNotContains(self.get("/en/articles/"), "Book fair opens")
        self.assertContains(self.get("/en/media/"), "Book fair opens")

    def test_approving_a_comment_purges_its_article(self):
        self.get(self.article.url)
        with self.captureOnCommitCallbacks(execute=True):
            comment = Comment.objects.create(page=self.article, name="Ola", body="Lovely fair")
        self.assertNotContains(self.get(self.article.url), "Lovely fair")
        comment.status = Comment.Status.APPROVED
        with self.captureOnCommitCallbacks(execute=True):
            comment.save()
        self.assertContains(self.get(self.article.url), "Lovely fair")

    def test_changing_the_menus_purges_every_page(self):
        self.get(self.other.url)
        navigation = Navigation.objects.create(locale=self.homes["en"].locale, site_name="Daily Fair")
        with self.captureOnCommitCallbacks(execute=True):
            navigation.save()
        self.assertEqual(self.get(self.other.url)["X-Page-Cache"], "MISS")

    def test_staff_and_forms_bypass_the_cache(self):
        self.get(self.article.url)
        staff = self.client_class()
        staff.force_login(get_user_model().objects.create_superuser("editor", "e@example.org", "pw"))
        response = staff.get(self.article.url)
        self.assertNotIn("X-Page-Cache", response)
        self.assertIn("private", response["Cache-Control"])
        posted = self.client.post(f"/en/comments/{self.article.pk}/", {"name": "A", "body": "B"})
        self.assertNotIn("X-Page-Cache", posted)
        received = self.get(self.article.url + "?comment=received")
        self.assertNotIn("X-Page-Cache", received)
        self.assertContains(received, "will appear once a moderator")

    def test_each_host_has_its_own_copy(self):
        self.get(self.article.url)
        self.assertEqual(self.get(self.article.url, HTTP_HOST="localhost")["X-Page-Cache"], "MISS")
        self.assertEqual(self.get(self.article.url)["X-Page-Cache"], "HIT")

    def test_unknown_query_strings_and_errors_are_not_stored(self):
        self.get(self.article.url + "?utm=x")
        self.assertNotIn("X-Page-Cache", self.get(self.article.url + "?utm=x"))
        self.get("/en/no-such-page/")
        self.assertNotIn("X-Page-Cache", self.get("/en/no-such-page/"))

    def test_a_render_that_began_before_a_publish_is_never_served_after_it(self):
        # The race: a reader's render reads the old content, the editor publishes, the render is stored.
        slot = page_cache.Slot(self.article.url, "", "testserver")
        self.republish(self.article, title="Book fair closes")
        slot.store(200, [("Content-Type", "text/html")], b"<h1>Book fair opens</h1>")
        response = self.get(self.article.url)
        self.assertEqual(response["X-Page-Cache"], "MISS")
        self.assertContains(response, "Book fair closes")
