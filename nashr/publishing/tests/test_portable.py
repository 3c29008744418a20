"""portable(): internal links made relative to the page's file, assets listed, forms replaced, bad input."""

from django.test import SimpleTestCase

from nashr.publishing.portable import portable

PRIMARY = "https://news.example.org"


def page(body, lang="fa"):
    return f'<!DOCTYPE html><html lang="{lang}"><head></head><body>{body}</body></html>'.encode()


def rewrite(body, path="/fa/about/", **kwargs):
    kwargs.setdefault("primary", PRIMARY)
    return portable(path, page(body), "text/html; charset=utf-8", **kwargs)


class LinkTests(SimpleTestCase):
    def test_page_links_name_the_files_the_static_output_writes(self):
        result = rewrite(
            '<a href="/fa/articles/">a</a><a href="/fa/articles/?page=3#list">b</a>'
            '<a href="/fa/about/">c</a><a href="/fa/">d</a><a href="/fa/rss.xml">e</a>'
            '<a href="/sitemap.xml">f</a><a href="/fa/articles/?page=1&utm_source=x">g</a>'
        )
        self.assertIn(
            b'<a href="../articles/index.html">a</a><a href="../articles/index.page-3.html#list">b</a>'
            b'<a href="index.html">c</a><a href="../index.html">d</a><a href="../rss.xml">e</a>'
            b'<a href="../../sitemap.xml">f</a><a href="../articles/index.html">g</a>',
            result.body,
        )

    def test_links_are_relative_to_the_file_of_a_listings_later_page(self):
        result = rewrite('<a href="/fa/articles/?page=2">newer</a>', path="/fa/articles/?page=3")
        self.assertIn(b'href="index.page-2.html"', result.body)

    def test_absolute_fragment_mail_and_relative_urls_are_left_alone(self):
        body = (
            f'<link rel="canonical" href="{PRIMARY}/fa/about/">'
            f'<link rel="alternate" hreflang="en" href="{PRIMARY}/en/about/">'
            f'<meta property="og:image" content="{PRIMARY}/media/images/a.jpg">'
            '<a href="https://t.me/share/url?url=https%3A%2F%2Fnews.example.org%2Ffa%2F">share</a>'
            '<a href="#main">skip</a><a href="mailto:desk@example.org">mail</a><a href="other.html">rel</a>'
            '<a href="//cdn.example.net/x.js">proto</a><a href="/\\evil.example/">bs</a>'
        )
        result = rewrite(body)
        self.assertEqual(result.body, page(body))
        self.assertEqual(result.assets, [])

    def test_images_styles_and_data_urls_are_rewritten_and_their_files_listed(self):
        result = rewrite(
            '<img src="/media/images/a.width-480.jpg" '
            'srcset="/media/images/a.width-480.jpg 480w, /media/images/a.width-800.webp 800w">'
            '<video poster="/media/images/p.jpg"></video><div style="background: url(\'/static/img/b.svg\')" '
            'data-href="/fa/articles/"></div><style>p{background:url(/media/c.png)}</style>'
            '<link rel="stylesheet" href="/static/css/nashr.css?v=3">'
        )
        for expected in (
            b'src="../../media/images/a.width-480.jpg"',
            b'srcset="../../media/images/a.width-480.jpg 480w, ../../media/images/a.width-800.webp 800w"',
            b'poster="../../media/images/p.jpg"',
            b"url('../../static/img/b.svg')",
            b'data-href="../articles/index.html"',
            b"url(../../media/c.png)",
            b'href="../../static/css/nashr.css"',
        ):
            self.assertIn(expected, result.body)
        self.assertEqual(
            result.assets,
            [
                "/media/images/a.width-480.jpg",
                "/media/images/a.width-800.webp",
                "/media/images/p.jpg",
                "/static/img/b.svg",
                "/media/c.png",
                "/static/css/nashr.css",
            ],
        )

    def test_non_ascii_paths_are_percent_encoded_and_assets_decoded(self):
        result = rewrite('<a href="/fa/%D8%A8%D8%A7%D8%B1%D8%A7%D9%86/">x</a><img src="/media/عکس.jpg">')
        self.assertIn(b'href="../%D8%A8%D8%A7%D8%B1%D8%A7%D9%86/index.html"', result.body)
        self.assertIn(b'src="../../media/%D8%B9%DA%A9%D8%B3.jpg"', result.body)
        self.assertEqual(result.assets, ["/media/عکس.jpg"])

    def test_links_to_pages_outside_the_copy_go_to_the_primary_address_or_lose_their_href(self):
        inside = {"/fa/articles/", "/fa/about/"}.__contains__
        body = '<a href="/fa/articles/">in</a><a href="/fa/tag/rain/">out</a><img src="/media/x.jpg">'
        kept = rewrite(body, inside=inside)
        self.assertIn(b'<a href="../articles/index.html">in</a>', kept.body)
        self.assertIn(f'<a href="{PRIMARY}/fa/tag/rain/">out</a>'.encode(), kept.body)
        self.assertIn(b'src="../../media/x.jpg"', kept.body)
        dropped = rewrite(body, inside=inside, primary="")
        self.assertIn(b"<a>out</a>", dropped.body)

    def test_later_pages_of_a_listing_are_asked_about_with_their_number(self):
        asked = []
        rewrite('<a href="/fa/articles/?page=2">older</a>', inside=lambda url: asked.append(url) or True)
        self.assertEqual(asked, ["/fa/articles/?page=2"])


