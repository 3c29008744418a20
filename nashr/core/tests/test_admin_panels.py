from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from nashr.articles.tests.factories import CategoryFactory, PersonFactory
from nashr.core.tests.factories import add_section, build_editions


class AdminFormsTests(TestCase):
    """Every page type and snippet opens in the admin with its panels."""

    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.section = add_section(cls.homes["en"], "Articles")
        cls.category = CategoryFactory()
        cls.person = PersonFactory()
        cls.admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_add_forms_open_for_every_page_type(self):
        cases = [
            ("core", "sectionpage", self.homes["en"]),
            ("home", "standardpage", self.homes["en"]),
            ("contact", "contactpage", self.homes["en"]),
            ("articles", "articlepage", self.section),
            ("multimedia", "gallerypage", self.section),
            ("multimedia", "videopage", self.section),
            ("multimedia", "imagepostpage", self.section),
            ("publications", "bookpage", self.section),
            ("publications", "periodicalissuepage", self.section),
        ]
        for app, model, parent in cases:
            with self.subTest(model=model):
                response = self.client.get(reverse("wagtailadmin_pages:add", args=[app, model, parent.pk]))
                self.assertEqual(response.status_code, 200)

    def test_article_form_offers_only_its_edition_categories(self):
        from wagtail.models import Locale

        from nashr.core.tests.factories import translate

        fa_section = translate(self.section, "fa", title="مقاله‌ها")
        fa_category = CategoryFactory(
            name="ورزش", slug="sport", locale=Locale.objects.get(language_code="fa")
        )
        response = self.client.get(
            reverse("wagtailadmin_pages:add", args=["articles", "articlepage", fa_section.pk])
        )
        choices = [c.pk for c in response.context["form"].fields["categories"].queryset]
        self.assertEqual(choices, [fa_category.pk])
        english = self.client.get(
            reverse("wagtailadmin_pages:add", args=["articles", "articlepage", self.section.pk])
        )
        self.assertEqual(
            [c.pk for c in english.context["form"].fields["categories"].queryset], [self.category.pk]
        )

    def test_edit_forms_open_for_home_and_section(self):
        for page in [self.homes["fa"], self.section]:
            with self.subTest(page=page.title):
                self.assertEqual(
                    self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code, 200
                )

    def test_snippets_open_and_offer_translation(self):
        for obj in [self.category, self.person]:
            with self.subTest(snippet=type(obj).__name__):
                url = reverse(
                    f"wagtailsnippets_{obj._meta.app_label}_{obj._meta.model_name}:edit", args=[obj.pk]
                )
                self.assertEqual(self.client.get(url).status_code, 200)
                meta = obj._meta
                submit = reverse(
                    "wagtail_localize:submit_snippet_translation",
                    args=[meta.app_label, meta.model_name, obj.pk],
                )
                self.assertEqual(self.client.get(submit).status_code, 200)
        response = self.client.get(reverse("wagtailsnippets_navigation_navigation:add"))
        self.assertEqual(response.status_code, 200)

    def test_article_preview_shows_unsaved_changes(self):
        from nashr.articles.models import ArticleAuthor
        from nashr.articles.tests.factories import make_article

        article = make_article(self.section, "Saved title")
        article.title = "Unsaved title"
        article.categories = [self.category]
        article.article_authors = [ArticleAuthor(person=self.person)]
        response = article.make_preview_request()
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Unsaved title", html)
        self.assertIn(self.category.get_absolute_url(), html)
        self.assertIn(self.person.get_absolute_url(), html)
