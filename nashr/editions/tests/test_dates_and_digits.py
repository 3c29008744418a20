"""Dates and numbers as each edition's readers write them; machine-readable dates stay ISO."""

import datetime
import json
import re

import lxml.html
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.test import SimpleTestCase, TestCase, override_settings
from django.utils import translation
from wagtail.documents import get_document_model

from nashr.articles.tests.factories import make_article
from nashr.comments.models import Comment
from nashr.core.templatetags.nashr_tags import edition_date, edition_number
from nashr.core.tests.factories import add_section, build_editions, publish
from nashr.editions.editions import get_edition, parse_edition_digits
from nashr.publications.models import PeriodicalIssuePage

DAY = datetime.date(2026, 8, 4)
WESTERN = re.compile("[0-9]")
ARABIC_INDIC = re.compile("[٠-٩]")
PERSIAN = re.compile("[۰-۹]")


class FormatDateTests(SimpleTestCase):
    def test_a_known_day_in_every_edition(self):
        # The CLDR long formats (Babel 2.18) and the Solar Hijri date: 4 August 2026 is 13 Mordad 1405.
        expected = {
            "en": "August 4, 2026",
            "sq": "4 gusht 2026",
            "ar": "4 أغسطس 2026",
            "fa": "۱۳ مرداد ۱۴۰۵",
        }
        for code, text in expected.items():
            with self.subTest(edition=code):
                self.assertEqual(get_edition(code).format_date(DAY), text)

    def test_the_short_form(self):
        self.assertEqual(get_edition("fa").format_date(DAY, long=False), "۱۴۰۵/۰۵/۱۳")
        self.assertEqual(get_edition("sq").format_date(DAY, long=False), "4 gush 2026")
        self.assertEqual(get_edition("en").format_date(DAY, long=False), "Aug 4, 2026")

    def test_the_solar_hijri_year_turns_at_nowruz(self):
        fa = get_edition("fa")
        self.assertEqual(fa.format_date(datetime.date(2026, 3, 20)), "۲۹ اسفند ۱۴۰۴")
        self.assertEqual(fa.format_date(datetime.date(2026, 3, 21)), "۱ فروردین ۱۴۰۵")

    @override_settings(TIME_ZONE="Asia/Tehran")
    def test_a_datetime_is_dated_in_the_site_time_zone(self):
        late_evening_utc = datetime.datetime(2026, 8, 3, 21, 0, tzinfo=datetime.UTC)  # 00:30 in Tehran
        self.assertEqual(get_edition("fa").format_date(late_evening_utc), "۱۳ مرداد ۱۴۰۵")
        self.assertEqual(get_edition("en").format_date(late_evening_utc), "August 4, 2026")

    @override_settings(NASHR_FARSI_GREGORIAN=True)
    def test_farsi_can_show_the_gregorian_date_beside(self):
        self.assertEqual(get_edition("fa").format_date(DAY), "۱۳ مرداد ۱۴۰۵ (۴ اوت ۲۰۲۶)")
        self.assertEqual(get_edition("fa").format_date(DAY, long=False), "۱۴۰۵/۰۵/۱۳")

    @override_settings(NASHR_EDITION_DIGITS={"ar": "arab"})
    def test_arabic_can_choose_arabic_indic_digits(self):
        self.assertEqual(get_edition("ar").format_date(DAY), "٤ أغسطس ٢٠٢٦")

    def test_digits_are_made_one_system_whatever_they_came_in(self):
        mixed = "12 ١٢ ۱۲"
        self.assertEqual(get_edition("fa").digits(mixed), "۱۲ ۱۲ ۱۲")
        self.assertEqual(get_edition("ar").digits(mixed), "12 12 12")
        with override_settings(NASHR_EDITION_DIGITS={"ar": "arab"}):
            self.assertEqual(get_edition("ar").digits(mixed), "١٢ ١٢ ١٢")

    def test_the_digits_setting_is_read_from_the_environment_or_refused_clearly(self):
        self.assertEqual(parse_edition_digits(""), {})
        self.assertEqual(parse_edition_digits(" ar:arab , sq:latn,"), {"ar": "arab", "sq": "latn"})
        for bad in ["ar=arab", "ar:arabic", "ar"]:
            with (
                self.subTest(value=bad),
                self.assertRaisesMessage(ImproperlyConfigured, f"{bad!r} should read"),
            ):
                parse_edition_digits(bad)

    def test_decimal_numbers_take_the_digit_systems_separator(self):
        self.assertEqual(get_edition("fa").number("1.5 KB"), "۱٫۵ KB")
        self.assertEqual(get_edition("ar").number("1,5 ك.ب"), "1,5 ك.ب")
        self.assertEqual(get_edition("fa").number("v. 2"), "v. ۲")  # a point not between digits stays
        with override_settings(NASHR_EDITION_DIGITS={"ar": "arab"}):
            self.assertEqual(get_edition("ar").number("1,5 ك.ب"), "١٫٥ ك.ب")

    def test_filters_follow_the_active_language_and_take_no_date_quietly(self):
        with translation.override("fa"):
            self.assertEqual(edition_date(DAY), "۱۳ مرداد ۱۴۰۵")
            self.assertEqual(edition_date(DAY, "short"), "۱۴۰۵/۰۵/۱۳")
            self.assertEqual(edition_number("2.0 KB"), "۲٫۰ KB")
            self.assertEqual(edition_date(None), "")
        with translation.override("sq"):
            self.assertEqual(edition_date(DAY), "4 gusht 2026")


