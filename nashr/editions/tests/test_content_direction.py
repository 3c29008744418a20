"""The admin's fields in the direction of the content they hold, whatever the admin's own language."""

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile

from nashr.articles.models import Category
from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import translate
from nashr.navigation.models import Navigation
from nashr.people.models import Person
from nashr.users.tests.site import EditionSiteTestCase, snippet_url


class ContentDirectionTests(EditionSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.chief = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
        cls.fa_article = make_article(
            cls.sections["fa"],
            "خبر تازه",
            summary="خلاصه",
            original_title="Neue Nachricht",
            original_language="de",
        )

    def open(self, url, admin_language):
        profile = UserProfile.get_for_user(self.chief)
        profile.preferred_language = admin_language
        profile.save()
        self.client.force_login(self.chief)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return BeautifulSoup(response.content, "html.parser")

    def field(self, page, name):
        return page.find(attrs={"name": name})

    def assertDirection(self, element, lang, direction):
        self.assertEqual((element.get("lang"), element.get("dir")), (lang, direction), element)

    def test_a_farsi_article_in_an_english_admin_reads_right_to_left(self):
        page = self.open(reverse("wagtailadmin_pages:edit", args=[self.fa_article.pk]), "en")
        self.assertEqual(page.html.get("dir"), "ltr")  # the admin's own chrome
        self.assertDirection(self.field(page, "title"), "fa", "rtl")
        self.assertDirection(self.field(page, "summary"), "fa", "rtl")
        self.assertEqual(self.field(page, "slug").get("dir"), "ltr")
        self.assertEqual(self.field(page, "original_url").get("dir"), "ltr")
        self.assertDirection(self.field(page, "original_title"), "de", "auto")
        body = page.find(id="body").parent  # drawn in the browser: its wrapper names the language
        self.assertEqual((body["data-nashr-lang"], body["data-nashr-dir"]), ("fa", "rtl"))
        self.assertDirection(self.field(page, "go_live_at"), None, "ltr")  # a date, not text

    def test_an_english_article_in_a_farsi_admin_reads_left_to_right(self):
        page = self.open(reverse("wagtailadmin_pages:edit", args=[self.articles["en"].pk]), "fa")
        self.assertEqual(page.html.get("dir"), "rtl")
        self.assertDirection(self.field(page, "title"), "en", "ltr")
        self.assertDirection(self.field(page, "published_at"), None, "ltr")
        self.assertDirection(self.field(page, "summary"), "en", "ltr")
        body = page.find(id="body").parent
        self.assertEqual((body["data-nashr-lang"], body["data-nashr-dir"]), ("en", "ltr"))

    def test_inline_panels_take_the_pages_direction(self):
        url = reverse("wagtailadmin_pages:add", args=["multimedia", "gallerypage", self.sections["fa"].pk])
        page = self.open(url, "en")
        captions = page.find_all(attrs={"name": lambda name: name and name.endswith("-caption")})
        self.assertTrue(captions)  # the empty form kept for new pictures, and the first picture's
        for caption in captions:
            self.assertDirection(caption, "fa", "rtl")

    def test_a_new_page_takes_the_direction_of_its_parents_edition(self):
        url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", self.sections["ar"].pk])
        self.assertDirection(self.field(self.open(url, "en"), "title"), "ar", "rtl")

    def test_rich_text_fields_name_their_language_on_the_hidden_input(self):
        about = translate(self.homes["en"].add_child(instance=self.standard_page()), "fa", title="درباره")
        page = self.open(reverse("wagtailadmin_pages:edit", args=[about.pk]), "en")
        body = self.field(page, "body")
        self.assertEqual((body["data-nashr-lang"], body["data-nashr-dir"]), ("fa", "rtl"))

    def standard_page(self):
        from nashr.home.models import StandardPage

        return StandardPage(title="About", slug="about", body="<p>Who we are.</p>")

    def test_translatable_snippets_take_their_editions_direction(self):
        cases = [
            (Category, self.categories["fa"], "name", "fa", "rtl"),
            (Person, self.people["ar"], "bio", "ar", "rtl"),
            (Navigation, self.menus["fa"], "tagline", "fa", "rtl"),
            (Person, self.people["en"], "name", "en", "ltr"),
        ]
        for model, instance, name, lang, direction in cases:
            with self.subTest(model=model.__name__, lang=lang):
                page = self.open(snippet_url(model, "edit", instance.pk), "fa" if lang == "en" else "en")
                self.assertDirection(self.field(page, name), lang, direction)
                if hasattr(instance, "slug"):
                    self.assertEqual(self.field(page, "slug").get("dir"), "ltr")

    def test_a_menus_streamfield_names_its_language(self):
        page = self.open(snippet_url(Navigation, "edit", self.menus["ar"].pk), "en")
        menu = page.find(id="main_menu").parent
        self.assertEqual((menu["data-nashr-lang"], menu["data-nashr-dir"]), ("ar", "rtl"))

    def test_the_script_and_styles_load_in_every_admin_page(self):
        page = self.open(reverse("wagtailadmin_home"), "en")
        self.assertTrue(page.find("script", src=lambda src: src and "content_direction.js" in src))
        self.assertTrue(page.find("link", href=lambda href: href and "content_direction.css" in href))
