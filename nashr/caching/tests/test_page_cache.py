from unittest import mock

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import SimpleTestCase, TestCase, override_settings

from nashr.articles.tests.factories import make_article
from nashr.caching import store
from nashr.caching.middleware import Entry
from nashr.comments.models import Comment
from nashr.core.tests.factories import add_section, days_ago, publish
from nashr.navigation.models import Navigation
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

    def test_publishing_renews_its_edition_and_nothing_else(self):
        shown_on = [
            self.article.url,
            "/en/",
            "/en/articles/",
            "/en/articles/?page=2",
            "/en/category/culture/",
            "/en/tag/books/",
            "/en/author/ana/",
            "/en/rss.xml",
            self.other.url,  # its recent posts list the article
        ]
        elsewhere = ["/fa/", "/ar/"]
        for url in shown_on + elsewhere:
            self.assertEqual(self.get(url)["X-Page-Cache"], "MISS", url)
        self.republish(self.article, title="Book fair opens its doors")
        for url in shown_on:
            response = self.get(url)
            self.assertEqual(response["X-Page-Cache"], "MISS", url)
            if "page=2" not in url:  # the second page lists older posts
                self.assertContains(response, "its doors", msg_prefix=url)
        for url in elsewhere:
            self.assertEqual(self.get(url)["X-Page-Cache"], "HIT", url)

    def test_feeds_are_kept_like_pages(self):
        first, second = self.get("/en/rss.xml"), self.get("/en/rss.xml")
        self.assertEqual((first["X-Page-Cache"], second["X-Page-Cache"]), ("MISS", "HIT"))
        self.assertEqual(first.content, second.content)
        self.assertIn(b"Book fair opens", second.content)
        self.assertTrue(second["Content-Type"].startswith("application/rss+xml"))

    def test_a_published_translation_renews_the_editions_menu_of_its_source(self):
        from nashr.core.tests.factories import translate

        self.assertEqual(self.get(self.article.url)["X-Page-Cache"], "MISS")
        translate(self.section, "fa", title="مقاله‌ها")
        with self.captureOnCommitCallbacks(execute=True):
            fa = translate(self.article, "fa", title="نمایشگاه کتاب", slug="book-fair-fa")
        response = self.get(self.article.url)
        self.assertEqual(response["X-Page-Cache"], "MISS")
        self.assertContains(response, f'?next={fa.url}"')  # the editions menu links the translation

    def test_unpublishing_and_deleting_take_pages_out(self):
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

    def test_moving_renews_old_and_new_places(self):
        self.get("/en/articles/")
        self.get("/en/media/")
        with self.captureOnCommitCallbacks(execute=True):
            self.article.move(self.other_section, pos="last-child")
        self.assertNotContains(self.get("/en/articles/"), "Book fair opens")
        self.assertContains(self.get("/en/media/"), "Book fair opens")

    def test_approving_a_comment_renews_its_article(self):
        self.get(self.article.url)
        with self.captureOnCommitCallbacks(execute=True):
            comment = Comment.objects.create(page=self.article, name="Ola", body="Lovely fair")
        self.assertNotContains(self.get(self.article.url), "Lovely fair")
        comment.status = Comment.Status.APPROVED
        with self.captureOnCommitCallbacks(execute=True):
            comment.save()
        self.assertContains(self.get(self.article.url), "Lovely fair")

    def test_changing_the_menus_renews_every_page_of_the_edition(self):
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

    def test_tracking_parameters_neither_bypass_nor_split_the_cache(self):
        self.assertEqual(self.get("/en/articles/?page=2")["X-Page-Cache"], "MISS")
        response = self.get("/en/articles/?page=2&utm_source=letter&fbclid=abc")
        self.assertEqual(response["X-Page-Cache"], "HIT")
        tagged = self.get("/en/articles/?utm_campaign=spring&page=2")
        self.assertEqual(tagged["X-Page-Cache"], "HIT")
        fresh = self.get("/en/articles/?made-up=1")
        self.assertEqual(fresh["X-Page-Cache"], "MISS")
        self.assertNotContains(fresh, "made-up")  # the page never saw it: its page links do not carry it
        self.assertEqual(self.get("/en/articles/")["X-Page-Cache"], "HIT")
        self.assertEqual(self.get("/en/articles/?page=1")["X-Page-Cache"], "HIT")

    def test_page_numbers_a_listing_does_not_have_are_answered_but_never_kept(self):
        for query in ["?page=99", "?page=999999", "?page=abc", "?page=0", "?page=-1"]:
            for _ in range(2):
                response = self.get("/en/articles/" + query)
                self.assertEqual(response.status_code, 200, query)
                self.assertNotEqual(response.get("X-Page-Cache"), "HIT", query)
        for _ in range(2):  # a page that is not a listing has no page 7 either
            self.assertNotEqual(self.get(self.article.url + "?page=7").get("X-Page-Cache"), "HIT")

    def test_errors_are_not_stored(self):
        self.get("/en/no-such-page/")
        self.assertNotEqual(self.get("/en/no-such-page/").get("X-Page-Cache"), "HIT")

    def test_a_page_made_private_leaves_the_cache_and_its_listings(self):
        from wagtail.models import PageViewRestriction

        for url in [self.article.url, "/en/articles/", "/en/rss.xml"]:
            self.get(url)
        with self.captureOnCommitCallbacks(execute=True):
            PageViewRestriction.objects.create(
                page=self.article, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-words"
            )
        response = self.get(self.article.url)
        self.assertNotContains(response, "post__title", status_code=200)
        self.assertContains(response, 'type="password"')
        self.assertNotEqual(self.get(self.article.url).get("X-Page-Cache"), "HIT")
        self.assertNotContains(self.get("/en/articles/"), "Book fair opens")
        self.assertNotContains(self.get("/en/rss.xml"), "Book fair opens")

    def test_a_render_that_began_before_a_publish_is_never_served_after_it(self):
        # The race: a reader's render reads the old content, the editor publishes, the render is stored.
        slot = store.Slot(self.article.url, "", "testserver")
        self.republish(self.article, title="Book fair closes")
        old = b"<h1>Book fair opens</h1>"
        slot.put(Entry(200, [("Content-Type", "text/html")], old, '"x"', "", slot.path, "", "testserver"))
        response = self.get(self.article.url)
        self.assertEqual(response["X-Page-Cache"], "MISS")
        self.assertContains(response, "Book fair closes")


