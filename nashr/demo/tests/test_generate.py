import uuid
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase
from wagtail.models import Locale, Page

from nashr.articles.models import ArticlePage, Category
from nashr.articles.tests.factories import CategoryFactory
from nashr.core.tests.factories import add_section, build_editions, translate
from nashr.core.tests.planner import assert_planner_told

EDITIONS = ["en", "fa", "ar", "sq"]


class GenerateContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        articles = add_section(homes["en"], "Articles", "articles")
        for language in EDITIONS[1:]:
            translate(articles, language)
        for name in ("Culture", "Sport"):
            key = uuid.uuid4()
            for language in EDITIONS:
                CategoryFactory(
                    name=f"{name} {language}",
                    slug=name.lower(),
                    locale=Locale.objects.get(language_code=language),
                    translation_key=key,
                )
        call_command("generate_content", articles=8, stdout=StringIO())
        call_command("generate_content", articles=4, seed=2, stdout=StringIO())

    def generated(self):
        return ArticlePage.objects.filter(slug__startswith="g")

    def test_stories_come_in_every_edition_as_translations(self):
        self.assertEqual(self.generated().count(), 12)
        for language in EDITIONS:
            self.assertEqual(self.generated().filter(locale__language_code=language).count(), 3)
        page = self.generated().filter(locale__language_code="fa").first()
        self.assertEqual(
            sorted(p.locale.language_code for p in page.get_translations(inclusive=True)), sorted(EDITIONS)
        )

    def test_the_planner_is_told_what_the_tables_hold(self):
        assert_planner_told(self, "core_postpage", self.generated().count())

    def test_the_page_tree_stays_valid_after_two_runs(self):
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        articles = Page.objects.get(locale__language_code="ar", slug="articles")
        self.assertEqual(articles.numchild, 3)

    def test_links_stay_in_the_edition(self):
        for page in self.generated().select_related("locale"):
            language = page.locale.language_code
            self.assertTrue(page.categories.exists())
            self.assertEqual({c.locale.language_code for c in page.categories.all()}, {language})
            self.assertEqual({a.person.locale.language_code for a in page.article_authors.all()}, {language})
            self.assertTrue(page.tags.exists())
            self.assertTrue(page.lead_image)

    def test_generated_pages_are_served(self):
        page = self.generated().filter(locale__language_code="ar").first()
        response = self.client.get(page.url)
        self.assertContains(response, page.title)
        self.assertContains(self.client.get("/ar/articles/"), page.title)
        author = page.article_authors.first().person
        self.assertContains(self.client.get(author.get_absolute_url()), page.title)

    def test_a_generated_page_can_be_edited_and_republished(self):
        page = self.generated().first()
        page.title = "Edited"
        page.save_revision().publish()
        self.assertContains(self.client.get(page.url), "Edited")

    def test_without_a_site_the_command_says_what_to_run(self):
        Category.objects.all().delete()
        with self.assertRaisesMessage(CommandError, "load_demo"):
            call_command("generate_content", articles=4, stdout=StringIO())
