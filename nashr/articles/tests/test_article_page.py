import re
from urllib.parse import quote, unquote_plus

from django.test import TestCase
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from nashr.articles import listings, relations
from nashr.articles.models import ArticlePage, ArticleTag
from nashr.articles.tests.factories import CategoryFactory, PersonFactory, articles_in_editions, make_article
from nashr.caching.tests.reads import reads_watched
from nashr.comments.models import Comment
from nashr.core.posts import NEIGHBOURS, PostLink
from nashr.core.tests.factories import (
    ImageFactory,
    add_section,
    build_editions,
    days_ago,
    translate,
)
from nashr.editions.published import _SITES, _VIEW_RESTRICTIONS
from nashr.editions.switcher import _TRANSLATIONS
from nashr.images.renditions import _RENDITION_ROWS


class ArticlePageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        articles_in_editions(cls)
        cls.author = PersonFactory(name="Mina Sadeghi", slug="mina-sadeghi")
        cls.translator = PersonFactory(name="Leo Brandt", slug="leo-brandt")
        cls.image = ImageFactory(default_caption="A default caption")
        cls.older = make_article(
            cls.section, "Rain returns", published_at=days_ago(3), categories=[cls.culture]
        )
        cls.article = make_article(
            cls.section,
            "Book fair opens",
            published_at=days_ago(2),
            categories=[cls.culture],
            tags=["books"],
            authors=[cls.author],
            lead_image=cls.image,
            lead_caption="Visitors at the fair",
            summary="The fair opened its doors.",
            body=[
                ("paragraph", "<p>Stalls filled the hall.</p>"),
                ("quote", {"text": "Reading is a conversation.", "attribution": "A publisher"}),
                ("image", {"image": cls.image, "caption": "An inline picture", "alt_text": ""}),
                (
                    "embed",
                    {
                        "url": "https://video.example.org/v/1",
                        "title": "Opening",
                        "provider": "PeerTube",
                        "thumbnail": cls.image,
                    },
                ),
                (
                    "gallery",
                    {"images": [{"image": cls.image, "caption": "In the gallery", "alt_text": ""}]},
                ),
            ],
            original_publication="The Riverton Courier",
            original_title="Die Buchmesse öffnet",
            original_url="https://courier.example.org/fair",
            original_language="de",
            original_published_at=days_ago(5).date(),
            translator=cls.translator,
        )
        cls.newer = make_article(cls.section, "Cup final", published_at=days_ago(1), tags=["books"])
        cls.fa_article = translate(cls.article, "fa", title="نمایشگاه کتاب گشایش یافت", slug="book-fair-fa")
        Comment.objects.create(
            page=cls.article, name="Reader", body="Lovely.", status=Comment.Status.APPROVED
        )
        Comment.objects.create(page=cls.article, name="Spammer", body="Buy now", status=Comment.Status.SPAM)

    def get(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return response

    def test_is_served_at_its_edition_url(self):
        self.assertEqual(self.article.url, "/en/articles/book-fair-opens/")
        self.assertPageIsRenderable(self.article)

    def test_shows_the_anatomy_of_an_article(self):
        response = self.get(self.article)
        # the article, the two cards of "You may also like", and its approved comment
        self.assertContains(response, "<article", count=4)
        self.assertContains(response, '<h1 class="post__title">Book fair opens</h1>', html=False)
        self.assertContains(response, 'href="/en/category/culture/"')
        self.assertContains(response, "Visitors at the fair")
        self.assertContains(response, "Photo: Test")
        self.assertContains(response, "Stalls filled the hall.")
        self.assertContains(response, "Reading is a conversation.")
        self.assertContains(response, "An inline picture")
        self.assertContains(response, 'href="https://video.example.org/v/1"')
        self.assertContains(response, "In the gallery")
        self.assertContains(response, 'href="/en/author/mina-sadeghi/"')
        self.assertContains(response, "<time", html=False)
        self.assertContains(response, 'datetime="')

    def test_its_own_reads_are_sent_together_and_each_is_used(self):
        """The site and the view restrictions are read together before routing; then its comments,
        relations, "you may also like", neighbours, translations and its picture's renditions, before it is
        rendered (caching/together.py); every one is taken by the code that reads it: none is read twice,
        none is left unused."""
        expected = [
            _SITES,  # before routing
            _VIEW_RESTRICTIONS,
            _TRANSLATIONS,
            NEIGHBOURS,
            _RENDITION_ROWS,  # the lead picture's (its link preview's too: read on every render)
            relations._CATEGORIES,
            relations._TAGS,
            relations._AUTHOR_LINKS,
            listings.RELATED_TO_SAVED,
            listings.APPROVED_COMMENTS,
        ]
        for render in ("from nothing", "with the fragments of the first render"):
            with reads_watched() as (ahead, left):
                self.get(self.article)
            self.assertEqual([name[0] for name in ahead], expected, render)
            self.assertEqual(left, [], render)

    def test_provenance_names_publication_date_language_and_translator(self):
        response = self.get(self.article)
        self.assertContains(response, "The Riverton Courier")
        self.assertContains(response, 'href="https://courier.example.org/fair"')
        self.assertContains(response, "Translated from German by")
        self.assertContains(response, 'href="/en/author/leo-brandt/"')

    def test_counts_only_approved_comments(self):
        response = self.get(self.article)
        self.assertContains(response, "1 comment")
        self.assertContains(response, "Lovely.")
        self.assertNotContains(response, "Buy now")

    def test_share_links_are_plain_urls_for_every_network(self):
        response = self.get(self.article)
        for prefix in [
            "https://www.facebook.com/sharer/sharer.php?u=",
            "https://x.com/intent/post?url=",
            "https://bsky.app/intent/compose?text=",
            "https://wa.me/?text=",
            "mailto:?subject=",
        ]:
            self.assertContains(response, prefix)
        # No script runs: the only script element is the page's JSON-LD data block.
        self.assertNotRegex(response.content.decode(), r'<script(?! type="application/ld\+json">)')

    def test_share_links_carry_the_pages_own_address_in_each_edition(self):
        for page in [self.article, self.fa_article]:
            with self.subTest(page=page.slug):
                html = self.get(page).content.decode()
                full_url = page.get_full_url()  # Wagtail's, for the site the page is under
                self.assertTrue(full_url.startswith("http"), full_url)
                self.assertIn(f'<link rel="canonical" href="{full_url}"', html)
                shared = re.search(r'href="https://www\.facebook\.com/sharer/sharer\.php\?u=([^"]+)"', html)
                self.assertEqual(unquote_plus(shared[1]), full_url)

    def test_share_links_leave_out_closed_services(self):
        response = self.get(self.article)
        self.assertNotContains(response, "skype.com")
        self.assertNotContains(response, "pinterest.com")

    def test_farsi_readers_see_telegram_then_whatsapp_first(self):
        html = self.get(self.fa_article).content.decode()
        networks = re.findall(r'class="share__link share__link--(\w+)"', html)
        self.assertEqual(networks[:2], ["telegram", "whatsapp"])
        self.assertEqual(len(networks), 5)

    def test_newer_and_older_links_stay_in_the_section(self):
        self.assertEqual(self.article.newer().pk, self.newer.pk)
        self.assertEqual(self.article.older().pk, self.older.pk)
        self.assertIsNone(self.newer.newer())
        response = self.get(self.article)
        self.assertContains(response, f'href="{self.newer.url}"')
        self.assertContains(response, f'href="{self.older.url}"')

    def test_posts_of_the_same_moment_are_ordered_by_id_both_ways(self):
        moment = days_ago(20)
        first, second, third = (
            make_article(self.fa_section, f"هم‌زمان {n}", slug=f"same-moment-{n}", published_at=moment)
            for n in range(3)
        )
        self.assertEqual((second.newer().pk, second.older().pk), (third.pk, first.pk))
        self.assertEqual(first.newer().pk, second.pk)
        self.assertEqual(third.older().pk, second.pk)
        self.assertNotIn(first.older() and first.older().pk, (second.pk, third.pk))

    def test_newer_and_older_are_links_read_without_building_their_pages(self):
        rain = make_article(self.fa_section, "باران", slug="باران", published_at=days_ago(1))
        newer = self.fa_article.newer()
        self.assertIsInstance(newer, PostLink)  # plain values: title, date and the URL Wagtail makes
        self.assertEqual((newer.pk, newer.title, newer.url), (rain.pk, "باران", rain.url))
        self.assertEqual(newer.url, "/fa/articles/" + quote("باران") + "/")
        self.assertEqual(self.fa_article.neighbours, {"newer": newer, "older": None})

    def test_farsi_translation_renders_right_to_left(self):
        response = self.get(self.fa_article)
        self.assertContains(response, '<html lang="fa" dir="rtl">')

    def test_farsi_edition_writes_dates_and_counts_in_persian_digits(self):
        html = self.get(self.fa_article).content.decode()
        dates = re.findall(r'<time class="byline__date" datetime="([^"]+)">([^<]+)</time>', html)
        self.assertEqual(len(dates), 1)
        self.assertRegex(dates[0][1], "[۰-۹]{4}")
        self.assertNotRegex(dates[0][1], "[0-9]")
        self.assertRegex(html, 'href="#comments">۰ ')
        english = self.get(self.article).content.decode()
        self.assertRegex(english, r'<time class="byline__date" datetime="[^"]+">[^<]*[0-9]{4}</time>')

    def test_editions_menu_links_the_translation_else_the_edition_home(self):
        response = self.get(self.article)
        self.assertContains(response, f'href="/edition/fa/?next={quote(self.fa_article.url)}" lang="fa"')
        self.assertContains(response, 'href="/edition/ar/?next=/ar/" lang="ar"')
        self.assertContains(response, 'href="/edition/sq/?next=/sq/" lang="sq"')

    def test_lead_image_is_responsive_and_sized(self):
        response = self.get(self.article)
        self.assertContains(response, 'type="image/webp"')
        self.assertContains(response, "srcset=")
        self.assertContains(response, 'width="')
        self.assertContains(response, 'height="')
        self.assertContains(response, 'loading="lazy"')


class RelatedPostsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = add_section(homes["en"], "Articles")
        fa_section = translate(section, "fa", title="مقاله‌ها")
        cls.sport = CategoryFactory(name="Sport", slug="sport")
        cls.music = CategoryFactory(name="Music", slug="music")
        cls.page = make_article(section, "Main", categories=[cls.sport], tags=["river"])
        cls.same_category = [
            make_article(section, f"Sport {i}", categories=[cls.sport], published_at=days_ago(i))
            for i in range(1, 5)
        ]
        cls.shared_tag = make_article(
            section, "Tagged", categories=[cls.music], tags=["river"], published_at=days_ago(10)
        )
        cls.unrelated = make_article(section, "Unrelated", categories=[cls.music], published_at=days_ago(0))
        cls.draft = make_article(section, "Draft", categories=[cls.sport], live=False)
        fa_sport = CategoryFactory(name="ورزش", slug="sport", locale=Locale.objects.get(language_code="fa"))
        cls.other_edition = make_article(fa_section, "ورزش", categories=[fa_sport], locale=fa_sport.locale)

    def test_you_may_also_like_is_newest_four_by_category_or_tag_never_itself(self):
        related = list(self.page.related())
        self.assertEqual([p.pk for p in related], [p.pk for p in self.same_category])
        self.assertNotIn(self.page.pk, [p.pk for p in related])

    def test_shared_tag_counts_when_room_remains(self):
        related = [p.pk for p in self.page.related(limit=10)]
        self.assertIn(self.shared_tag.pk, related)
        self.assertNotIn(self.unrelated.pk, related)
        self.assertNotIn(self.draft.pk, related)
        self.assertNotIn(self.other_edition.pk, related)
        self.assertEqual(len(related), len(set(related)))

    def test_no_category_and_no_tag_means_nothing_related(self):
        self.page.categories.set([])
        self.page.tags.set([])
        self.assertEqual(list(self.page.related()), [])  # held in memory
        ArticlePage.categories.through.objects.filter(articlepage=self.page).delete()
        ArticleTag.objects.filter(content_object_id=self.page.pk).delete()
        self.assertEqual(list(ArticlePage.objects.get(pk=self.page.pk).related()), [])  # saved

    def test_a_saved_article_finds_the_same_posts_as_its_categories_and_tags_in_memory(self):
        """A page read from the database finds its related posts by its saved categories and tags inside the
        query (so it can be read ahead); a page holding them in memory (a preview) by their ids."""
        for page in [self.page, *self.same_category, self.shared_tag, self.unrelated, self.other_edition]:
            saved = ArticlePage.objects.get(pk=page.pk)
            self.assertFalse(relations.in_memory(saved))
            in_memory = ArticlePage.objects.get(pk=page.pk)
            in_memory.categories = list(saved.categories.all())  # held in memory, as a preview holds them
            in_memory.tags.set(list(saved.tags.all()))
            self.assertTrue(relations.in_memory(in_memory))
            for limit in (1, 4, 10):
                found = [p.pk for p in saved.related(limit=limit)]
                self.assertEqual(found, [p.pk for p in in_memory.related(limit=limit)], page.title)
        related = ArticlePage.objects.get(pk=self.shared_tag.pk).related(limit=10)
        self.assertEqual({p.pk for p in related}, {self.page.pk, self.unrelated.pk})  # the tag, the category


class LocalizeReferencesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Articles")
        cls.fa_section = translate(cls.section, "fa", title="مقاله‌ها")
        cls.fa = Locale.objects.get(language_code="fa")

    def test_people_and_categories_of_another_edition_are_swapped_for_this_editions_own(self):
        category = CategoryFactory(name="Weather", slug="weather")
        author = PersonFactory(name="Ana Kola", slug="ana")
        fa_author = author.copy_for_translation(self.fa)
        fa_author.name = "آنا کولا"
        fa_author.save()
        article = make_article(
            self.fa_section, "باران", locale=self.fa, categories=[category], authors=[author]
        )
        article.save_revision().publish()
        article = ArticlePage.objects.get(pk=article.pk)
        self.assertEqual([p.name for p in article.authors], ["آنا کولا"])
        fa_category = article.categories.get()
        self.assertEqual(
            (fa_category.locale, fa_category.translation_key), (self.fa, category.translation_key)
        )
        self.assertEqual(fa_category.name, "Weather")  # copied for a translator to rename
        self.assertTrue(self.client.get(article.url).content.decode().count('href="/fa/category/weather/"'))
