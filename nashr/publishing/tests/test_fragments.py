from django.core.cache import cache
from django.test import TestCase

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions, days_ago
from nashr.publishing.cache import fragment, purge, purge_all


class FragmentTests(TestCase):
    """What every page of an edition shows is kept in the cache and dropped with the page cache's purges."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Articles")
        cls.fa_section = add_section(homes["fa"], "Articles fa")
        cls.article = make_article(cls.section, "Harbour weather", published_at=days_ago(3))

    def test_built_once_then_kept_until_its_path_or_the_site_is_purged(self):
        built = []

        def build():
            built.append(1)
            return len(built)

        self.assertEqual(fragment("probe", ["/en/"], build), 1)
        self.assertEqual(fragment("probe", ["/en/"], build), 1)
        purge(["/fa/"])
        self.assertEqual(fragment("probe", ["/en/"], build), 1)
        purge(["/en/"])
        self.assertEqual(fragment("probe", ["/en/"], build), 2)
        purge_all()
        self.assertEqual(fragment("probe", ["/en/"], build), 3)

    def test_with_fragments_off_every_call_builds(self):
        from django.test import override_settings

        built = []
        with override_settings(NASHR_FRAGMENTS=False):
            for _ in range(2):
                fragment("probe-off", ["/en/"], lambda: built.append(1))
        self.assertEqual(len(built), 2)

    def test_a_published_post_shows_at_once_in_its_editions_recent_posts(self):
        self.assertNotContains(self.client.get(self.article.url), "Book fair opens")
        with self.captureOnCommitCallbacks(execute=True):
            make_article(self.section, "Book fair opens", published_at=days_ago(1))
        self.assertContains(self.client.get(self.article.url), "Book fair opens")

    def test_an_unpublished_post_leaves_the_recent_posts_at_once(self):
        with self.captureOnCommitCallbacks(execute=True):
            other = make_article(self.section, "Stadium reopens", published_at=days_ago(1))
        self.assertContains(self.client.get(self.article.url), "Stadium reopens")
        with self.captureOnCommitCallbacks(execute=True):
            other.unpublish()
        self.assertNotContains(self.client.get(self.article.url), "Stadium reopens")

    def test_a_post_in_another_edition_leaves_this_editions_list_alone(self):
        self.client.get(self.article.url)
        with self.captureOnCommitCallbacks(execute=True):
            make_article(self.fa_section, "Rain in the north", published_at=days_ago(1))
        self.assertNotContains(self.client.get(self.article.url), "Rain in the north")

    def test_newer_and_older_links_follow_a_publish_in_the_section(self):
        newer = '<a class="post-nav__newer"'
        self.assertNotContains(self.client.get(self.article.url), newer)
        with self.captureOnCommitCallbacks(execute=True):
            later = make_article(self.section, "Harbour festival", published_at=days_ago(1))
        response = self.client.get(self.article.url)
        self.assertContains(response, f'{newer} rel="prev" href="{later.url}"')
        later.title = "Harbour festival, second day"
        with self.captureOnCommitCallbacks(execute=True):
            later.save_revision().publish()
        self.assertContains(self.client.get(self.article.url), "Harbour festival, second day")

    def test_related_posts_follow_a_publish_in_the_edition(self):
        article = make_article(self.section, "Old harbour", tags=["harbour"], published_at=days_ago(9))
        self.assertNotContains(self.client.get(article.url), "New harbour crane")
        with self.captureOnCommitCallbacks(execute=True):
            make_article(self.section, "New harbour crane", tags=["harbour"], published_at=days_ago(8))
        html = self.client.get(article.url).content.decode()
        related = html[html.index('aria-labelledby="related-heading"') :]
        self.assertIn("New harbour crane", related[: related.index("</section>")])


class CachedTagTests(TestCase):
    """`{% cached %}` keeps a block's HTML per name, values and language, until the purges it follows."""

    @classmethod
    def setUpTestData(cls):
        build_editions()

    def render(self, source, language="en", **context):
        from django.template import Context, Template
        from django.utils import translation

        with translation.override(language):
            return Template("{% load publishing_tags %}" + source).render(Context(context))

    def test_kept_per_values_and_language_until_its_edition_or_the_site_is_purged(self):
        block = '{% cached "probe" key edition %}{{ text }}{% endcached %}'
        self.assertEqual(self.render(block, key=1, text="first"), "first")
        self.assertEqual(self.render(block, key=1, text="second"), "first")  # kept
        self.assertEqual(self.render(block, key=2, text="second"), "second")  # other values
        self.assertEqual(self.render(block, "fa", key=1, text="third"), "third")  # other language
        purge(["/fa/"])
        self.assertEqual(self.render(block, key=1, text="fourth"), "first")  # another edition's publish
        purge(["/en/"])
        self.assertEqual(self.render(block, key=1, text="fifth"), "fifth")

    def test_without_edition_only_a_site_purge_renews_it(self):
        block = '{% cached "probe-site" %}{{ text }}{% endcached %}'
        self.assertEqual(self.render(block, text="first"), "first")
        purge(["/en/"])
        self.assertEqual(self.render(block, text="second"), "first")
        purge_all()
        self.assertEqual(self.render(block, text="third"), "third")

    def test_kept_renders_afresh_for_a_page_without_an_address(self):
        from django.test import RequestFactory

        from nashr.articles.models import ArticlePage

        page = ArticlePage(title="Not in the tree yet")  # as in a preview of a page not yet placed
        block = '{% kept "probe" %}{{ text }}{% endkept %}'
        request = RequestFactory().get("/en/")
        for text in ["first", "second"]:
            self.assertEqual(self.render(block, page=page, request=request, text=text), text)

    def test_a_picture_follows_its_images_file(self):
        from nashr.core.tests.factories import ImageFactory

        image, other = ImageFactory(), ImageFactory()
        first = self.render('{% include "components/picture.html" %}', image=image)
        old = [r.url for r in image.renditions.all()]
        image.file, image.file_hash = other.file, other.file_hash  # an editor replaced the file:
        image.save()
        image.renditions.all().delete()  # as Wagtail's image edit view does
        second = self.render('{% include "components/picture.html" %}', image=image)
        self.assertEqual(len(old), 6)
        for url in old:
            self.assertIn(url, first)
            self.assertNotIn(url, second)


