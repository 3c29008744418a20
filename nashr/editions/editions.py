"""The publication's editions: one per language in settings.LANGUAGES, each a Wagtail Locale."""

import datetime
import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import get_language_info

from . import cldr
from .fonts import face_for

# Digit systems by their CLDR names. An edition prints every number on a page (dates, counts, page numbers,
# file sizes) in one of them: settings.NASHR_EDITION_DIGITS names it per edition, EDITION_DIGITS is the
# default. Persian readers expect Persian digits; Arabic news sites differ by region (the Maghreb prints
# Western digits, the Levant and the Gulf Arabic-Indic), and CLDR's own default for "ar" is Western, so "ar"
# keeps Western digits unless a site sets "arab".
DIGIT_SYSTEMS = {"latn": "0123456789", "arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"}
EDITION_DIGITS = {"fa": "arabext"}
_ANY_DIGIT = "".join(DIGIT_SYSTEMS.values())
# Decimal separators that go with a digit system (CLDR): "1.5 MB" reads "۱٫۵ MB" in Persian digits.
_DECIMAL_SEPARATOR = {"arab": "٫", "arabext": "٫"}
_DECIMAL_POINT = re.compile(f"(?<=[{_ANY_DIGIT}])[.,](?=[{_ANY_DIGIT}])")
# File size units where Django's own translation leaves them in Latin letters ("۱۴۶٫۵ KB" in Farsi): the
# names CLDR gives them (babel.units.get_unit_name: Farsi's short names for bytes and kilobytes, long for
# the rest; Arabic's likewise), bytes to gigabytes. Other editions print Django's translated filesizeformat.
FILE_SIZE_UNITS = {
    "fa": ("بایت", "کیلوبایت", "مگابایت", "گیگابایت"),
    "ar": ("بايت", "كيلوبايت", "ميغابايت", "غيغابايت"),
}


@dataclass(frozen=True)
class Edition:
    code: str
    name: str  # in its own language, e.g. "فارسی"
    bidi: bool

    @property
    def direction(self):
        return "rtl" if self.bidi else "ltr"

    @property
    def fonts(self):
        """The font files this edition's pages preload (paths under the static files): its own face."""
        return face_for(self.code).files

    @property
    def digit_system(self):
        """The CLDR name of the digits this edition prints: "latn", "arab" or "arabext"."""
        system = getattr(settings, "NASHR_EDITION_DIGITS", {}).get(self.code, EDITION_DIGITS.get(self.code))
        return system or "latn"

    @property
    def date_style(self):
        """What decides how this edition prints dates and numbers besides its language, for cache keys of
        pieces that print them: a settings change must not serve pieces kept from before it."""
        gregorian = self.code == "fa" and getattr(settings, "NASHR_FARSI_GREGORIAN", False)
        return self.digit_system + ("+gregorian" if gregorian else "")

    def digits(self, text):
        """`text` with every digit, Western or Arabic-Indic or Persian, written in this edition's digits."""
        target = DIGIT_SYSTEMS[self.digit_system]
        return str(text).translate(str.maketrans(_ANY_DIGIT, target * len(DIGIT_SYSTEMS)))

    def number(self, text):
        """digits(), and a decimal point between digits as this digit system writes it ("1.5" -> "۱٫۵").
        For numbers without thousands separators, like file sizes."""
        separator = _DECIMAL_SEPARATOR.get(self.digit_system)
        text = self.digits(text)
        return _DECIMAL_POINT.sub(separator, text) if separator else text

    def file_size(self, size):
        """A number of bytes as this edition's readers read it, e.g. "۱۴۶٫۵ کیلوبایت" in Farsi."""
        units = FILE_SIZE_UNITS.get(self.code)
        if units is None:
            # Not at import: settings load this module.
            from django.template.defaultfilters import filesizeformat

            return self.number(filesizeformat(size))
        size, unit = max(int(size or 0), 0), 0
        while size >= 1024 ** (unit + 1) and unit < len(units) - 1:
            unit += 1
        value = str(size) if unit == 0 else f"{size / 1024**unit:.1f}"
        return self.number(f"{value}\xa0{units[unit]}")

    def format_date(self, value, long=True):
        """`value` (a date, or a datetime shown in the site's time zone) as this edition's readers write it.

        Farsi: the Solar Hijri date ("۱۳ مرداد ۱۴۰۵"), with the Gregorian one beside it in long form when
        settings.NASHR_FARSI_GREGORIAN is on. Other editions: CLDR's long or medium date format. Always in
        the edition's digits. Machine-readable places (feeds, sitemaps, JSON-LD, `<time datetime>`) keep
        ISO dates and never come here."""
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if self.code == "fa":
            text = _solar_hijri(value, long)
            if long and getattr(settings, "NASHR_FARSI_GREGORIAN", False):
                text = f"{text} ({cldr.format_date(value, 'long', 'fa')})"
        else:
            text = cldr.format_date(value, "long" if long else "medium", self.code)
        return self.digits(text)


def parse_edition_digits(text):
    """settings.NASHR_EDITION_DIGITS from its environment form "ar:arab,sq:latn"; a clear error otherwise."""
    choices = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        code, _, system = pair.partition(":")
        if system.strip() not in DIGIT_SYSTEMS:
            raise ImproperlyConfigured(
                f"NASHR_EDITION_DIGITS: {pair!r} should read edition:system, the system one of "
                f"{', '.join(DIGIT_SYSTEMS)}, e.g. ar:arab"
            )
        choices[code.strip()] = system.strip()
    return choices


def _solar_hijri(value, long):
    import jdatetime  # here, not at import: only Farsi dates need it (and it brings greenlet, 1.4 MB)

    day = jdatetime.date.fromgregorian(date=value)
    if long:
        return f"{day.day} {jdatetime.date.j_months_fa[day.month - 1]} {day.year}"
    return f"{day.year}/{day.month:02}/{day.day:02}"


@cache
def all_editions():
    """The editions in settings order; built once per process (templates ask for them on every page)."""
    return tuple(Edition(code, name, get_language_info(code)["bidi"]) for code, name in settings.LANGUAGES)


def get_edition(code):
    """The edition for a language code; the first edition for an unknown one."""
    editions = all_editions()
    return next((edition for edition in editions if edition.code == code), editions[0])


_language_codes = {}  # locale id -> language code: fixed once a locale exists


def language_code_of(locale_id):
    """The language code of a Wagtail Locale by its id, read once per process: pages carry `locale_id`, and
    `page.locale.language_code` would cost a query on every page served."""
    if locale_id not in _language_codes:
        from wagtail.models import Locale  # not at import: settings load this module

        _language_codes[locale_id] = Locale.objects.values_list("language_code", flat=True).get(pk=locale_id)
    return _language_codes[locale_id]
