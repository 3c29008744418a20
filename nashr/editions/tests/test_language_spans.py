"""A phrase marked in another language: kept by the editor, isolated on the site, in feeds and mail."""

import html
import json

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.test import TestCase
from django.urls import reverse
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from nashr.articles.tests.factories import make_article
from nashr.core.blocks.body import RICH_TEXT_FEATURES
from nashr.core.tests.factories import add_section, build_editions
from nashr.mail import render_issue
from nashr.publications.tests.factories import add_issue

PERSIAN = '<p>به گزارش <span lang="en" dir="ltr">BBC News</span>، کتابخانه باز شد.</p>'
SPAN = r'<span (lang="en" dir="ltr"|dir="ltr" lang="en")>BBC News</span>'
ENGLISH = '<p>The word <span lang="fa" dir="rtl">کتاب</span> means book.</p>'


def spans(markup):
    return [
        (s.get("lang"), s.get("dir"), s.text) for s in BeautifulSoup(markup, "html.parser").find_all("span")
    ]


class ConverterTests(TestCase):
    def test_a_span_round_trips_through_the_editor(self):
        converter = ContentstateConverter(RICH_TEXT_FEATURES)
        for stored in (PERSIAN, ENGLISH):
            with self.subTest(stored=stored):
                state = json.loads(converter.from_database_format(stored))
                styles = [r["style"] for block in state["blocks"] for r in block["inlineStyleRanges"]]
                self.assertEqual(len(styles), 1)
                self.assertTrue(styles[0].startswith("LANG_"))
                self.assertEqual(spans(converter.to_database_format(json.dumps(state))), spans(stored))

    def test_the_editor_marks_a_selection_in_each_editions_language(self):
        converter = ContentstateConverter(RICH_TEXT_FEATURES)
        state = {
            "blocks": [
                {
                    "key": "a1",
                    "type": "unstyled",
                    "depth": 0,
                    "text": "Sport در Tirana",
                    "inlineStyleRanges": [
                        {"offset": 0, "length": 5, "style": "LANG_EN"},
                        {"offset": 9, "length": 6, "style": "LANG_SQ"},
                    ],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
        self.assertEqual(
            spans(converter.to_database_format(json.dumps(state))),
            [("en", "ltr", "Sport"), ("sq", "ltr", "Tirana")],
        )

    def test_a_span_in_no_edition_language_is_not_kept_as_one(self):
        converter = ContentstateConverter(RICH_TEXT_FEATURES)
        state = converter.from_database_format('<p>A <span lang="de">Wort</span>.</p>')
        self.assertEqual(spans(converter.to_database_format(state)), [])


class ReadersSeeTheSpanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.section = add_section(cls.homes["fa"], "خبرها", slug="news")
        cls.article = make_article(cls.section, "کتابخانه", body=[("paragraph", PERSIAN)])
        cls.issue = add_issue(cls.section, "خبرنامه", 1, body=PERSIAN)

    def test_the_article_page_shows_the_span_isolated(self):
        page = self.client.get(self.article.url).content.decode()
        self.assertIn(("en", "ltr", "BBC News"), spans(page))
        with open(finders.find("css/nashr.css"), encoding="utf-8") as css:
            self.assertIn(".rich-text span[dir] { unicode-bidi: isolate; }", css.read())

    def test_feeds_carry_the_span(self):
        for feed in ("/fa/rss.xml", "/fa/atom.xml"):
            with self.subTest(feed=feed):
                response = self.client.get(feed)
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                ).decode()
                self.assertRegex(html.unescape(body), SPAN)

    def test_mail_carries_the_span(self):
        rendered = render_issue(self.issue)
        self.assertIn(("en", "ltr", "BBC News"), spans(rendered.html))
        self.assertIn("span[dir] { unicode-bidi: isolate; }", rendered.html)


class EditorOffersTheLanguagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_editions()
        cls.section = add_section(cls.homes["fa"], "خبرها", slug="news")
        cls.article = make_article(cls.section, "کتابخانه", body=[("paragraph", PERSIAN)])
        cls.chief = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def test_the_body_offers_one_button_per_edition(self):
        self.client.force_login(self.chief)
        page = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.article.pk])).content.decode()
        self.assertIn("LANG_EN", page)
        for code in ("EN", "FA", "AR", "SQ"):
            self.assertIn(f"&quot;label&quot;: &quot;{code}&quot;", page)
