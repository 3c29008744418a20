"""Dates formatted from the short CLDR table are Babel's own, and the table is what Babel gives now."""

import datetime
import io
import tempfile
from pathlib import Path
from unittest import mock

from babel.dates import format_date as babel_format_date
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase

from nashr.core.tests.fresh_process import last_line
from nashr.editions import cldr
from nashr.editions.management.commands import cldr_dates


def every_day(year):
    day = datetime.date(year, 1, 1)
    while day.year == year:
        yield day
        day += datetime.timedelta(days=1)


class DateTableTests(SimpleTestCase):
    def test_the_table_is_what_babel_gives_for_every_edition(self):
        self.assertEqual(cldr_dates.TABLE.read_text(encoding="utf-8"), cldr_dates.table_text())
        out = io.StringIO()
        call_command("cldr_dates", "--check", stdout=out)
        self.assertIn("matches", out.getvalue())

    def test_check_fails_on_a_table_that_differs(self):
        # A copy: other test processes may be reading the real table.
        with tempfile.TemporaryDirectory() as folder:
            table = Path(folder) / "cldr_dates.py"
            table.write_text(cldr_dates.table_text().replace("'MMMM d, y'", "'d MMMM y'"), encoding="utf-8")
            with mock.patch.object(cldr_dates, "TABLE", table):
                with self.assertRaisesMessage(CommandError, "run manage.py cldr_dates"):
                    call_command("cldr_dates", "--check")
                call_command("cldr_dates", stdout=io.StringIO())  # rewritten from Babel
                call_command("cldr_dates", "--check", stdout=io.StringIO())
            self.assertIn("'MMMM d, y'", table.read_text(encoding="utf-8"))

    def test_every_day_reads_as_babel_writes_it_from_its_full_data(self):
        days = [*every_day(2024), *every_day(2026), datetime.date(1, 1, 1), datetime.date(9999, 12, 31)]
        for code, _ in settings.LANGUAGES:
            for form in cldr.FORMS:
                with self.subTest(edition=code, form=form):
                    expected = [babel_format_date(day, form, locale=code.replace("-", "_")) for day in days]
                    self.assertEqual([cldr.format_date(day, form, code) for day in days], expected)

    def test_a_pattern_with_a_field_not_written_here_is_written_by_babel(self):
        entry = {**cldr._entries()["en"], "patterns": {"long": "EEEE, MMMM d, y G", "medium": "MMM d, y"}}
        cldr._compiled.cache_clear()
        try:
            with mock.patch.dict(cldr._entries(), {"en": entry}):
                self.assertIsNone(cldr._compiled("en", "long"))
                self.assertEqual(
                    cldr.format_date(datetime.date(2026, 8, 4), "long", "en"), "Tuesday, August 4, 2026 AD"
                )
        finally:
            cldr._compiled.cache_clear()

    def test_a_language_missing_from_the_table_uses_babels_full_data(self):
        self.assertNotIn("de", cldr._entries())
        self.assertEqual(cldr.format_date(datetime.date(2026, 8, 4), "long", "de"), "4. August 2026")
        self.assertEqual(cldr.format_date(datetime.date(2026, 8, 4), "medium", "pt-br"), "4 de ago. de 2026")

    def test_a_worker_formatting_dates_does_not_load_babels_locale_data(self):
        code = (
            "import datetime, django; django.setup();"
            "import babel.localedata as data; from nashr.editions.editions import get_edition;"
            "[get_edition(c).format_date(datetime.date(2026, 8, 4), long=l) for c in ('en','fa','ar','sq')"
            " for l in (True, False)];"
            "print(sorted(data._cache))"
        )
        self.assertEqual(last_line(code), "[]")


class ListTests(SimpleTestCase):
    """Names joined as each edition writes a list: Babel's CLDR patterns, from the short table."""

    def test_every_edition_joins_as_babel_does_from_its_full_data(self):
        from babel.lists import format_list as babel_format_list

        names = ["Ana", "Bora", "Cyrus", "Dina"]
        for code, _name in settings.LANGUAGES:
            for count in range(5):
                with self.subTest(code=code, count=count):
                    expected = babel_format_list(names[:count], locale=code) if count else ""
                    self.assertEqual(cldr.format_list(names[:count], code), expected)

    def test_farsi_and_arabic_use_their_own_comma_and_word_for_and(self):
        self.assertEqual(cldr.format_list(["A", "B", "C"], "fa"), "A،\u200f B، و C")
        self.assertEqual(cldr.format_list(["A", "B", "C"], "ar"), "A وB وC")
        self.assertEqual(cldr.format_list(["A", "B", "C"], "sq"), "A, B dhe C")

    def test_markup_items_are_kept_and_the_result_is_markup(self):
        from markupsafe import Markup, escape

        joined = cldr.format_list([Markup("<bdi>A</bdi>"), escape("<b>&")], "en")
        self.assertIsInstance(joined, Markup)
        self.assertEqual(joined, "<bdi>A</bdi> and &lt;b&gt;&amp;")

    def test_a_language_missing_from_the_table_uses_babels_full_data(self):
        self.assertEqual(cldr.format_list(["A", "B", "C"], "de"), "A, B und C")