def visible_text(html):
    """The text a reader sees: no attributes (ISO datetimes, URLs), no scripts or styles."""
    tree = lxml.html.fromstring(html)
    for node in tree.xpath("//script | //style | //template | //head"):
        node.drop_tree()
    return " ".join(tree.xpath("//body")[0].itertext())


class OneDigitSystemPerPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        published = datetime.datetime(2026, 8, 4, 9, 30, tzinfo=datetime.UTC)
        content = b"%PDF-1.4 " + b"x" * 1600
        pdf = get_document_model().objects.create(
            title="Bulletin", file=ContentFile(content, name="bulletin.pdf"), file_size=len(content)
        )
        cls.pages = {}
        words = {
            "fa": ("خبرها", "گزارش", "خبرنامه", "سارا", "سپاس"),
            "ar": ("أخبار", "تقرير", "نشرة", "سارة", "شكرا"),
        }
        for code, (section_title, article_title, issue_title, name, thanks) in words.items():
            section = add_section(homes[code], section_title, slug=f"news-{code}")
            articles = [
                make_article(
                    section,
                    f"{article_title} {'ا' * (n + 1)}",
                    slug=f"report-{code}-{n}",
                    published_at=published,
                )
                for n in range(11)  # two pages of ten
            ]
            for _ in range(12):
                Comment.objects.create(
                    page=articles[0], name=name, body=thanks, status=Comment.Status.APPROVED
                )
            issue = PeriodicalIssuePage(
                title=issue_title, slug=f"bulletin-{code}", periodical="newsletter", number=12, document=pdf
            )
            section.add_child(instance=issue)
            publish(issue)
            cls.pages[code] = {"article": articles[0].url, "listing": section.url, "issue": issue.url}

    def page_texts(self, code):
        for kind, url in self.pages[code].items():
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            yield kind, response.content.decode(), visible_text(response.content)

    def test_farsi_pages_show_only_persian_digits(self):
        texts = {kind: text for kind, _, text in self.page_texts("fa")}
        self.assertIn("۱۳ مرداد ۱۴۰۵", texts["article"])
        self.assertIn("۱۲", texts["article"])  # the comment count
        self.assertIn("۲", texts["listing"])  # "page 1 of 2"
        self.assertIn("۱٫۶", texts["issue"])  # 1,609 bytes
        for kind, text in texts.items():
            with self.subTest(page=kind):
                self.assertEqual(WESTERN.findall(text) + ARABIC_INDIC.findall(text), [])

    def test_arabic_pages_keep_western_digits_by_default(self):
        texts = {kind: text for kind, _, text in self.page_texts("ar")}
        self.assertIn("4 أغسطس 2026", texts["article"])
        for kind, text in texts.items():
            with self.subTest(page=kind):
                self.assertEqual(ARABIC_INDIC.findall(text) + PERSIAN.findall(text), [])

    @override_settings(NASHR_EDITION_DIGITS={"ar": "arab"})
    def test_arabic_pages_can_show_only_arabic_indic_digits(self):
        texts = {kind: text for kind, _, text in self.page_texts("ar")}
        self.assertIn("٤ أغسطس ٢٠٢٦", texts["article"])
        self.assertIn("١٫٦", texts["issue"])
        for kind, text in texts.items():
            with self.subTest(page=kind):
                self.assertEqual(WESTERN.findall(text) + PERSIAN.findall(text), [])

    def test_time_elements_keep_the_iso_date(self):
        html = next(html for kind, html, _ in self.page_texts("fa") if kind == "article")
        self.assertRegex(html, r'<time[^>]* datetime="2026-08-04T09:30:00\+00:00">۱۳ مرداد ۱۴۰۵</time>')

    def test_feeds_sitemaps_and_json_ld_keep_iso_dates(self):
        article = self.client.get(self.pages["fa"]["article"]).content.decode()
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', article, re.S)[1])
        graph = ld.get("@graph", [ld])
        self.assertIn("2026-08-04T09:30:00+00:00", [item.get("datePublished") for item in graph])
        for path in ["/fa/rss.xml", "/fa/feed.json", "/sitemap-fa-1.xml"]:
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                body = body.decode()
                # RSS dates are RFC 822, the rest ISO 8601: Western digits either way.
                self.assertRegex(body, r"\d{4}-\d\d-\d\dT\d\d:\d\d|Tue, 04 Aug 2026 09:30:00")
                self.assertEqual(PERSIAN.findall(body), [])