class KeptRelationsTests(TestCase):
    """What a served page shows of other rows is kept under its URL, never for drafts or for publishing."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Articles")
        cls.article = make_article(cls.section, "Snow in the hills", tags=["rain"], published_at=days_ago(2))

    def test_new_tags_show_once_published_and_their_pages_are_purged(self):
        from nashr.core.dependencies import dependent_urls

        self.assertContains(self.client.get(self.article.url), "/en/tag/rain/")  # now kept under its URL
        self.article.tags.set(["snow"])
        draft = self.article.save_revision().as_object()
        self.assertEqual([t.name for t in draft.tag_list], ["snow"])  # a draft or preview: its own tags
        self.assertNotContains(self.client.get(self.article.url), "/en/tag/snow/")  # not published yet
        self.assertIn("/en/tag/snow/", dependent_urls(draft))  # publishing purges the new tag's page
        with self.captureOnCommitCallbacks(execute=True):
            self.article.get_latest_revision().publish()
        response = self.client.get(self.article.url)
        self.assertContains(response, "/en/tag/snow/")
        self.assertNotContains(response, "/en/tag/rain/")

    def test_an_approved_comment_shows_at_once(self):
        from nashr.comments.models import Comment

        self.assertNotContains(self.client.get(self.article.url), "Lovely hills")
        with self.captureOnCommitCallbacks(execute=True):
            comment = Comment.objects.create(page=self.article, name="Ana", body="Lovely hills")
        self.assertNotContains(self.client.get(self.article.url), "Lovely hills")  # held for moderation
        with self.captureOnCommitCallbacks(execute=True):
            comment.status = Comment.Status.APPROVED
            comment.save()
        self.assertContains(self.client.get(self.article.url), "Lovely hills")

    def test_a_listing_card_follows_its_posts_publish(self):
        self.assertContains(self.client.get(self.section.url), "Snow in the hills")  # its card is kept
        self.article.title = "Snow on the peaks"
        with self.captureOnCommitCallbacks(execute=True):
            self.article.save_revision().publish()
        response = self.client.get(self.section.url)
        self.assertContains(response, "Snow on the peaks")
        self.assertNotContains(response, "Snow in the hills")


class KeptPageTests(TestCase):
    """`{% kept %}`: what a served article shows of itself is rendered once per publish of it."""

    @classmethod
    def setUpTestData(cls):
        from nashr.articles.tests.factories import CategoryFactory, PersonFactory

        homes = build_editions()
        cls.fa_home = homes["fa"]
        cls.section = add_section(homes["en"], "Articles")
        cls.author = PersonFactory(slug="lina", name="Lina Berg")
        cls.category = CategoryFactory(slug="weather", name="Weather")
        cls.article = make_article(
            cls.section,
            "Fog over the bay",
            summary="Ferries wait for the fog to lift.",
            categories=[cls.category],
            authors=[cls.author],
            published_at=days_ago(2),
        )

    def setUp(self):
        cache.clear()  # what an earlier test kept outlives its rolled-back rows

    def test_kept_while_the_page_is_unchanged_and_renewed_by_its_publish_without_a_purge(self):
        from nashr.articles.models import ArticlePage

        self.assertContains(self.client.get(self.article.url), "Ferries wait for the fog to lift.")
        # A row changed behind Wagtail's back (no publish, no purge): the kept pieces stay as they were.
        ArticlePage.objects.filter(pk=self.article.pk).update(summary="Changed in place.")
        self.assertNotContains(self.client.get(self.article.url), "Changed in place.")
        # Publishing makes a new key (Wagtail's cache_key: its last publish), so no purge is needed:
        # the publish's purges are not run here (no on_commit callbacks execute in this test).
        page = ArticlePage.objects.get(pk=self.article.pk)
        page.summary = "The fog lifted at noon."
        page.title = "Fog lifts over the bay"
        page.save_revision().publish()
        response = self.client.get(self.article.url)
        self.assertContains(response, "The fog lifted at noon.")
        self.assertContains(response, "<title>Fog lifts over the bay")
        self.assertContains(response, '"headline": "Fog lifts over the bay"')  # the head's JSON-LD too
        self.assertNotContains(response, "Ferries wait for the fog to lift.")

    def test_an_article_with_a_persian_address_is_kept_too(self):
        from nashr.articles.models import ArticlePage

        fa_section = add_section(self.fa_home, "مقاله‌ها")
        article = make_article(fa_section, "مه روی خلیج", summary="کشتی‌ها منتظرند.", published_at=days_ago(1))
        self.assertIn("%", article.url)  # Wagtail writes the address percent-encoded
        self.assertContains(self.client.get(article.url), "کشتی‌ها منتظرند.")
        ArticlePage.objects.filter(pk=article.pk).update(summary="در جا عوض شد.")
        self.assertNotContains(self.client.get(article.url), "در جا عوض شد.")  # kept, as in English

    def test_a_preview_of_a_draft_shows_the_draft_not_the_kept_page(self):
        self.client.get(self.article.url)
        self.article.summary = "Draft: the fog may return tonight."
        draft = self.article.save_revision().as_object()
        self.assertContains(draft.make_preview_request(), "Draft: the fog may return tonight.")
        self.assertNotContains(self.client.get(self.article.url), "Draft: the fog may return tonight.")

    def test_a_renamed_author_and_category_show_at_once(self):
        self.assertContains(self.client.get(self.article.url), "Lina Berg")
        with self.captureOnCommitCallbacks(execute=True):
            self.author.name = "Lina Berg-Holm"
            self.author.save()
            self.category.name = "Weather and climate"
            self.category.save()
        response = self.client.get(self.article.url)
        self.assertContains(response, "Lina Berg-Holm")
        self.assertContains(response, "Weather and climate")

    def test_the_comment_count_in_the_byline_follows_an_approved_comment(self):
        from nashr.comments.models import Comment

        self.assertContains(self.client.get(self.article.url), "0 comments", count=2)  # byline and heading
        with self.captureOnCommitCallbacks(execute=True):
            Comment.objects.create(
                page=self.article, name="Ana", body="Foggy", status=Comment.Status.APPROVED
            )
        self.assertContains(self.client.get(self.article.url), "1 comment<", count=2)

    def test_a_renamed_section_shows_in_the_breadcrumbs_at_once(self):
        self.assertContains(self.client.get(self.article.url), '"name": "Articles"')
        self.section.title = "Stories"
        with self.captureOnCommitCallbacks(execute=True):
            self.section.save_revision().publish()
        self.assertContains(self.client.get(self.article.url), '"name": "Stories"')

    def test_an_edition_homes_tag_pages_do_not_share_the_homes_editions_menu(self):
        from wagtail.models import Locale

        fa_category = self.category.copy_for_translation(Locale.objects.get(language_code="fa"))
        fa_category.slug = "hava"
        fa_category.save()
        home = self.section.get_parent()
        self.assertNotContains(self.client.get(home.url), "/fa/category/hava/")
        response = self.client.get(f"{home.url}category/weather/")
        self.assertContains(response, "/fa/category/hava/")


class HomeFragmentsTests(TestCase):
    """The edition home's featured piece and newest posts per section are kept until the edition changes."""

    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.section = add_section(cls.homes["en"], "Articles")
        cls.chosen = make_article(cls.section, "Lantern parade", published_at=days_ago(9))
        cls.newest = make_article(cls.section, "Spring regatta", published_at=days_ago(1))

    def setUp(self):
        cache.clear()  # what an earlier test kept outlives its rolled-back rows

    def test_once_kept_the_home_reads_no_post(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        first = self.client.get("/en/")
        with CaptureQueriesContext(connection) as queries:
            second = self.client.get("/en/")
        self.assertEqual(second.content, first.content)
        self.assertEqual([q["sql"] for q in queries if "core_postpage" in q["sql"]], [])

    def test_a_new_post_in_the_edition_shows_on_the_home_at_once(self):
        self.assertNotContains(self.client.get("/en/"), "Harbour lights")
        with self.captureOnCommitCallbacks(execute=True):
            make_article(self.section, "Harbour lights", published_at=days_ago(0))
        self.assertContains(self.client.get("/en/"), "Harbour lights", count=2)  # featured, and recent posts

    def test_a_preview_of_the_home_shows_its_own_featured_piece(self):
        home = self.homes["en"]
        self.assertContains(
            self.client.get("/en/"), '<h2 class="featured__title"><a href="/en/articles/spring-regatta/">'
        )
        home.featured = self.chosen
        draft = home.save_revision().as_object()
        self.assertContains(
            draft.make_preview_request(),
            '<h2 class="featured__title"><a href="/en/articles/lantern-parade/">',
        )
