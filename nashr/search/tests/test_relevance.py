"""The relevance set (relevance.py) on the database the suite runs on: SQLite FTS5 or PostgreSQL."""

from django.db import connection
from django.test import TestCase

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions, publish
from nashr.home.models import StandardPage
from nashr.search.query import search

from .relevance import DOCUMENTS, QUERIES

SECTION_TITLES = {"en": "News", "fa": "اخبار", "ar": "أخبار", "sq": "Lajme"}


def body(text):
    return [("paragraph", f"<p>{text}</p>")]


def build_relevance_site():
    """The four editions with every document of the relevance set; returns {page id: document key}."""
    homes = build_editions()
    sections = {code: add_section(home, SECTION_TITLES[code]) for code, home in homes.items()}
    keys = {}
    for key, language, kind, title, text in DOCUMENTS:
        if kind == "standard":
            page = StandardPage(title=title, slug=key, body=f"<p>{text}</p>")
            homes[language].add_child(instance=page)
            publish(page)
        else:
            page = make_article(sections[language], title, slug=key, body=body(text))
        keys[page.pk] = key
    return keys


class RelevanceSetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.keys = build_relevance_site()

    def found(self, words, language):
        return {self.keys.get(page.pk, page.title) for page in search(words, language)}

    def test_the_set_is_large_enough(self):
        arabic_script = [q for q in QUERIES if q[0] in ("fa", "ar")]
        self.assertGreaterEqual(len(DOCUMENTS), 40)
        self.assertGreaterEqual(len(arabic_script), 80)
        self.assertTrue(any(not expected for _l, _w, expected in QUERIES), "negative queries")

    def test_every_query_finds_exactly_its_documents(self):
        failures = []
        for language, words, expected in QUERIES:
            found = self.found(words, language)
            if found != set(expected):
                failures.append(
                    f"[{language}] {words!r}: missing {sorted(set(expected) - found)}, "
                    f"unexpected {sorted(found - set(expected))}"
                )
        self.assertEqual(failures, [], f"on {connection.vendor}:\n" + "\n".join(failures))

    def test_all_editions_finds_each_edition_in_its_own_spelling(self):
        found = self.found("کتاب", None)
        self.assertEqual(found, {"fa1", "fa3", "fa14", "fa15", "ar1", "ar3"})

    def test_results_stay_in_the_edition(self):
        self.assertEqual(self.found("2024", "fa"), set())
        self.assertEqual(self.found("2024", "ar"), {"ar18"})
