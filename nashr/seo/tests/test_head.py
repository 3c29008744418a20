import re
from urllib.parse import quote

import extruct
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from .newsroom import build_newsroom

ROOT = "http://localhost"


class HeadMetadataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_newsroom(cls)

    def page(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        html = response.content.decode()
        # extruct with strict errors: malformed JSON-LD or markup raises instead of being skipped.
        data = extruct.extract(html, base_url=ROOT + url, syntaxes=["json-ld", "opengraph"], errors="strict")
        graph = [item for block in data["json-ld"] for item in block.get("@graph", [block])]
        self.assertEqual(len(data["opengraph"]), 1)
        values = {}
        for name, value in data["opengraph"][0]["properties"]:
            values.setdefault(name, []).append(value)
        og = {name: found[0] if len(found) == 1 else found for name, found in values.items()}
        return html, {item["@type"]: item for item in graph}, og

    def head_links(self, html, rel):
        head = html[: html.index("</head>")]
        return re.findall(rf'<link rel="{rel}"(?: hreflang="([^"]+)")? href="([^"]+)">', head)

    def test_an_article_has_canonical_description_and_hreflang_for_its_translations(self):
        html, _, _ = self.page(self.article.url)
        self.assertEqual(self.head_links(html, "canonical"), [("", f"{ROOT}{self.article.url}")])
        self.assertIn(
            '<meta name="description" content="The autumn book fair opens with forty stands.">', html
        )
        alternates = self.head_links(html, "alternate")
        expected = [
            ("en", f"{ROOT}{self.article.url}"),
            ("fa", f"{ROOT}{self.fa_article.url}"),
            ("ar", f"{ROOT}{self.ar_article.url}"),
            ("x-default", f"{ROOT}{self.article.url}"),
        ]
        self.assertEqual(alternates, expected)
        fa_html, _, _ = self.page(self.fa_article.url)
        self.assertEqual(
            self.head_links(fa_html, "alternate"), expected
        )  # reciprocal, no unpublished edition

    def test_open_graph_and_twitter_describe_the_article_with_image_dimensions(self):
        html, _, og = self.page(self.article.url)
        self.assertEqual(og["og:title"], "Book fair opens")
        self.assertEqual(og["og:type"], "article")
        self.assertEqual(og["og:url"], f"{ROOT}{self.article.url}")
        self.assertEqual(og["og:site_name"], "Nashr")
        self.assertEqual(og["og:description"], "The autumn book fair opens with forty stands.")
        self.assertTrue(og["og:image"].startswith(f"{ROOT}/media/images/"))
        self.assertEqual((og["og:image:width"], og["og:image:height"]), ("640", "336"))
        self.assertTrue(og["og:image:alt"])
        self.assertEqual(og["article:section"], "Culture")
        self.assertEqual(sorted(og["article:tag"]), ["books", "fair"])
        self.assertIn('<meta name="twitter:card" content="summary_large_image">', html)
        self.assertIn(f'<meta name="twitter:image" content="{og["og:image"]}">', html)

    def test_news_article_json_ld_carries_provenance_translator_and_breadcrumbs(self):
        _, items, _ = self.page(self.article.url)
        article = items["NewsArticle"]
        url = f"{ROOT}{self.article.url}"
        self.assertEqual(article["headline"], "Book fair opens")
        self.assertEqual(article["mainEntityOfPage"], url)
        self.assertEqual(article["inLanguage"], "en")
        self.assertEqual(article["datePublished"], self.article.published_at.isoformat())
        self.assertTrue(article["dateModified"])
        self.assertEqual(
            article["author"], [{"@type": "Person", "name": "Ana Writer", "url": f"{ROOT}/en/author/ana/"}]
        )
        self.assertEqual(article["publisher"], {"@id": f"{ROOT}/#organization"})
        self.assertTrue(article["image"]["url"].startswith(f"{ROOT}/media/images/"))
        self.assertEqual(article["translator"]["name"], "Leo Translator")
        original = {
            "@type": "CreativeWork",
            "name": "Buchmesse eröffnet",
            "url": "https://news.example.org/stadtblatt/buchmesse",
            "inLanguage": "de",
            "publisher": {"@type": "Organization", "name": "Stadtblatt"},
        }
        self.assertEqual(article["isBasedOn"], original)
        self.assertEqual(article["translationOfWork"], original)
        crumbs = items["BreadcrumbList"]["itemListElement"]
        self.assertEqual([c["item"] for c in crumbs], [f"{ROOT}/en/", f"{ROOT}/en/articles/", url])
        self.assertEqual([c["position"] for c in crumbs], [1, 2, 3])
        self.assertEqual(items["Organization"]["name"], "Nashr")
        action = items["WebSite"]["potentialAction"]
        self.assertEqual(action["@type"], "SearchAction")
        self.assertEqual(action["target"]["urlTemplate"], f"{ROOT}/en/search/?q={{search_term_string}}")
        self.assertEqual(action["query-input"], "required name=search_term_string")

    def test_an_article_of_our_own_has_no_provenance(self):
        _, items, _ = self.page(self.old_article.url)
        self.assertNotIn("isBasedOn", items["NewsArticle"])
        self.assertNotIn("translator", items["NewsArticle"])

    def test_books_and_periodical_issues_are_described_as_such(self):
        _, items, og = self.page(self.book.url)
        book = items["Book"]
        self.assertEqual(book["name"], "River Tales")
        self.assertEqual(book["isbn"], "9780000000001")
        self.assertEqual(book["numberOfPages"], 120)
        self.assertEqual(book["author"]["name"], "Mira Stone")
        self.assertEqual(book["publisher"]["name"], "Lake Press")
        self.assertTrue(og["og:image"])
        _, items, _ = self.page(self.issue.url)
        issue = items["PublicationIssue"]
        self.assertEqual(issue["issueNumber"], "1")
        self.assertEqual(issue["isPartOf"]["@type"], "Periodical")
        self.assertEqual(issue["url"], f"{ROOT}{self.issue.url}")

    def test_taxonomy_pages_have_their_own_canonical_description_and_translations(self):
        html, items, og = self.page("/en/category/culture/")
        self.assertEqual(self.head_links(html, "canonical"), [("", f"{ROOT}/en/category/culture/")])
        self.assertIn('<meta name="description" content="Books, music and fairs.">', html)
        self.assertIn(
            ("fa", f"{ROOT}{self.fa_category.get_absolute_url()}"), self.head_links(html, "alternate")
        )
        self.assertEqual(og["og:title"], "Culture")
        self.assertEqual(
            [c["name"] for c in items["BreadcrumbList"]["itemListElement"]], ["Nashr", "Culture"]
        )
        html, _, _ = self.page("/en/tag/books/")
        self.assertEqual(
            self.head_links(html, "alternate"),
            [("en", f"{ROOT}/en/tag/books/"), ("x-default", f"{ROOT}/en/tag/books/")],
        )

    def test_a_categorys_translations_are_read_once_for_the_head_and_the_editions_menu(self):
        fa_url = self.fa_category.get_absolute_url()
        with CaptureQueriesContext(connection) as queries:
            html, _, _ = self.page("/en/category/culture/")
        reads = [q["sql"] for q in queries if '"articles_category"."translation_key" =' in q["sql"]]
        self.assertEqual(len(reads), 1, reads)
        self.assertIn(("fa", f"{ROOT}{fa_url}"), self.head_links(html, "alternate"))
        menu = html[html.index('class="editions"') :]
        self.assertIn(f"next={quote(fa_url)}", menu[: menu.index("</nav>")])

    def test_a_listing_without_a_description_says_what_it_lists(self):
        html, _, og = self.page(self.section.url)
        self.assertIn('<meta name="description" content="The latest in Articles from Nashr.">', html)
        self.assertEqual(og["og:description"], "The latest in Articles from Nashr.")
        html, _, _ = self.page(self.fa_section.url)
        self.assertIn('<meta name="description" content="تازه‌ترین‌های مقاله‌ها در ', html)
        html, _, _ = self.page(self.article.url)  # a piece keeps its own summary
        summary = "The autumn book fair opens with forty stands."
        self.assertIn(f'<meta name="description" content="{summary}">', html)

    def test_a_later_listing_page_is_its_own_canonical(self):
        for n in range(11):
            self.old_article.copy(
                update_attrs={"title": f"Copy {n}", "slug": f"copy-{n}"}
            ).save_revision().publish()
        html, _, _ = self.page(f"{self.section.url}?page=2")
        self.assertEqual(self.head_links(html, "canonical"), [("", f"{ROOT}{self.section.url}?page=2")])

    def test_json_ld_cannot_close_its_script_element(self):
        self.article.title = "Fair </script><script>alert(1)</script>"
        self.article.save_revision().publish()
        html, items, _ = self.page(self.article.url)
        self.assertEqual(html.count("<script"), 1)
        self.assertEqual(items["NewsArticle"]["headline"], "Fair </script><script>alert(1)</script>")
