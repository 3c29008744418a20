"""The publication's editions: one per language in settings.LANGUAGES, each a Wagtail Locale."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language_info


@dataclass(frozen=True)
class Edition:
    code: str
    name: str  # in its own language, e.g. "فارسی"
    name_en: str
    bidi: bool

    @property
    def direction(self):
        return "rtl" if self.bidi else "ltr"


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
