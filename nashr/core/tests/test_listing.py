import contextlib
from unittest import mock

from django.core.paginator import Paginator
from django.test import RequestFactory, TestCase
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from nashr.articles.models import ArticlePage
from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.caching import store
from nashr.core.listing import Listing, paginate
from nashr.core.models import _SECTION_LISTING, SectionPage
from nashr.core.tests.factories import ImageFactory, add_section, build_editions, days_ago
from nashr.editions.published import private_q
from nashr.home.models import _TOPIC_LISTING
from nashr.home.topics import TOPICS


@contextlib.contextmanager
def reads_watched_here():
    """The names of the reads sent ahead within it (in a request already entered)."""
    kept, keep = [], store.keep_reads
    with mock.patch.object(store, "keep_reads", lambda reads: kept.extend(reads) or keep(reads)):
        yield kept


class PreparedListingTests(TestCase):
    """A listing read by a prepared query gives, page by page, what its queryset gives."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Articles")
        subsection = add_section(cls.section, "Features")
        cls.category = CategoryFactory(name="Weather", slug="weather")
        cls.person = PersonFactory(name="Ana Kola", slug="ana-kola")
        translator = PersonFactory(name="Bo Lin", slug="bo-lin")
        image = ImageFactory()
        same_day = days_ago(4)
        for i in range(13):
            make_article(
                subsection if i % 3 else cls.section,
                f"Story {i:02}",
                published_at=same_day if i in (4, 5, 6) else days_ago(i),  # ties broken by the id
                categories=[cls.category] if i % 2 else [],
                tags=["autumn"] if i % 4 else ["rain"],
                authors=[cls.person] if i % 5 else [],
                translator=cls.person if i == 5 else translator,
                lead_image=image if i % 2 else None,
            )
        hidden = make_article(cls.section, "Hidden", categories=[cls.category], tags=["autumn"])
        PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
        make_article(cls.section, "Draft", live=False, categories=[cls.category], tags=["autumn"])
        cls.tag = Tag.objects.get(slug="autumn")

    def assert_same_pages(self, listed, queryset):
        expected = Paginator(queryset, 4)
        paginator = Paginator(listed, 4)
        self.assertEqual(paginator.count, expected.count)
        self.assertGreater(paginator.num_pages, 1)
        for number in paginator.page_range:
            posts = list(paginator.page(number))
            self.assertEqual([p.pk for p in posts], [p.pk for p in expected.page(number)])
            self.assertEqual([p.lead_image for p in posts], [p.lead_image for p in expected.page(number)])
            self.assertTrue(all(type(p) is type(expected.object_list[0]) for p in posts))

    def test_a_section_lists_every_live_public_post_below_it_as_its_queryset_does(self):
        private = private_q()
        listed = _SECTION_LISTING.posts(shape={"private": private}, path=self.section.path, depth=1)
        self.assert_same_pages(listed, self.section.posts())
        titles = [p.title for p in _SECTION_LISTING.build(path=self.section.path, depth=1, private=private)]
        self.assertNotIn("Hidden", titles)
        self.assertNotIn("Draft", titles)
        self.assertEqual(len(titles), 13)

    def test_a_sections_subsections_are_its_live_public_children_as_wagtail_finds_them(self):
        closed = add_section(self.section, "Closed")
        PageViewRestriction.objects.create(page=closed, restriction_type="password", password="x")
        add_section(self.section, "Unpublished").unpublish()
        add_section(self.section.get_children().get(slug="features"), "Deeper")
        add_section(self.section, "Archive")
        expected = SectionPage.objects.child_of(self.section).live().public()
        self.assertEqual([s.title for s in expected], ["Features", "Archive"])
        self.assertEqual([s.pk for s in self.section.subsections()], [s.pk for s in expected])
        html = self.client.get(self.section.url).content.decode()  # no menu links: the sections are listed
        listed = html[html.index('<ul class="subsections">') :]
        listed = listed[: listed.index("</ul>")]
        self.assertIn(f'href="{self.section.url}features/">Features</a>', listed)
        self.assertIn(f'href="{self.section.url}archive/">Archive</a>', listed)
        self.assertNotIn("Closed", listed)
        self.assertNotIn("Unpublished", listed)
        self.assertNotIn("Deeper", listed)

    def test_each_kind_of_topic_page_lists_as_its_queryset_does(self):
        edition = self.section.locale_id
        articles = ArticlePage.objects.for_listing().filter(locale_id=edition)
        for kind, topic in (("category", self.category), ("tag", self.tag), ("author", self.person)):
            with self.subTest(kind=kind):
                shape = {"kind": kind, "private": private_q()}
                listed = _TOPIC_LISTING.posts(shape=shape, topic=topic.pk, edition=edition)
                self.assert_same_pages(listed, TOPICS[kind].articles(topic, articles))

    def test_an_empty_listing_has_one_empty_page_and_a_step_or_open_slice_is_refused(self):
        listed = _TOPIC_LISTING.posts(
            shape={"kind": "tag", "private": private_q()}, topic=0, edition=self.section.locale_id
        )
        page = Paginator(listed, 4).get_page(1)
        self.assertEqual(list(page), [])
        self.assertEqual(page.paginator.count, 0)
        for index in (slice(0, 4, 2), slice(2, None), 3):
            with self.subTest(index=index), self.assertRaises(TypeError):
                listed[index]

    def test_a_listing_slices_its_queryset(self):
        listing = Listing(lambda edition: ArticlePage.objects.filter(locale_id=edition).order_by("title"))
        posts = listing.posts(edition=self.section.locale_id)
        self.assertEqual([p.title for p in posts[1:4]], ["Hidden", "Story 00", "Story 01"])  # after "Draft"
        self.assertEqual(len(posts), 15)

    def test_a_distinct_listing_is_refused_when_counted_not_miscounted(self):
        listing = Listing(lambda edition: ArticlePage.objects.filter(locale_id=edition).distinct())
        with self.assertRaises(ValueError):
            listing.posts(edition=self.section.locale_id).count()

    def test_the_count_and_the_page_asked_for_are_read_together_and_give_the_querysets_page(self):
        """paginate() reads a listing's count and the page asked for at once (caching/together.py); the
        last, shorter page runs its page number's query and gives what the queryset's slice gives; a page
        number past READ_AHEAD_PAGES, zero or malformed is read after the count, as Paginator settles it."""
        private = private_q()
        expected = Paginator(self.section.posts(), 4)  # 13 posts: pages of 4, 4, 4 and 1
        factory = RequestFactory()
        cases = [("", 1, 2), ("2", 2, 2), ("4", 4, 2), ("9", 4, 2), ("0", 4, 1), ("x", 1, 1), ("51", 4, 1)]
        for number, shown, ahead in cases:
            with self.subTest(page=number), store.request_generations():
                listed = _SECTION_LISTING.posts(shape={"private": private}, path=self.section.path, depth=1)
                with reads_watched_here() as kept:
                    page = paginate(factory.get("/", {"page": number} if number else {}), listed, per_page=4)
                    posts = [p.pk for p in page]
                self.assertEqual(page.number, shown)
                self.assertEqual(posts, [p.pk for p in expected.page(shown)])
                self.assertEqual(len(kept), ahead)
                if number in ("", "2", "4"):
                    self.assertEqual(store.reads_left(), [])  # both taken
