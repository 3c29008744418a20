import json
import re
from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase, override_settings, tag
from wagtail.models import Site

from nashr.articles.models import ArticlePage
from nashr.core.test_runner import SLOW
from nashr.navigation.models import Navigation


def load_demo_at(address):
    output = StringIO()
    with override_settings(WAGTAILADMIN_BASE_URL=address):
        call_command("load_demo", stdout=output)
    cache.clear()  # the test's transaction never commits, so the purges scheduled after commit never run
    return output.getvalue()


@tag(SLOW)
class DemoSiteAddressTests(TestCase):
    """`make run` gives load_demo the address it serves on (HOST, PORT): every absolute link follows it."""

    @classmethod
    def setUpTestData(cls):
        cls.first = load_demo_at("http://127.0.0.1:8102")
        cls.at_8102 = cls.links()
        cls.second = load_demo_at("http://localhost:8103")
        cls.at_8103 = cls.links()

    @classmethod
    def links(cls):
        from django.test import Client

        client = Client()
        article = ArticlePage.objects.live().filter(locale__language_code="en").first()
        html = client.get(article.url).content.decode()
        feed = json.loads(client.get("/en/feed.json").getvalue())
        sitemap = client.get("/sitemap-en-1.xml").getvalue().decode()
        footer = [b.value["url"] for b in Navigation.objects.get(locale__language_code="fa").social_links]
        return {
            "site": (
                Site.objects.get(is_default_site=True).hostname,
                Site.objects.get(is_default_site=True).port,
            ),
            "canonical": re.search(r'<link rel="canonical" href="([^"]+)"', html)[1],
            "hreflang": re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', html),
            "feed": [feed["home_page_url"], *(item["url"] for item in feed["items"])],
            "sitemap": re.findall(r"<loc>([^<]+)</loc>", sitemap),
            "footer feed": [url for url in footer if url.endswith("rss.xml")],
        }

    def test_the_site_takes_the_address_it_is_served_on(self):
        self.assertEqual(self.at_8102["site"], ("127.0.0.1", 8102))
        self.assertEqual(self.at_8103["site"], ("localhost", 8103))

    def test_every_absolute_link_follows_the_address(self):
        for origin, links in (
            ("http://127.0.0.1:8102/", self.at_8102),
            ("http://localhost:8103/", self.at_8103),
        ):
            for kind in ("canonical", "hreflang", "feed", "sitemap", "footer feed"):
                urls = [links[kind]] if isinstance(links[kind], str) else links[kind]
                with self.subTest(origin=origin, kind=kind):
                    self.assertTrue(urls)
                    for url in urls:
                        self.assertTrue(url.startswith(origin), url)

    def test_a_new_address_is_reported(self):
        self.assertIn("127.0.0.1:8102", self.second)
        self.assertIn("now localhost:8103", self.second)

    def test_the_run_ends_with_where_to_read_and_log_in(self):
        for output, origin in ((self.first, "http://127.0.0.1:8102"), (self.second, "http://localhost:8103")):
            block = output[output.index("Nashr is ready at") :]
            with self.subTest(origin=origin):
                for edition in ("en", "fa", "ar", "sq"):
                    self.assertIn(f"{origin}/{edition}/", block)
                self.assertIn(f"{origin}/admin/", block)
                self.assertIn("admin", block)
                self.assertIn("manage.py changepassword admin", block)
        self.assertRegex(self.first, r"Password +\S{12,} +\(shown this once")
        self.assertNotIn("shown this once", self.second)
