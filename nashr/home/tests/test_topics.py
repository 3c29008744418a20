from django.test import TestCase

from nashr.articles.models import ArticlePage
from nashr.articles.tests.factories import CategoryFactory, PersonFactory, make_article
from nashr.core.tests.factories import add_section, build_editions
from nashr.home.topics import TOPICS, topic_paths


class TopicPagesTests(TestCase):
    """The topic pages an edition lists are those its home page answers, and no others."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = add_section(homes["en"], "Articles")
        cls.category = CategoryFactory(name="Culture", slug="culture")
        cls.empty_category = CategoryFactory(name="Sport", slug="sport")
        cls.author = PersonFactory(name="Ana Writer", slug="ana")
        cls.translator = PersonFactory(name="Leo Translator", slug="leo")
        cls.article = make_article(
            section,
            "Book fair",
            categories=[cls.category],
            tags=["books"],
            authors=[cls.author],
            translator=cls.translator,
        )
        make_article(section, "Unfinished", tags=["draft-only"], authors=[cls.author], live=False)
        cls.locale_id = homes["en"].locale_id

    def paths(self):
        articles = ArticlePage.objects.live().public().filter(locale_id=self.locale_id)
        return topic_paths(self.locale_id, articles)

    def test_an_edition_lists_its_categories_people_and_the_tags_of_its_live_articles(self):
        self.assertEqual(
            self.paths(),
            ["category/culture/", "category/sport/", "author/ana/", "author/leo/", "tag/books/"],
        )

    def test_every_listed_page_answers_and_a_tag_without_live_articles_has_none(self):
        for path in self.paths():
            self.assertEqual(self.client.get(f"/en/{path}").status_code, 200, path)
        self.assertEqual(self.client.get("/en/tag/draft-only/").status_code, 404)
        self.assertEqual(self.client.get("/en/category/nothing/").status_code, 404)

    def test_each_kind_lists_the_articles_of_its_topic(self):
        articles = ArticlePage.objects.live().filter(locale_id=self.locale_id)
        for kind, topic in [
            ("category", self.category),
            ("author", self.author),
            ("author", self.translator),
        ]:
            with self.subTest(kind=kind, topic=topic):
                self.assertEqual(list(TOPICS[kind].articles(topic, articles)), [self.article])
        self.assertFalse(TOPICS["category"].articles(self.empty_category, articles).exists())
