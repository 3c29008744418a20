"""An article's categories, tags and authors read by prepared queries are what its managers give; a page
holding them in memory (a revision, a preview) shows those."""

from django.test import TestCase

from nashr.articles import relations
from nashr.articles.models import ArticlePage
from nashr.articles.tests.factories import CategoryFactory, PersonFactory, articles_in_editions, make_article


class ArticleRelationsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        articles_in_editions(cls)
        cls.people = [PersonFactory(name="Zana"), PersonFactory(name="Arta"), PersonFactory(name="Mina")]
        cls.categories = [CategoryFactory(name="Weather"), cls.culture, CategoryFactory(name="Rivers")]
        cls.article = make_article(
            cls.section,
            "Rain on the coast",
            categories=cls.categories,
            tags=["rain", "coast", "ports"],
            authors=cls.people[:2],
        )
        make_article(
            cls.section, "Other", categories=cls.categories[:1], tags=["rain"], authors=cls.people[2:]
        )

    def fresh(self):
        return ArticlePage.objects.get(pk=self.article.pk)

    def test_read_from_the_database_as_the_managers_read_it(self):
        page = self.fresh()
        self.assertFalse(relations.in_memory(page))
        expected = list(page.categories.select_related("locale"))
        self.assertEqual([c.name for c in expected], ["Culture", "Rivers", "Weather"])
        with self.assertNumQueries(1):
            categories = relations.categories(page)
            self.assertEqual(
                [(c.pk, c.locale.language_code) for c in categories], [(c.pk, "en") for c in expected]
            )
        self.assertEqual(
            sorted(t.name for t in relations.tags(page)), sorted(t.name for t in page.tags.all())
        )
        self.assertEqual([t.pk for t in relations.tags(page)], [t.pk for t in page.tags.all()])
        with self.assertNumQueries(1):
            authors = relations.authors(page)
            self.assertEqual(
                [(p.name, p.locale.language_code) for p in authors], [("Zana", "en"), ("Arta", "en")]
            )

    def test_a_page_from_a_revision_shows_its_own_choices(self):
        draft = self.fresh()
        draft.categories = [self.categories[2]]
        draft.tags.set(["storm"])
        draft.article_authors.set([draft.article_authors.model(person=self.people[2], sort_order=0)])
        draft.save_revision()
        page = self.fresh().get_latest_revision_as_object()
        self.assertTrue(relations.in_memory(page))
        self.assertEqual([c.name for c in page.category_list], ["Rivers"])
        self.assertEqual([t.name for t in page.tag_list], ["storm"])
        self.assertEqual([p.name for p in page.authors], ["Mina"])
        live = self.fresh()  # the published page still reads the database's
        self.assertEqual([c.name for c in live.category_list], ["Culture", "Rivers", "Weather"])
        self.assertEqual([p.name for p in live.authors], ["Zana", "Arta"])

    def test_an_unsaved_page_has_none(self):
        page = ArticlePage(title="New")
        self.assertTrue(relations.in_memory(page))
        self.assertEqual((page.category_list, page.tag_list, page.authors), ([], [], []))
