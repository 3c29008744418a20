from django.test import RequestFactory, TestCase
from django.utils import translation

from nashr.core.tests.factories import ImageFactory, add_page, add_section, build_editions
from nashr.multimedia.models import GalleryPage, ImagePostPage, VideoPage
from nashr.publications.models import BookPage, PeriodicalIssuePage


class EveryPostShowsWhereItSitsTests(TestCase):
    """Not only articles: every kind of post shows Home › Section (› Sub-section) above its title."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        media = add_section(homes["fa"], "Media", slug="media")
        pictures = add_section(media, "Pictures", slug="pictures")
        publications = add_section(homes["fa"], "Publications", slug="publications")
        image = ImageFactory()
        cls.posts = [
            add_page(pictures, GalleryPage(title="Gallery", slug="gallery")),
            add_page(
                media, VideoPage(title="Video", slug="video", external_url="https://tube.example.org/w/abc")
            ),
            add_page(pictures, ImagePostPage(title="Cartoon", slug="cartoon", lead_image=image)),
            add_page(publications, BookPage(title="Book", slug="book")),
            add_page(
                publications,
                PeriodicalIssuePage(title="Issue", slug="issue", number=1, periodical="newsletter"),
            ),
        ]

    def test_each_kind_shows_its_breadcrumbs(self):
        for post in self.posts:
            with self.subTest(post.specific_class.__name__):
                response = self.client.get(post.url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, '<nav class="breadcrumbs"')
                self.assertContains(response, f'href="{post.get_parent().url}"')


class TrailFromRoutingTests(TestCase):
    """The breadcrumbs of a routed page are the pages the routing read on the way (BasePage.ancestor_trail):
    the same titles and addresses as the query that reads them, the current ones."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.home = homes["fa"]
        media = add_section(homes["fa"], "Media", slug="media")
        cls.pictures = add_section(media, "Pictures", slug="pictures")
        cls.gallery = add_page(cls.pictures, GalleryPage(title="Gallery", slug="gallery"))

    def routed(self, page):
        from nashr.core.routing import route_for_request

        request = RequestFactory().get(page.url, SERVER_NAME="localhost")
        with translation.override("fa"):
            return route_for_request(request, page.url.removeprefix("/fa/")).page

    def test_the_routed_trail_is_the_one_read_from_the_tree(self):
        routed = self.routed(self.gallery)
        from_tree = GalleryPage.objects.get(pk=self.gallery.pk)  # not routed: reads its ancestors
        self.assertIsNone(from_tree._walked_ancestors())
        with self.assertNumQueries(0):
            trail = routed.ancestor_trail
        with self.assertNumQueries(1):
            self.assertEqual(trail, from_tree.ancestor_trail)
        self.assertEqual([title for title, _ in trail], [self.home.title, "Media", "Pictures"])

    def test_a_renamed_section_shows_its_new_title_at_once(self):
        self.client.get(self.gallery.url)
        self.pictures.title = "Photographs"
        self.pictures.save_revision().publish()
        response = self.client.get(self.gallery.url)
        self.assertContains(response, ">Photographs<")
        self.assertNotContains(response, ">Pictures<")
