"""What a reader reads of the interface on a page, and which of it is English or in the wrong digits.

`leftovers(html, language, digit_system, written)` reads the visible text and the attributes read aloud or
shown (alt, title, aria-label, placeholder, the value of buttons), leaves out what is marked as another
language (`lang`, as the editions menu marks each edition's name) and the texts the test wrote itself, and
returns each remaining English word or wrong digit with where it stands.

English is told apart two ways. In Farsi and Arabic any Latin word of two letters or more is suspect (units
such as "KB" have two; ALLOWED names the few that belong there). In Albanian, written in Latin letters, a
word is suspect when it is one of the words of our interface's English messages (the msgids of
nashr/locale) and no Albanian message uses it.
"""

import re
from functools import cache
from pathlib import Path

import lxml.html
from babel.messages.pofile import read_po
from django.conf import settings

# Latin words a Farsi or Arabic page may show: the publication's name, codes a reader sees as codes, and
# the networks' brand names until translators give the local ones (share_links translates them).
ALLOWED = {
    "Nashr",
    "PDF",
    "ISBN",
    "RSS",
    "Atom",
    "JSON",
    "Facebook",
    "Bluesky",
    "WhatsApp",
    "Telegram",
}
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
BUTTON_TYPES = {"submit", "button", "reset"}
SKIPPED = {"script", "style", "template"}
WORD = re.compile(r"[A-Za-z]{3,}")
LATIN = re.compile(r"[A-Za-z]{2,}")  # in Farsi and Arabic two letters are enough: "KB"
WRONG_DIGITS = {
    "latn": re.compile(r"[٠-٩۰-۹]"),
    "arab": re.compile(r"[0-9۰-۹]"),
    "arabext": re.compile(r"[0-9٠-٩]"),
}


def texts(html, language):
    """(where, text) for every text and read attribute of `html` in `language`; elements marked with
    another `lang` (and what they hold) are left out."""
    root = lxml.html.document_fromstring(html)
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in SKIPPED:
            continue
        own = _language(element) in (language, "")
        parent = element.getparent()
        if own and element.text and not _skipped(element):
            found.append((f"<{element.tag}>", element.text))
        if own:
            for name in READ_ATTRIBUTES:
                if element.get(name):
                    found.append((f"<{element.tag} {name}>", element.get(name)))
            button = element.tag in ("input", "button") and element.get("type", "submit") in BUTTON_TYPES
            if button and element.get("value"):
                found.append((f"<{element.tag} value>", element.get("value")))
        if (
            element.tail
            and parent is not None
            and _language(parent) in (language, "")
            and not _skipped(parent)
        ):
            found.append((f"<{parent.tag}>", element.tail))
    return [(where, " ".join(text.split())) for where, text in found if text.strip()]


def marked_other(html, language):
    """["<where lang=..>: 'text'"] for each element of `html` marked as written in another language than
    `language`: what `texts` and `leftovers` pass over (an edition's name in the menu, a credit shown in the
    picture's own language for want of one in this edition)."""
    root = lxml.html.document_fromstring(html)
    found = []
    for element in root.xpath("//body//*[@lang]"):
        marked = element.get("lang").split("-")[0]
        if marked != language:
            text = " ".join(element.text_content().split())
            found.append(f"<{element.tag} lang={marked}>: {text!r}")
    return found


def _language(element):
    marked = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
    return marked[0].split("-")[0] if marked else ""


def _skipped(element):
    return any(e.tag in SKIPPED for e in [element, *element.iterancestors()])


def leftovers(html, language, digit_system, written):
    """["<where>: 'text' (why)"] for each string with English words or digits of another system."""
    found = []
    english = english_words()
    for where, text in texts(html, language):
        rest = _without(text, written)
        if language == "sq":
            words = [w for w in WORD.findall(rest) if w.lower() in english and w not in ALLOWED]
        else:
            words = [w for w in LATIN.findall(rest) if w not in ALLOWED]
        if words:
            found.append(f"{where}: {text!r} (English: {' '.join(words)})")
        if WRONG_DIGITS[digit_system].search(rest):
            found.append(f"{where}: {text!r} (digits other than {digit_system})")
    return found


def _without(text, written):
    for piece in sorted(written, key=len, reverse=True):
        text = text.replace(piece, " ")
    return text


@cache
def english_words():
    """Lower-case words of our interface's English messages that no Albanian message uses."""
    catalog = _catalog("sq")
    english, albanian = set(), set()
    for message in catalog:
        if not message.id:
            continue
        for text in message.id if isinstance(message.id, tuple) else [message.id]:
            english.update(w.lower() for w in WORD.findall(_unplaceholder(text)))
        strings = message.string if isinstance(message.string, tuple) else [message.string]
        for text in strings:
            albanian.update(w.lower() for w in WORD.findall(_unplaceholder(text or "")))
    return frozenset(english - albanian - {w.lower() for w in ALLOWED})


def _unplaceholder(text):
    return re.sub(r"%\(\w+\)[sd]|%[sd]|\{\w+\}", " ", text)


def _catalog(language):
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po:
        return read_po(po)