class TimingOut:
    """The cache as the embedded one is while a writer holds it past DATABASE_TIMEOUT: a read of a
    generation counts as a miss (diskcache answers the default); everything else works."""

    def __init__(self, cache):
        self.cache = cache

    def __getattr__(self, name):
        return getattr(self.cache, name)

    def get(self, key, default=None):
        return default if ":gen:" in key else self.cache.get(key, default)

    def get_many(self, keys):
        return {key: value for key, value in self.cache.get_many(keys).items() if ":gen:" not in key}


class UnreadableGenerationTests(SimpleTestCase):
    def setUp(self):
        cache.clear()
        patcher = mock.patch.object(store, "_cache", return_value=TimingOut(cache))
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_a_page_kept_while_its_generation_was_unreadable_is_never_served_again(self):
        store.Slot("/en/", "").put(Entry(200, [], b"before", '"e"', "", "/en/", "", ""))
        store.renew(["en"])
        self.assertIsNone(store.Slot("/en/", "").get())

    def test_a_fragment_kept_while_its_generation_was_unreadable_is_built_again(self):
        self.assertEqual(store.fragment("recent:en", lambda: "before", edition="en"), "before")
        store.renew(["en"])
        self.assertEqual(store.fragment("recent:en", lambda: "after", edition="en"), "after")
