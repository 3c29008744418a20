"""Each edition's dates (and lists: "A, B and C") by CLDR, through Babel, holding only the data they need.

Babel formats a date from its locale's data, and loads that data whole: the names of every language,
territory, currency, unit and time zone, 1 to 5 MB of a web worker's memory for each edition that formats a
date (measured: English 4.7 MB with the root data it inherits, Arabic 1.4, Farsi 1.1, Albanian 0.8). A
date needs a few dozen of those strings. `cldr_dates.py` keeps them for each edition: its long and medium
date patterns and the month, day, era and quarter names a pattern may print, written from the pinned Babel
by `manage.py cldr_dates` (a test fails when the two differ). Babel still parses and applies the pattern;
`date_locale` gives it a Locale whose data is that short table. A language without an entry (one added to
settings.LANGUAGES since the table was written) is formatted from Babel's full data: right, only heavier.
The table also keeps each language's pattern for a list of names (`format_list`: "A، B و C" in Farsi).
"""

import re
from collections.abc import Mapping
from functools import cache

from babel.core import Locale, parse_locale
from babel.dates import format_date as babel_format_date
from babel.dates import parse_pattern
from babel.lists import format_list as babel_format_list
from babel.localedata import LocaleDataDict
from markupsafe import escape

# What a date pattern may print by name (babel.dates.DateTimeFormat): the rest is numbers.
DATE_KEYS = ("months", "days", "eras", "quarters")
FORMS = ("long", "medium")


class _DateLocale(Locale):
    """A Babel Locale whose data is only what it is given (`DATE_KEYS`, or a list pattern): Babel's formatting
    reads its data through `_data`."""

    def __init__(self, identifier, data):
        language, territory, script, variant = parse_locale(identifier)[:4]
        super().__init__(language, territory, script, variant)
        self._dates = LocaleDataDict(data)

    @property
    def _data(self):
        return self._dates


def format_date(value, form, code):
    """`value` (a date) in the CLDR `form` ("long" or "medium") of the language `code` ("en", "pt-br")."""
    entry = _entries().get(code)
    if entry is None:
        return babel_format_date(value, form, locale=Locale.parse(code, sep="-"))
    compiled = _compiled(code, form)
    if compiled is None:
        return babel_format_date(value, entry["patterns"][form], locale=date_locale(code))
    text, fields = compiled
    return text % {name: field(value, entry) for name, field in fields}


# The fields the table's date patterns use, written as Babel's DateTimeFormat writes them (Western digits,
# the edition's names of months): a date in 4 us, where Babel's formatter, made for every date, took 25.
_FIELDS = {
    "d": lambda value, entry: str(value.day),
    "dd": lambda value, entry: f"{value.day:02d}",
    "M": lambda value, entry: str(value.month),
    "MM": lambda value, entry: f"{value.month:02d}",
    "MMM": lambda value, entry: entry["months"]["format"]["abbreviated"][value.month],
    "MMMM": lambda value, entry: entry["months"]["format"]["wide"][value.month],
    "y": lambda value, entry: str(value.year),
}


@cache
def _compiled(code, form):
    """The pattern of `code`'s `form` as Babel parses it (a %-format of its fields) with the function of each
    field, or None where a field is not one of `_FIELDS` (Babel then formats the date)."""
    pattern = parse_pattern(_entries()[code]["patterns"][form])
    names = re.findall(r"%\((\w+)\)s", pattern.format)
    if any(name not in _FIELDS for name in names):
        return None
    return pattern.format, [(name, _FIELDS[name]) for name in dict.fromkeys(names)]


def format_list(items, code):
    """`items` joined by Babel's `format_list` as the language `code` writes a list of names (CLDR's standard
    pattern: "A, B, and C"; Farsi "A، B، و C"; Albanian "A, B dhe C"), as HTML: Markup items are kept, others
    escaped, and so is the pattern's own text."""
    items = list(items)
    if len(items) <= 1:  # no pattern: Babel gives the one item, or ""
        return escape(items[0] if items else "")
    return escape(babel_format_list(items, locale=list_locale(code)))


@cache
def list_locale(code):
    """A Babel Locale whose only data is the standard list pattern of `code`, as Markup (its `format` escapes
    what is not Markup): from the short table, else from Babel's full data."""
    entry = _entries().get(code)
    if entry is None:
        locale = Locale.parse(code, sep="-")
        entry = {"identifier": str(locale), "lists": _list_patterns(locale)}
    standard = {key: escape(value) for key, value in entry["lists"].items()}
    return _DateLocale(entry["identifier"], {"list_patterns": {"standard": standard}})


def _list_patterns(locale):
    return {key: str(value) for key, value in locale.list_patterns["standard"].items()}


@cache
def date_locale(code):
    entry = _entries()[code]
    return _DateLocale(entry["identifier"], {key: entry[key] for key in DATE_KEYS})


@cache
def _entries():
    from .cldr_dates import DATES  # the table, imported on the first date

    return DATES


def entry_for(code):
    """What `cldr_dates.py` keeps for the language `code`, read from Babel's full data (for the command that
    writes the table and the test that compares them)."""
    locale = Locale.parse(code, sep="-")
    patterns = {form: locale.date_formats[form].pattern for form in FORMS}
    entry = {"identifier": str(locale), "patterns": patterns}
    for key in DATE_KEYS:
        entry[key] = _plain(getattr(locale, key))
    entry["lists"] = _list_patterns(locale)
    return entry


def _plain(value):
    """Babel's nested data as plain dicts, its aliases resolved (LocaleDataDict resolves them when read)."""
    if isinstance(value, Mapping):
        return {key: _plain(value[key]) for key in value}
    return value
