from django.core.cache import cache
from django.test import TestCase

from nashr.articles.tests.factories import make_article
from nashr.caching.store import fragment, renew
from nashr.core.tests.factories import add_section, build_editions, days_ago


class FragmentTests(TestCase):
    """What many pages of an edition show is kept in the cache and renewed with the page cache."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Articles")
        cls.fa_section = add_section(homes["fa"], "Articles fa")
        cls.article = make_article(cls.section, "Harbour weather", published_at=days_ago(3))

    def test_built_once_then_kept_until_its_edition_or_the_site_is_renewed(self):
        built = []

        def build():
            built.append(1)
            return len(built)

        self.assertEqual(fragment("probe", build, "en"), 1)
        self.assertEqual(fragment("probe", build, "en"), 1)
        renew(["fa"])
        self.assertEqual(fragment("probe", build, "en"), 1)
        renew(["en"])
        self.assertEqual(fragment("probe", build, "en"), 2)
        renew(everything=True)
        self.assertEqual(fragment("probe", build, "en"), 3)

    def test_with_fragments_off_every_call_builds(self):
        from django.test import override_settings

        built = []
        with override_settings(NASHR_FRAGMENTS=False):
            for _ in range(2):
                fragment("probe-off", lambda: built.append(1), "en")
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
    """`{% cached %}` keeps a block's HTML per name, values and language, until its edition is renewed."""

    @classmethod
    def setUpTestData(cls):
        build_editions()

    def render(self, source, language="en", **context):
        from django.template import engines
        from django.utils import translation

        with translation.override(language):
            return engines["jinja2"].from_string(source).render(context)

    def test_kept_per_values_and_language_until_its_edition_or_the_site_is_renewed(self):
        block = '{% cached "probe", key, edition %}{{ text }}{% endcached %}'
        self.assertEqual(self.render(block, key=1, text="first"), "first")
        self.assertEqual(self.render(block, key=1, text="second"), "first")  # kept
        self.assertEqual(self.render(block, key=2, text="second"), "second")  # other values
        self.assertEqual(self.render(block, "fa", key=1, text="third"), "third")  # other language
        renew(["fa"])
        self.assertEqual(self.render(block, key=1, text="fourth"), "first")  # another edition's publish
        renew(["en"])
        self.assertEqual(self.render(block, key=1, text="fifth"), "fifth")

    def test_without_edition_only_renewing_the_site_renews_it(self):
        block = '{% cached "probe-site" %}{{ text }}{% endcached %}'
        self.assertEqual(self.render(block, text="first"), "first")
        renew(["en"])
        self.assertEqual(self.render(block, text="second"), "first")
        renew(everything=True)
        self.assertEqual(self.render(block, text="third"), "third")

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


class RelationsTests(TestCase):
    """What a page shows of other rows follows their changes at once, and drafts show their own."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Articles")
        cls.article = make_article(cls.section, "Snow in the hills", tags=["rain"], published_at=days_ago(2))

    def test_new_tags_show_once_published_and_their_pages_follow(self):
        from nashr.publishing.dependencies import dependent_urls

        self.assertContains(self.client.get(self.article.url), "/en/tag/rain/")
        self.article.tags.set(["snow"])
        draft = self.article.save_revision().as_object()
        self.assertEqual([t.name for t in draft.tag_list], ["snow"])  # a draft or preview: its own tags
        self.assertNotContains(self.client.get(self.article.url), "/en/tag/snow/")  # not published yet
        self.assertIn("/en/tag/snow/", dependent_urls(draft))  # its static file is written first
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


class HomeTests(TestCase):
    """The edition home follows every publish in its edition, and a preview shows its own choices."""

    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.section = add_section(cls.homes["en"], "Articles")
        cls.chosen = make_article(cls.section, "Lantern parade", published_at=days_ago(9))
        cls.newest = make_article(cls.section, "Spring regatta", published_at=days_ago(1))

    def setUp(self):
        cache.clear()  # what an earlier test kept outlives its rolled-back rows

    def test_a_new_post_in_the_edition_shows_on_the_home_at_once(self):
        self.assertNotContains(self.client.get("/en/"), "Harbour lights")
        with self.captureOnCommitCallbacks(execute=True):
            make_article(self.section, "Harbour lights", published_at=days_ago(0))
        self.assertContains(self.client.get("/en/"), "Harbour lights", count=1)  # the lead, shown once

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
