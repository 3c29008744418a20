"""The search page: results, filters, editions, pagination, the header box, and bad input."""

import datetime as dt

from django.conf import settings
from django.test import TestCase
from django.utils import timezone
from wagtail.models import PageViewRestriction

from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions, publish
from nashr.home.models import StandardPage


def body(text):
    return [("paragraph", f"<p>{text}</p>")]


class SearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.fa_news = add_section(homes["fa"], "اخبار")
        cls.fa_culture = add_section(homes["fa"], "فرهنگ")
        ar_news = add_section(homes["ar"], "أخبار")
        en_news = add_section(homes["en"], "News")
        old = timezone.now() - dt.timedelta(days=400)
        cls.fair = make_article(
            cls.fa_culture, "نمایشگاه کتاب تهران", body=body("نمایشگاه کتاب با حضور ناشران برگزار شد.")
        )
        cls.old_books = make_article(
            cls.fa_news, "کتاب‌های قدیمی", body=body("کتابهای قدیمی در بازار."), published_at=old
        )
        cls.about = StandardPage(
            title="دربارهٔ ما", slug="about", body="<p>ما کتاب و فرهنگ را دوست داریم.</p>"
        )
        homes["fa"].add_child(instance=cls.about)
        publish(cls.about)
        cls.draft = make_article(cls.fa_news, "کتاب پیش‌نویس", live=False)
        cls.ar_book = make_article(ar_news, "معرض الكتاب", body=body("الكتاب في القاهرة"))
        for i in range(12):
            make_article(en_news, f"Weather report {i}", slug=f"weather-{i}", body=body("Rain and wind."))

    def get(self, language, **params):
        return self.client.get(f"/{language}/search/", params)

    def titles(self, response):
        return [hit.page.title for hit in response.context["results"]]

    def test_finds_every_page_type_of_the_edition_with_highlighted_snippets(self):
        response = self.get("fa", q="كتاب")  # Arabic kaf on a Persian page
        self.assertEqual(response.status_code, 200)
        self.assertCountEqual(self.titles(response), ["نمایشگاه کتاب تهران", "کتاب‌های قدیمی", "دربارهٔ ما"])
        self.assertContains(response, "<mark>کتاب</mark>")
        self.assertContains(response, "<mark>کتابهای</mark>")
        self.assertContains(response, 'class="search-result__kind"')
        self.assertContains(response, "<time")

    def test_drafts_and_other_editions_are_not_found(self):
        titles = self.titles(self.get("fa", q="کتاب"))
        self.assertNotIn("کتاب پیش‌نویس", titles)
        self.assertNotIn("معرض الكتاب", titles)

    def test_all_editions_on_request(self):
        response = self.get("fa", q="کتاب", scope="all")
        self.assertIn("معرض الكتاب", self.titles(response))
        self.assertContains(response, 'lang="ar"')

    def test_filter_by_type(self):
        response = self.get("fa", q="کتاب", type="home.standardpage")
        self.assertEqual(self.titles(response), ["دربارهٔ ما"])

    def test_filter_by_section(self):
        response = self.get("fa", q="کتاب", section=self.fa_culture.pk)
        self.assertEqual(self.titles(response), ["نمایشگاه کتاب تهران"])

    def test_filter_by_date_range(self):
        today = timezone.now().date()
        recent = self.get("fa", q="کتاب", date_from=str(today - dt.timedelta(days=30)))
        self.assertEqual(self.titles(recent), ["نمایشگاه کتاب تهران"])
        old = self.get("fa", q="کتاب", date_to=str(today - dt.timedelta(days=300)))
        self.assertEqual(self.titles(old), ["کتاب‌های قدیمی"])

    def test_pagination(self):
        first = self.get("en", q="rain")
        self.assertEqual(len(self.titles(first)), 10)
        self.assertContains(first, 'rel="next"')
        second = self.get("en", q="rain", page=2)
        self.assertEqual(len(self.titles(second)), 2)
        self.assertFalse(set(self.titles(first)) & set(self.titles(second)))

    def test_useful_empty_states(self):
        self.assertContains(self.get("fa"), "search-form")
        nothing = self.get("fa", q="فضاپیما")
        self.assertEqual(nothing.status_code, 200)
        self.assertContains(nothing, "scope=all")
        self.assertEqual(list(nothing.context["results"]), [])

    def test_header_has_an_accessible_search_box_on_every_page(self):
        response = self.client.get("/fa/")
        self.assertContains(response, 'role="search"')
        self.assertContains(response, 'action="/fa/search/"')
        self.assertContains(response, '<label class="visually-hidden" for="site-search-q">')
        self.assertContains(response, 'id="site-search-q" type="search" name="q"')

    def test_the_box_keeps_the_words_searched(self):
        self.assertContains(self.get("fa", q="کتاب تهران"), 'value="کتاب تهران"')


