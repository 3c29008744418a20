"""Share links (core/templatetags/nashr_tags.share_links): each network's address with the page's."""

from django.test import SimpleTestCase
from django.utils import translation
from django.utils.http import urlencode

from nashr.core.templatetags.nashr_tags import SHARE_TARGETS, links_to_share


class ShareLinksTests(SimpleTestCase):
    def test_each_query_is_djangos_urlencode_of_the_networks_fields(self):
        url = "https://news.example.org/fa/مقاله/a b/?x=1&y=2"
        title = 'Rain & "sun" — باران 50% + more'
        for language in ["en", "fa"]:
            with self.subTest(language=language), translation.override(language):
                links = links_to_share(url, title)
                self.assertEqual(len(links), 5)
                for link in links:
                    _, pattern, params = SHARE_TARGETS[link["key"]]
                    query = urlencode(params(url, title))
                    if link["key"] == "email":
                        query = query.replace("+", "%20")
                    self.assertEqual(link["url"], pattern.format(query))
