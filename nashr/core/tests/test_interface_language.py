from django.core.cache import cache
from django.test import SimpleTestCase, TestCase, override_settings
from django.utils import translation

from nashr.core.tests.edition_site import build_edition_site
from nashr.core.tests.factories import build_editions
from nashr.core.tests.interface_language import english_words, leftovers, marked_other
from nashr.editions.editions import get_edition

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
# Arabic is read in Arabic-Indic digits here, so that a number printed without the edition's filter shows.
DIGITS = {"fa": "arabext", "ar": "arab", "sq": "latn"}


@override_settings(NASHR_EDITION_DIGITS=DIGITS)
class NothingEnglishOnAnEditionsPagesTests(TestCase):
    """Every page type, and the readers' forms with their errors, in Farsi, Arabic and Albanian: no word of
    the interface is left in English and every number is in the edition's digits."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        cls.sites = {code: build_edition_site(homes[code], code) for code in ("fa", "ar", "sq")}

    def setUp(self):
        cache.clear()

    def pages(self, site):
        """(what, response) for each page of an edition, and each of its readers' forms refused."""
        for what, path in site.paths.items():
            response = self.client.get(path)
            self.assertEqual(response.status_code, 404 if what == "not_found" else 200, f"{what} {path}")
            yield what, response
        article, long = site.article, "ب" * 300  # longer than any name or subject may be
        comments, contact = (
            f"/{site.language}/comments/{article.pk}/",
            f"/{site.language}/contact-form/{site.contact.pk}/",
        )
        yield "comment refused", self.client.post(comments, {"body": "x", "name": long}, **ORIGIN)
        yield "reply refused", self.client.post(comments, {"body": "", "parent": site.comment.pk}, **ORIGIN)
        yield (
            "contact refused",
            self.client.post(contact, {"email": "not-an-address", "subject": long}, **ORIGIN),
        )
        yield (
            "signup refused",
            self.client.post(f"/{site.language}/subscriptions/", {"email": "x", "name": long}, **ORIGIN),
        )

    def test_no_interface_string_is_left_in_english_and_digits_follow_the_edition(self):
        failures = []
        for code, site in self.sites.items():
            for what, response in self.pages(site):
                self.assertLess(response.status_code, 500, what)
                path = response.request["PATH_INFO"].encode("latin-1").decode()  # as WSGI hands it over
                html = response.content.decode()
                self.assertIn(f'lang="{code}"', html[:200], what)
                for leftover in leftovers(html, code, DIGITS[code], site.written):
                    failures.append(f"{code} {what} {path}: {leftover}")
        self.assertFalse(failures, "\n" + "\n".join(failures))

    def test_the_check_finds_english_and_western_digits(self):
        """The reader of the pages is not blind: an English word, or Western digits on a Farsi page, fail."""
        html = '<html lang="fa"><body><p>نظر ۳ comments</p><button aria-label="Share">۳</button><p>12</p>'
        html += '<p lang="en">English</p></body></html>'
        found = leftovers(html, "fa", "arabext", set())
        self.assertEqual(len(found), 3, found)
        self.assertIn("<p>: 'نظر ۳ comments' (English: comments)", found)
        self.assertIn("<button aria-label>: 'Share' (English: Share)", found)
        self.assertIn("<p>: '12' (digits other than arabext)", found)
        # What leftovers passes over as another language's is listed apart: a credit shown in English.
        self.assertEqual(marked_other(html, "fa"), ["<p lang=en>: 'English'"])
        sq = '<html lang="sq"><body><p>Kopshti comments</p><input type="submit" value="Search"></body></html>'
        self.assertEqual(len(leftovers(sq, "sq", "latn", {"Kopshti"})), 2)
        self.assertIn("search", english_words())
        self.assertNotIn("kopshti", english_words())


class FileSizeTests(SimpleTestCase):
    def test_farsi_and_arabic_name_the_units_in_their_words_and_digits(self):
        self.assertEqual(get_edition("fa").file_size(150_009), "۱۴۶٫۵\xa0کیلوبایت")
        self.assertEqual(get_edition("fa").file_size(512), "۵۱۲\xa0بایت")
        self.assertEqual(get_edition("fa").file_size(3 * 1024**2), "۳٫۰\xa0مگابایت")
        self.assertEqual(get_edition("ar").file_size(5 * 1024**4), "5120.0\xa0غيغابايت")

    def test_other_editions_print_djangos_translated_size(self):
        with translation.override("sq"):
            self.assertEqual(get_edition("sq").file_size(150_009), "146,5\xa0KB")
        self.assertEqual(get_edition("fa").file_size(None), "۰\xa0بایت")
