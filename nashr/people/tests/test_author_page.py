"""A person's page in each edition: their name in that edition's script, what they wrote or translated."""

from django.test import TestCase
from wagtail.models import Locale

from nashr.articles.tests.factories import PersonFactory, make_article
from nashr.core.tests.factories import add_section, build_editions, translate


class AuthorPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = add_section(homes["en"], "Articles")
        cls.fa_section = translate(section, "fa", title="مقاله‌ها")
        cls.ana = PersonFactory(name="Ana Kola", slug="ana-kola", bio="Writes about rivers.")
        cls.leo = PersonFactory(name="Leo Bardh", slug="leo-bardh")
        cls.written = make_article(section, "River levels", authors=[cls.ana])
        cls.translated = make_article(section, "Bridge repairs", authors=[cls.leo], translator=cls.ana)
        cls.other = make_article(section, "Orchard season", authors=[cls.leo])
        cls.fa_ana = cls.ana.copy_for_translation(Locale.objects.get(language_code="fa"))
        cls.fa_ana.name = "آنا کولا"
        cls.fa_ana.save()

    def test_lists_what_the_person_wrote_and_translated_and_nothing_else(self):
        response = self.client.get("/en/author/ana-kola/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Writes about rivers.")
        listed = {post.pk for post in response.context["posts"]}
        self.assertEqual(listed, {self.written.pk, self.translated.pk})

    def test_each_edition_has_its_own_page_with_the_name_in_its_script(self):
        self.assertEqual(self.fa_ana.get_absolute_url(), "/fa/author/ana-kola/")
        response = self.client.get("/fa/author/ana-kola/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "آنا کولا")
        self.assertNotContains(response, "River levels")  # an English article is not in the Farsi edition

    def test_a_person_of_another_edition_is_not_found_here(self):
        self.assertEqual(self.client.get("/fa/author/leo-bardh/").status_code, 404)
        self.assertEqual(self.client.get("/en/author/no-such-person/").status_code, 404)
