from django.test import TestCase

from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.core.tests.factories import add_section, build_editions, days_ago


class ListingPaginationTests(TestCase):
    """Section, category, tag and author pages: ten a page, newer/older links, never a 500 on odd ?page=."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.section = add_section(homes["en"], "Articles")
        cls.category = CategoryFactory(name="Weather", slug="weather")
        cls.author = PersonFactory(name="Ana Kola", slug="ana-kola")
        cls.articles = [
            make_article(
                cls.section,
                f"Story {i:02}",
                published_at=days_ago(i),
                categories=[cls.category],
                tags=["autumn"],
                authors=[cls.author],
            )
            for i in range(23)
        ]
        cls.urls = [
            cls.section.url,
            "/en/category/weather/",
            "/en/tag/autumn/",
            "/en/author/ana-kola/",
        ]

    def test_first_page_shows_the_ten_newest_and_an_older_link(self):
        for url in self.urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                posts = list(response.context["posts"])
                self.assertEqual([p.pk for p in posts], [p.pk for p in self.articles[:10]])
                self.assertContains(response, 'rel="next" href="?page=2"'.replace('href="', f'href="{url}'))
                self.assertNotContains(response, 'rel="prev"')

    def test_middle_page_links_both_ways_and_last_page_holds_the_rest(self):
        response = self.client.get(self.section.url, {"page": 2})
        self.assertContains(response, f'rel="prev" href="{self.section.url}"')
        self.assertContains(response, f'rel="next" href="{self.section.url}?page=3"')
        last = self.client.get(self.section.url, {"page": 3})
        self.assertEqual(len(last.context["posts"]), 3)
        self.assertNotContains(last, 'rel="next"')

    def test_malformed_or_out_of_range_page_numbers_give_the_nearest_real_page(self):
        for value, expected in [("abc", 1), ("0", 3), ("-4", 3), ("99999", 3), ("", 1), ("2.5", 1)]:
            with self.subTest(page=value):
                response = self.client.get(self.section.url, {"page": value})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["posts"].number, expected)

    def test_unknown_category_tag_or_author_is_not_found(self):
        for url in ["/en/category/nothing/", "/en/tag/nothing/", "/en/author/nobody/"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_empty_section_says_so(self):
        empty = add_section(self.section.get_parent(), "Empty")
        response = self.client.get(empty.url)
        self.assertContains(response, "Nothing has been published here yet.")

    def test_home_shows_featured_second_tier_then_latest_per_section(self):
        response = self.client.get("/en/")
        self.assertEqual(response.context["featured"].pk, self.articles[0].pk)
        self.assertEqual([p.pk for p in response.context["second_tier"]], [a.pk for a in self.articles[1:5]])
        groups = response.context["latest_by_section"]
        self.assertEqual(groups[0]["section"].pk, self.section.pk)
        self.assertEqual([p.pk for p in groups[0]["posts"]], [a.pk for a in self.articles[5:9]])
