"""Every page the site renders links host-relative, so the same files serve from a mirror, an onion address
or a folder; only the metadata search engines and link previews read names the primary address."""

import re

import lxml.html
from django.core.cache import cache
from django.test import TestCase, override_settings
from wagtail.models import Site

from nashr.comments.models import Comment
from nashr.core.tests.factories import ImageFactory, every_page_type_site
from nashr.editions.urls import edition_url, host_relative
from nashr.navigation.models import Navigation

PRIMARY_HOST = "primary.example.org"
PRIMARY = re.compile(rf"(?:https?:)?//{re.escape(PRIMARY_HOST)}\b", re.IGNORECASE)


def allowed(element, attribute):
    """The places that carry the primary address on purpose: canonical and hreflang links, head metadata
    (Open Graph, Twitter, article:author), JSON-LD, and share links (whose target is the primary URL)."""
    rel = (element.get("rel") or "").split()
    if element.tag == "link" and attribute == "href" and ("canonical" in rel or element.get("hreflang")):
        return True
    if element.tag == "meta" and attribute == "content" and (element.get("property") or element.get("name")):
        return True
    if element.tag == "script" and element.get("type") == "application/ld+json" and attribute is None:
        return True
    return element.tag == "a" and "share__link" in (element.get("class") or "") and attribute == "href"


def misplaced(html):
    """Where `html` names the primary address outside the allowed places: ["<tag attr=...>", ...]."""
    found = []
    for element in lxml.html.document_fromstring(html).iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if PRIMARY.search(value) and not allowed(element, name):
                found.append(f"<{element.tag} {name}={value!r}>")
        for owner, text in ((element, element.text), (element.getparent(), element.tail)):
            if text and PRIMARY.search(text) and not allowed(owner, None):
                found.append(f"text in <{owner.tag}>: {text.strip()[:80]!r}")
    return found


def site_on_primary_host():
    """`every_page_type_site()`, its default site answering at https://PRIMARY_HOST."""
    homes, pages = every_page_type_site()
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = PRIMARY_HOST, 443
    site.save()
    return homes, pages


@override_settings(NASHR_PAGE_SIZE=1, ALLOWED_HOSTS=[PRIMARY_HOST, "testserver"])
class HostRelativePagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes, cls.pages = site_on_primary_host()
        article = cls.pages[("fa", "article")]
        article.lead_image = ImageFactory()
        article.save_revision().publish()
        cls.comment = Comment.objects.create(page=article, name="Sara", body="Thanks.", status="approved")
        # A link typed as a full address of the site itself (as the demo's RSS link in the footer is).
        for language, home in cls.homes.items():
            rss = f"https://{PRIMARY_HOST}/{language}/rss.xml"
            Navigation.objects.create(
                locale=home.locale, social_links=[("link", {"name": "RSS", "url": rss})]
            )
        cache.clear()  # the transaction never commits, so the renewals scheduled after commit never run

    def addresses(self):
        article = self.pages[("fa", "article")]
        urls = [page.url for page in self.pages.values()]
        urls += [self.pages[(language, "section")].url + "?page=2" for language in self.homes]
        urls += [category.get_absolute_url() for category in article.category_list]
        urls += [person.get_absolute_url() for person in article.authors]
        urls += [edition_url("fa", f"tag/{tag.slug}/") for tag in article.tag_list]
        urls += [
            edition_url("fa", "search/") + "?q=book",
            edition_url("en", "search/") + "?q=fair&type=article",
            edition_url("fa", f"comments/{article.pk}/reply/{self.comment.pk}/"),
            edition_url("en", "subscriptions/"),
            edition_url("en", "subscriptions/sent/"),
            edition_url("fa", "offline/"),
            edition_url("ar", "no-such-page/"),
        ]
        return urls

    def test_no_page_names_the_primary_host_outside_its_metadata(self):
        checked = 0
        for url in self.addresses():
            with self.subTest(url=url):
                response = self.client.get(url, HTTP_HOST=PRIMARY_HOST, secure=True)
                self.assertIn(response.status_code, (200, 404), url)
                self.assertIn("text/html", response["Content-Type"])
                self.assertEqual(misplaced(response.content), [])
                checked += 1
        self.assertGreater(checked, 50)

    def test_the_check_finds_a_link_to_the_primary_host(self):
        html = f'<html><head><link rel="canonical" href="https://{PRIMARY_HOST}/fa/"></head><body>'
        html += f'<a href="https://{PRIMARY_HOST}/fa/x/">x</a><img srcset="//{PRIMARY_HOST}/media/a.jpg 1x">'
        html += f"<p>See https://{PRIMARY_HOST}/fa/</p></body></html>"
        self.assertEqual(len(misplaced(html)), 3)

    def test_metadata_and_the_footer_feed_link_are_as_search_engines_and_readers_need(self):
        response = self.client.get(self.pages[("fa", "article")].url, HTTP_HOST=PRIMARY_HOST, secure=True)
        html = response.content.decode()
        self.assertIn(f'<link rel="canonical" href="https://{PRIMARY_HOST}/fa/', html)
        self.assertIn(f'hreflang="en" href="https://{PRIMARY_HOST}/en/', html)
        self.assertIn(f'<meta property="og:image" content="https://{PRIMARY_HOST}/media/', html)
        self.assertIn('<a href="/fa/rss.xml" rel="me noopener">RSS</a>', html)
        self.assertRegex(html, r'<img [^>]*src="/media/images/')


class HostRelativeTests(TestCase):
    def test_addresses_on_the_site_lose_its_origin_and_others_are_kept(self):
        root = "https://news.example.org"
        for url, expected in (
            ("https://news.example.org/fa/rss.xml", "/fa/rss.xml"),
            ("https://news.example.org", "/"),
            ("https://news.example.org?x=1", "/?x=1"),
            ("https://news.example.org.evil.net/fa/", "https://news.example.org.evil.net/fa/"),
            ("https://news.example.org//evil.net/", "https://news.example.org//evil.net/"),
            ("http://news.example.org/fa/", "http://news.example.org/fa/"),
            ("https://mastodon.example/@nashr", "https://mastodon.example/@nashr"),
            ("/fa/", "/fa/"),
            ("", ""),
        ):
            with self.subTest(url=url):
                self.assertEqual(host_relative(url, root), expected)
        self.assertEqual(host_relative("https://news.example.org/fa/", ""), "https://news.example.org/fa/")
