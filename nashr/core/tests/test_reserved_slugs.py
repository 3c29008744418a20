"""A page cannot take a slug whose address the site's own views answer under its parent: it would be
published and never seen (core/slugs.py)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page

from nashr.core.models import SectionPage
from nashr.core.slugs import edition_addresses, reserved_slugs
from nashr.core.tests.factories import add_section, build_editions
from nashr.wordpress.names import Names


class ReservedSlugsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.section = add_section(cls.homes["en"], "Articles")
        cls.admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def test_the_addresses_come_from_the_sites_own_routes(self):
        # Read from nashr/urls.py, so a new view below /<edition>/ is reserved without a list to keep.
        for slug in ("search", "api", "offline", "subscriptions", "mirrors", "comments", "_util"):
            self.assertIn(slug, edition_addresses())
        # The edition home's own routes, and nothing that a section or an article may well be called.
        self.assertEqual(
            reserved_slugs(self.homes["fa"]) - edition_addresses(), {"category", "tag", "author"}
        )
        self.assertNotIn("articles", reserved_slugs(self.homes["en"]))
        self.assertEqual(reserved_slugs(self.section), set())

    def test_the_editor_is_told_and_nothing_is_made(self):
        self.client.force_login(self.admin)
        home = self.homes["en"]
        add = reverse("wagtailadmin_pages:add", args=["core", "sectionpage", home.pk])
        for slug in ("search", "offline", "category"):
            with self.subTest(slug=slug):
                response = self.client.post(add, {"title": "Search tips", "slug": slug, "summary": ""})
                self.assertEqual(response.status_code, 200)  # the form again, with the error
                self.assertIn("belongs to the site itself", str(response.context["form"].errors["slug"]))
                self.assertFalse(Page.objects.filter(slug=slug).exists())
        response = self.client.post(add, {"title": "Search tips", "slug": "search-tips", "summary": ""})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(home.get_children().filter(slug="search-tips").exists())

    def test_a_section_below_may_use_the_word(self):
        self.client.force_login(self.admin)
        add = reverse("wagtailadmin_pages:add", args=["core", "sectionpage", self.section.pk])
        response = self.client.post(add, {"title": "Search", "slug": "search", "summary": ""})
        self.assertEqual(response.status_code, 302)

    def test_saving_a_placed_page_is_refused_too(self):
        page = SectionPage(title="API", slug="api")
        with self.assertRaises(ValidationError) as raised:
            self.homes["ar"].add_child(instance=page)
        self.assertIn("slug", raised.exception.message_dict)
        self.section.slug = "mirrors"
        with self.assertRaises(ValidationError):
            self.section.save()

    def test_the_wordpress_import_picks_another_slug(self):
        names = Names(run=None)
        self.assertEqual(names.page_slug(self.homes["en"], "search"), "search-2")
        self.assertEqual(names.page_slug(self.homes["en"], "about"), "about")
        self.assertEqual(names.page_slug(self.section, "search"), "search")
