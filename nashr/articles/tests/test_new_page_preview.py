"""An article never saved yet previews like a saved one: its neighbours, related posts and no comments."""

from django.test import RequestFactory, TestCase

from nashr.articles.models import ArticlePage
from nashr.articles.tests.factories import CategoryFactory, make_article
from nashr.core.tests.factories import add_section, build_editions, days_ago


class NewArticlePreviewTests(TestCase):
    def test_an_article_not_saved_yet_previews_with_what_surrounds_it(self):
        homes = build_editions()
        section = add_section(homes["en"], "Articles")
        weather = CategoryFactory(slug="weather")
        make_article(section, "Rain in the valley", categories=[weather], published_at=days_ago(3))
        # As the admin's preview of a page being added builds it: a path and depth, no id.
        page = ArticlePage(title="First snow", slug="first-snow", locale=section.locale)
        page.depth = section.depth + 1
        page.path = page._get_path(section.path, page.depth, 1)
        page.set_url_path(section)
        page.categories = [weather]
        request = RequestFactory().get("/", SERVER_NAME="localhost")
        response = page.serve_preview(request, page.default_preview_mode)
        response.render()
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("First snow", html)
        self.assertIn("You may also like", html)
        self.assertGreaterEqual(html.count("Rain in the valley"), 2)  # related, and the previous post
