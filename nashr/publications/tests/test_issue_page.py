import re

from django.test import TestCase

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import build_editions

from .factories import add_issue, add_section, entry


class IssueContentsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        news = add_section(homes["en"], "News")
        cls.fair = make_article(news, "The book fair opens")
        cls.snow = make_article(news, "First snow")
        letters = add_section(homes["en"], "Newsletter")
        cls.issue = add_issue(
            letters,
            "Newsletter no. 1",
            1,
            periodical="newsletter",
            items=[
                entry(cls.fair, summary="Three days of books."),
                entry(cls.snow, group="Weather"),
                entry(url="https://example.org/report", title="A report elsewhere", group="Weather"),
            ],
        )
        cls.empty = add_issue(letters, "Newsletter no. 2", 2, periodical="newsletter")

    def test_an_issue_lists_and_links_its_contents(self):
        html = self.client.get(self.issue.url).content.decode()
        self.assertIn(
            '<h2 class="issue-contents__heading" id="issue-contents-heading">In this issue</h2>', html
        )
        links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html.split('class="issue-contents', 1)[1])
        self.assertEqual(
            links[:3],
            [
                (self.fair.url, "The book fair opens"),
                (self.snow.url, "First snow"),
                ("https://example.org/report", "A report elsewhere"),
            ],
        )
        self.assertIn("Three days of books.", html)
        self.assertIn('<h3 class="digest__heading">Weather</h3>', html)

    def test_a_piece_taken_down_leaves_the_contents(self):
        self.snow.unpublish()
        response = self.client.get(self.issue.url)
        self.assertNotContains(response, "First snow")
        self.assertContains(response, "The book fair opens")

    def test_an_issue_without_entries_has_no_empty_contents_heading(self):
        self.assertNotContains(self.client.get(self.empty.url), "In this issue")
