"""The publication's editions: one per language in settings.LANGUAGES, each a Wagtail Locale."""

from dataclasses import dataclass

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
    name_en: str
    bidi: bool

    @property
    def direction(self):
        return "rtl" if self.bidi else "ltr"

    def digits(self, text):
        """`text` with ASCII digits written in this edition's own digits."""
        native = NATIVE_DIGITS.get(self.code)
        return str(text).translate(str.maketrans(ASCII_DIGITS, native)) if native else str(text)


def all_editions():
    editions = []
    for code, name in settings.LANGUAGES:
        info = get_language_info(code)
        editions.append(Edition(code=code, name=name, name_en=info["name"], bidi=info["bidi"]))
    return editions


def get_edition(code):
    for edition in all_editions():
        if edition.code == code:
            return edition
    return all_editions()[0]