class FormTests(SimpleTestCase):
    def test_the_search_form_becomes_a_link_to_search_on_the_primary_address(self):
        result = rewrite(
            '<header><form role="search" action="/fa/search/" method="get"><input name="q">'
            '<a href="/fa/x/">x</a></form></header>'
        )
        self.assertIn(
            b'<header><p class="portable-note"><a href="https://news.example.org/fa/search/">', result.body
        )
        self.assertNotIn(b"<form", result.body)
        self.assertNotIn(b"<input", result.body)

    def test_a_posting_form_becomes_a_link_to_the_page_on_the_primary_address(self):
        result = rewrite(
            '<form id="comment-form" method="post" action="/fa/comments/4/"><textarea></textarea>'
            "<form><input></form><p>after</p>"
        )
        self.assertIn(b'<a href="https://news.example.org/fa/about/#comment-form">', result.body)
        self.assertIn(b"</p><p>after</p>", result.body)
        self.assertNotIn(b"<textarea", result.body)

    def test_a_form_posting_to_another_host_is_kept(self):
        body = '<form action="https://donate.example.net/" method="post"><button>Give</button></form>'
        self.assertEqual(rewrite(body).body, page(body))

    def test_a_form_with_a_javascript_action_is_replaced(self):
        result = rewrite('<form action="javascript:steal()"><input></form>')
        self.assertNotIn(b"javascript", result.body)
        self.assertIn(b"portable-note", result.body)

    def test_an_unclosed_form_loses_its_tag_but_not_what_follows(self):
        result = rewrite('<form action="/fa/search/"><input name="q"><p>Rain <a href="/fa/x/">x</a></p>')
        self.assertNotIn(b"<form", result.body)
        self.assertIn(b'<p>Rain <a href="../x/index.html">x</a></p>', result.body)


class HostileInputTests(SimpleTestCase):
    def test_script_urls_are_dropped_however_they_are_written(self):
        result = rewrite(
            '<a href="javascript:alert(1)">a</a><a href=" JaVa&#x09;ScRiPt:alert(1)">b</a>'
            '<img src="vbscript:x"><a href="java\nscript:x">c</a>'
            '<div style="background:url(javascript:alert(1))"></div>'
        )
        self.assertNotIn(b"script:", result.body.lower())
        self.assertIn(b"<a>a</a><a>b</a><img><a>c</a>", result.body)

    def test_dot_dot_paths_never_leave_the_copy(self):
        result = rewrite(
            '<a href="/fa/../../../etc/passwd">a</a><img src="/static/../../../etc/shadow">'
            '<a href="/fa/%2e%2e/%2e%2e/etc/">b</a>'
        )
        self.assertIn(b'<a href="../../etc/passwd">a</a>', result.body)  # the copy's own /etc/passwd
        self.assertIn(b"<a>b</a>", result.body)
        self.assertEqual(result.assets, [])  # /etc/shadow is neither /static/ nor /media/

    def test_malformed_html_is_kept_as_it_was_outside_the_urls(self):
        body = (
            '<p>Rain <b>in <i>Tehran</p><a href="/fa/x/" title="a < b">x</a> & <3 <!-- note -->'
            '<div class=">"><a href="/fa/y/" class=c>y'
            '</div><a href="/fa/z/'
        )
        result = rewrite(body)
        expected = page(body).replace(b'href="/fa/x/"', b'href="../x/index.html"')
        expected = expected.replace(b'<a href="/fa/y/" class=c>', b'<a href="../y/index.html" class="c">')
        self.assertEqual(result.body, expected)

    def test_bytes_that_are_not_utf8_are_kept_byte_for_byte(self):
        body = b'<html><body>\xff\xfe caf\xe9 <a href="/fa/\xe9/">x</a></body></html>'
        result = portable("/fa/about/", body, "text/html", primary=PRIMARY)
        self.assertIn(b"\xff\xfe caf\xe9 ", result.body)
        self.assertIn(b'<a href="../%E9/index.html">', result.body)  # the byte, percent-encoded

    def test_a_document_without_internal_urls_is_returned_unchanged(self):
        body = b"<!doctype html>\r\n<HTML><Body>\r\n<P>Rain &amp; sun</P>\r\n</Body></HTML>"
        self.assertEqual(portable("/fa/", body, "text/html", primary=PRIMARY).body, body)

    def test_an_empty_body_is_an_empty_document(self):
        self.assertEqual(portable("/fa/", b"", "text/html", primary=PRIMARY).body, b"")


class OtherTypesTests(SimpleTestCase):
    def test_stylesheet_urls_are_relative_to_the_stylesheet_and_its_fonts_listed(self):
        css = b"@font-face{src:url(../fonts/v.woff2)}"
        css += b"a{background:url('/static/img/x.svg#i')}@import 'print.css';"
        result = portable("/static/css/nashr.css", css, "text/css")
        self.assertEqual(
            result.body,
            b"@font-face{src:url(../fonts/v.woff2)}a{background:url('../img/x.svg#i')}@import 'print.css';",
        )
        self.assertEqual(
            result.assets, ["/static/fonts/v.woff2", "/static/img/x.svg", "/static/css/print.css"]
        )

    def test_feeds_and_json_are_returned_as_they_are(self):
        for content_type, body in (
            ("application/rss+xml", b'<rss><link>/fa/</link><a href="/fa/x/"/></rss>'),
            ("application/feed+json", b'{"home_page_url": "/fa/"}'),
            ("application/xml", b"<urlset/>"),
        ):
            result = portable("/fa/rss.xml", body, content_type)
            self.assertIs(result.body, body)
            self.assertEqual(result.assets, [])
