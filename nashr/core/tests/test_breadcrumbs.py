from django.test import TestCase

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
