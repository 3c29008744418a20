from django.core.cache import cache
from django.test import TestCase
from wagtail.models import Locale

from nashr.core.tests.factories import add_section, build_editions
from nashr.navigation.models import Navigation


class NavigationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.articles = add_section(homes["en"], "Articles")
        cls.draft = add_section(homes["en"], "Draft section")
        cls.draft.unpublish()
        item = {"label": "", "page": cls.articles, "url": "", "children": []}
        item["children"] = [
            {"label": "Weather", "page": None, "url": "/en/category/weather/"},
            {"label": "", "page": cls.draft, "url": ""},
        ]
        cls.nav = Navigation.objects.create(
            locale=Locale.objects.get(language_code="en"),
            site_name="Harbour Post",
            tagline="News from the harbour",
            main_menu=[
                ("item", item),
                ("item", {"label": "Soon", "page": cls.draft, "url": "", "children": []}),
            ],
            footer_links=[("link", {"label": "Imprint", "page": None, "url": "/en/imprint/"})],
            social_links=[("link", {"name": "Mastodon", "url": "https://social.example.org/@harbour"})],
            copyright="© Harbour Post",
        )

    def setUp(self):
        cache.clear()  # the menus are kept in the cache, which outlives each test's rolled-back changes

    def test_header_and_footer_show_the_edition_menus(self):
        html = self.client.get("/en/").content.decode()
        self.assertIn("Harbour Post", html)
        self.assertIn('<a class="main-nav__link" href="/en/articles/">Articles</a>', html)
        self.assertIn('href="/en/category/weather/">Weather</a>', html)
        self.assertIn('href="/en/imprint/">Imprint</a>', html)
        self.assertIn('href="https://social.example.org/@harbour"', html)
        self.assertIn("© Harbour Post", html)
        self.assertIn('href="#top"', html)

    def test_links_to_unpublished_pages_are_left_out(self):
        html = self.client.get("/en/").content.decode()
        self.assertNotIn("Soon", html)
        self.assertNotIn("Draft section", html)

    def test_section_page_lists_its_sub_menu(self):
        response = self.client.get(self.articles.url)
        self.assertContains(response, '<li><a href="/en/category/weather/">Weather</a></li>', html=True)

    def test_edition_without_its_own_menus_uses_the_default_one(self):
        self.assertContains(self.client.get("/sq/"), "Harbour Post")

    def render_menus(self, language="en"):
        from django.template import Context, Template
        from django.test import RequestFactory
        from django.utils import translation

        with translation.override(language):
            return Template("{% load navigation_tags %}{% navigation as nav %}{{ nav.main }}").render(
                Context({"request": RequestFactory().get(f"/{language}/")})
            )

    def test_menus_cost_one_query_for_all_their_pages_then_none(self):
        self.client.get("/fa/")  # warm per-process caches
        with self.assertNumQueries(2):  # the navigation row, and its pages
            self.render_menus()
        with self.assertNumQueries(0):  # another request of the edition: the shared fragment
            self.render_menus()

    def test_a_menu_change_shows_at_once(self):
        self.assertNotIn("Weather report", self.render_menus())
        extra = {"label": "Weather report", "page": None, "url": "https://example.org/", "children": []}
        self.nav.main_menu = [*((b.block_type, b.value) for b in self.nav.main_menu), ("item", extra)]
        with self.captureOnCommitCallbacks(execute=True):
            self.nav.save()
        self.assertIn("Weather report", self.render_menus())

    def test_a_renamed_menu_page_shows_at_once(self):
        self.render_menus()
        self.articles.title = "Stories"
        with self.captureOnCommitCallbacks(execute=True):
            self.articles.save_revision().publish()
        self.assertIn("Stories", self.render_menus())


class TranslatedNavigationTests(TestCase):
    """A menu carried to another edition as it is (wagtail-localize keeps its structure) shows that one."""

    @classmethod
    def setUpTestData(cls):
        from nashr.articles.tests.factories import CategoryFactory
        from nashr.core.tests.factories import translate

        homes = build_editions()
        articles = add_section(homes["en"], "Articles")
        cls.fa_articles = translate(articles, "fa", title="مقاله‌ها")
        weather = CategoryFactory(name="Weather", slug="weather")
        fa = Locale.objects.get(language_code="fa")
        CategoryFactory(name="آب‌وهوا", slug="weather", locale=fa, translation_key=weather.translation_key)
        untranslated = add_section(homes["en"], "Only English")
        children = [
            {"label": "", "page": None, "category": weather, "url": ""},
            {"label": "", "page": untranslated, "category": None, "url": ""},
        ]
        english = {"label": "", "page": articles, "category": None, "url": "", "children": children}
        Navigation.objects.create(locale=fa, main_menu=[("item", english)])

    def test_pages_and_categories_chosen_in_another_edition_show_in_this_one(self):
        html = self.client.get("/fa/").content.decode()
        self.assertIn('<a class="main-nav__link" href="/fa/articles/">مقاله‌ها</a>', html)
        self.assertIn('href="/fa/category/weather/">آب‌وهوا</a>', html)
        self.assertNotIn("Only English", html)
