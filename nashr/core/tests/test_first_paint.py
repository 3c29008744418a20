from html.parser import HTMLParser

from django.test import TestCase

from nashr.core.tests.factories import build_editions


class FirstPaintParser(HTMLParser):
    """The id a render-blocking `<link rel="expect">` names, and the id of the last element opened."""

    def __init__(self):
        super().__init__()
        self.expected = None
        self.last_opened = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "expect" and attrs.get("blocking") == "render":
            self.expected = attrs["href"].removeprefix("#")
        self.last_opened = attrs.get("id")


class FirstPaintTests(TestCase):
    """Chromium paints once the element a render-blocking `expect` link names is inserted, before its children
    are parsed: nothing may come after it, or a short page's footer (held at the window's bottom) grows
    upwards after the first paint and the reader sees the page jump."""

    @classmethod
    def setUpTestData(cls):
        build_editions()

    def test_the_first_paint_waits_for_the_whole_page(self):
        for path, status in (("/en/", 200), ("/fa/", 200), ("/ar/no-such-page/", 404)):
            with self.subTest(path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, status)
                page = FirstPaintParser()
                page.feed(response.content.decode())
                self.assertIsNotNone(page.expected)
                self.assertEqual(page.last_opened, page.expected)
