"""Ranking a narrow search (at most RANKED_MAX matches): title before body, the word as written before its
other spellings and its other forms, newer before older at equal score, in fa, ar and en, on the database
the suite runs on (the order comes from `ranking.py`, so it is the same on SQLite and PostgreSQL)."""

import datetime as dt

from django.test import SimpleTestCase, TestCase
from django.utils import timezone

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions
from nashr.search.query import search_page_results
from nashr.search.ranking import EXACT, FOLDED, STEMMED, Candidate, Field, query_alternatives, rank

# (key, title, body, days ago): written so that each key scores less than the one before it
FA = [  # query مسئول
    ("title exact", "مسئول باشگاه", "گفت‌وگو درباره تمرین.", 30),
    ("title other seat", "مسؤول باشگاه", "گفت‌وگو درباره تمرین.", 25),
    ("title plural", "مسئولان باشگاه", "گفت‌وگو درباره تمرین.", 20),
    ("body exact", "گزارش هفته", "مسئول باشگاه گفت و مسئول ورزشگاه و مسئول پارک هم گفتند.", 1),
    ("body other seat", "گزارش ماه", "مسؤول باشگاه گفت.", 2),
    ("body plural, newer", "گزارش سال", "مسئولان باشگاه گفتند.", 3),
    ("body plural, older", "گزارش فصل", "مسئولان باشگاه گفتند.", 40),
]
AR = [  # query مؤتمر
    ("title exact", "مؤتمر الطقس", "ناقش الخبراء تقلبات الشتاء.", 30),
    ("title without hamza", "موتمر الطقس", "ناقش الخبراء تقلبات الشتاء.", 25),
    ("title with article", "المؤتمر السنوي", "ناقش الخبراء تقلبات الشتاء.", 20),
    ("body exact", "أخبار الأسبوع", "افتتح مؤتمر الطقس ثم مؤتمر المناخ ثم مؤتمر الزراعة.", 1),
    ("body without hamza", "أخبار الشهر", "افتتح موتمر الطقس.", 2),
    ("body with article, newer", "أخبار العام", "افتتح المؤتمر أمس.", 3),
    ("body with article, older", "أخبار الموسم", "افتتح المؤتمر أمس.", 40),
]
EN = [  # query cafe
    ("title exact", "Cafe on the corner", "Readers met there.", 30),
    ("title accented", "Café on the square", "Readers met there.", 25),
    ("body exact", "Weekend notes", "The cafe opened, then another cafe, then a third cafe.", 1),
    ("body accented, newer", "Month notes", "The café opened.", 2),
    ("body accented, older", "Year notes", "The café opened.", 40),
]
CASES = {"fa": ("مسئول", FA), "ar": ("مؤتمر", AR), "en": ("cafe", EN)}


class RankingOnTheSearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        now = timezone.now()
        cls.keys = {}
        for language, (_query, pages) in CASES.items():
            section = add_section(homes[language], f"ranking-{language}")
            for i, (key, title, text, days) in enumerate(pages):
                page = make_article(
                    section,
                    title,
                    slug=f"r{i}",
                    body=[("paragraph", f"<p>{text}</p>")],
                    published_at=now - dt.timedelta(days=days),
                )
                cls.keys[page.pk] = key

    def test_title_then_exact_form_then_newest(self):
        for language, (query, pages) in CASES.items():
            with self.subTest(language=language):
                results = search_page_results(query, language, per_page=20)
                self.assertIs(results.ranked, True)
                self.assertEqual([self.keys[hit.page.pk] for hit in results], [key for key, *_ in pages])

    def test_ranking_pages_through_the_results(self):
        query, pages = CASES["fa"]
        second = search_page_results(query, "fa", page=2, per_page=3)
        self.assertEqual([self.keys[hit.page.pk] for hit in second], [key for key, *_ in pages[3:6]])


class RankingRuleTests(SimpleTestCase):
    def level(self, query, text, language):
        [[word]] = query_alternatives(query, language)[:1]
        return Field(text, language).level(word)

    def test_levels(self):
        cases = [
            ("fa", "مسئول", "مسئول", EXACT), ("fa", "کتاب", "کـتاب", EXACT), ("fa", "کتاب", "كِتاب", EXACT),
            ("fa", "کتاب‌ها", "کتابها", EXACT), ("fa", "مسئول", "مسؤول", FOLDED),
            ("fa", "مسئول", "مسئولان", STEMMED), ("fa", "کتابخانه", "کتاب خانه", EXACT),
            ("ar", "مكتبة", "مكتبه", FOLDED), ("ar", "رئيس", "رييس", FOLDED),
            ("ar", "الكتاب", "كتاب", STEMMED), ("ar", "مؤتمر", "مهرجان", 0),
            ("en", "cafe", "Cafe", EXACT), ("en", "cafe", "café", FOLDED),
        ]  # fmt: skip
        for language, query, text, level in cases:
            with self.subTest(query=query, text=text):
                self.assertEqual(self.level(query, text, language), level)

    def test_a_title_match_in_any_form_outranks_any_body_match(self):
        now = timezone.now()
        candidates = [
            Candidate("body", "fa", "گزارش", "کتاب " * 50, now),
            Candidate("title", "fa", "کتاب‌هایش", "", now - dt.timedelta(days=9)),
        ]
        self.assertEqual(rank("کتاب", candidates), ["title", "body"])

    def test_equal_scores_go_newest_first_then_by_key(self):
        now = timezone.now()
        candidates = [
            Candidate(1, "en", "Rain", "", now - dt.timedelta(days=2)),
            Candidate(2, "en", "Rain", "", now),
            Candidate(3, "en", "Rain", "", None),
            Candidate(4, "en", "Rain", "", now),
        ]
        self.assertEqual(rank("rain", candidates), [4, 2, 1, 3])