class BadInputTests(TestCase):
    """Whatever a reader or a robot sends gets a clear page, never an error."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        news = add_section(homes["ar"], "أخبار")
        make_article(news, "معرض الكتاب", body=body("الكتاب في القاهرة"))

    def assert_clear_page(self, **params):
        response = self.client.get("/ar/search/", params)
        self.assertEqual(response.status_code, 200, params)
        self.assertContains(response, "search-form")
        return response

    def test_full_text_syntax_is_taken_as_words(self):
        syntax = ['"الكتاب', "الكتاب*", "-الكتاب", "الكتاب NEAR القاهرة", "الكتاب OR", "(الكتاب)"]
        syntax += ["\\الكتاب\\", "الكتاب AND NOT", "'; DROP TABLE x; --", "col:الكتاب", "^الكتاب~2"]
        for q in syntax:
            with self.subTest(q=q):
                self.assert_clear_page(q=q)
        found = self.assert_clear_page(q='"الكتاب" (القاهرة)*')
        self.assertEqual([h.page.title for h in found.context["results"]], ["معرض الكتاب"])

    def test_empty_punctuation_and_marks_only(self):
        for q in ["", "   ", "!!!", "؟ ، «»", "\u200c", "ـــ", "\u064b\u0651", "\x00"]:
            with self.subTest(q=q):
                response = self.assert_clear_page(q=q)
                self.assertIsNone(response.context["results"])

    def test_ten_kilobytes(self):
        response = self.assert_clear_page(q="الكتاب " * 1500)
        self.assertContains(response, "notice")
        self.assertTrue(response.context["form"].truncated)

    def test_mixed_scripts(self):
        self.assert_clear_page(q="الكتاب book کتاب книга 书 😀 ١٢3۴")

    def test_invalid_page_numbers(self):
        for page in ["abc", "-1", "0", "99999", "1.5", "1e9", ""]:
            with self.subTest(page=page):
                self.assert_clear_page(q="الكتاب", page=page)

    def test_invalid_filters_are_reported_and_the_words_still_searched(self):
        response = self.assert_clear_page(
            q="الكتاب", section="abc", type="nope.nothing", date_from="yesterday", scope="everywhere"
        )
        form = response.context["form"]
        self.assertEqual(set(form.errors), {"section", "type", "date_from", "scope"})
        self.assertContains(response, 'aria-invalid="true"')
        self.assertEqual([h.page.title for h in response.context["results"]], ["معرض الكتاب"])

    def test_dates_in_the_wrong_order(self):
        response = self.assert_clear_page(q="الكتاب", date_from="2030-01-01", date_to="2020-01-01")
        self.assertIn("date_to", response.context["form"].errors)

    def test_unknown_section_number(self):
        self.assert_clear_page(q="الكتاب", section="999999")


class BroadSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        make_article(add_section(homes["sq"], "Lajme"), "Rain in Tirana", slug="rain-sq")
        news = add_section(homes["en"], "News")
        for i in range(4):
            make_article(
                news, f"Rain report {i}", slug=f"rain-{i}", published_at=timezone.now() - dt.timedelta(i)
            )
        # Newer matches that must never be listed: a draft, and a page in a private section.
        make_article(news, "Rain draft", slug="rain-draft", live=False)
        private = add_section(homes["en"], "Members")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        make_article(private, "Rain for members", slug="rain-members")

    def broad(self, **params):
        """A search for `rain` as if at most two matches could be ranked, with two results a page."""
        from nashr.search import query

        original = (query.RANKED_MAX, settings.NASHR_PAGE_SIZE)
        query.RANKED_MAX = 2
        try:
            with self.settings(NASHR_PAGE_SIZE=2):
                return self.client.get("/en/search/", {"q": "rain", **params})
        finally:
            query.RANKED_MAX = original[0]

    def titles(self, response):
        return [hit.page.title for hit in response.context["results"]]

    def test_more_matches_than_can_be_ranked_come_newest_first(self):
        ranked = self.client.get("/en/search/", {"q": "rain"})
        self.assertIs(ranked.context["ranked"], True)
        self.assertContains(ranked, "4 results for")
        broad = self.broad()
        self.assertIs(broad.context["ranked"], False)
        self.assertContains(broad, "newest come first")
        self.assertEqual(self.titles(broad), ["Rain report 3", "Rain report 2"])

    def test_broad_results_are_not_counted_past_the_next_page(self):
        first = self.broad()
        self.assertTrue(first.context["results"].capped)
        self.assertContains(first, "More than 2 results for")
        self.assertContains(first, "Page 1<")
        self.assertNotContains(first, "Page 1 of")
        self.assertContains(first, 'rel="next"')
        self.assertNotContains(first, 'rel="prev"')

    def test_broad_results_last_page_shows_the_exact_count(self):
        last = self.broad(page=2)
        self.assertFalse(last.context["results"].capped)
        self.assertEqual(self.titles(last), ["Rain report 1", "Rain report 0"])
        self.assertContains(last, "4 results for")
        self.assertContains(last, "Page 2 of 2")
        self.assertContains(last, 'rel="prev"')
        self.assertNotContains(last, 'rel="next"')

    def test_broad_results_every_page_once(self):
        seen = []
        for page in (1, 2):
            seen += self.titles(self.broad(page=page))
        self.assertEqual(seen, [f"Rain report {i}" for i in (3, 2, 1, 0)])

    def test_broad_results_page_past_the_end_shows_the_last_page(self):
        for page in ("3", "99999", "1" + "0" * 40):
            with self.subTest(page=page):
                response = self.broad(page=page)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(self.titles(response), ["Rain report 1", "Rain report 0"])

    def test_broad_results_whether_or_not_the_newest_rows_hold_them(self):
        """PostgreSQL reads the newest rows first, then the whole query when they do not hold the page."""
        from nashr.search import query

        original = query.NEWEST_FIRST
        for newest_first in (1, 3, 6, 100):
            query.NEWEST_FIRST = newest_first
            try:
                with self.subTest(newest_first=newest_first):
                    self.assertEqual(self.titles(self.broad()), ["Rain report 3", "Rain report 2"])
                    self.assertEqual(self.titles(self.broad(page=2)), ["Rain report 1", "Rain report 0"])
            finally:
                query.NEWEST_FIRST = original

    def test_broad_results_in_all_editions(self):
        response = self.broad(scope="all")
        self.assertTrue(response.context["results"].capped)
        self.assertEqual(self.titles(response), ["Rain report 3", "Rain report 2"])
        last = self.broad(scope="all", page=3)
        self.assertEqual(self.titles(last), ["Rain in Tirana"])
        self.assertContains(last, "5 results for")
