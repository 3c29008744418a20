"""The publication's editions: one per language in settings.LANGUAGES, each a Wagtail Locale."""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.translation import get_language_info

# Digits an edition shows in dates, counts and page numbers. Persian readers expect Persian digits; Arabic
# news sites mostly print Western digits, so "ar" keeps them (add "٠١٢٣٤٥٦٧٨٩" here to change that).
NATIVE_DIGITS = {"fa": "۰۱۲۳۴۵۶۷۸۹"}
ASCII_DIGITS = "0123456789"


@dataclass(frozen=True)
class Edition:
    code: str
    name: str  # in its own language, e.g. "فارسی"
    bidi: bool

    @property
    def direction(self):
        return "rtl" if self.bidi else "ltr"

    def digits(self, text):
        """`text` with ASCII digits written in this edition's own digits."""
        native = NATIVE_DIGITS.get(self.code)
        return str(text).translate(str.maketrans(ASCII_DIGITS, native)) if native else str(text)


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
