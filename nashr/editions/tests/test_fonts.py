"""The faces each edition is set in: the committed subsets hold the characters its text uses, nashr.css
declares them as nashr/editions/fonts.py says, and a page preloads its own edition's face only."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase, TestCase
from fontTools.ttLib import TTFont

from nashr.core.tests.factories import build_editions
from nashr.editions.fonts import ARABIC, FACES, LATIN, LATIN_EXTENDED, codepoints, face_for

PACKAGE = Path(settings.BASE_DIR) / "nashr"
STATIC = PACKAGE / "static"
CSS = (STATIC / "css" / "nashr.css").read_text(encoding="utf-8")
FONT_FACE = re.compile(r"@font-face\s*{(?P<body>[^}]*)}")
# Characters drawn by no face of ours, on purpose: controls that draw nothing, and the isolates that the
# interface puts around names (they are not drawn either).
NOT_DRAWN = {"\n", "\t", "\u2066", "\u2067", "\u2068", "\u2069"}


def cmap(path):
    return set(TTFont(path).getBestCmap())


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def demo_text():
    return "".join(
        text
        for path in sorted((PACKAGE / "demo" / "content").glob("*.json"))
        for text in strings(json.loads(path.read_text(encoding="utf-8")))
    )


def translations(code):
    return (PACKAGE / "locale" / code / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")


class SubsetTests(SimpleTestCase):
    def test_each_file_holds_exactly_its_ranges_characters_it_has(self):
        for face in FACES:
            for file in face.files:
                with self.subTest(file):
                    found = cmap(STATIC / file)
                    self.assertLessEqual(found, codepoints(face))
                    self.assertGreater(len(found), 150)

    def test_arabic_script_text_is_drawn_by_vazirmatn(self):
        text = translations("fa") + translations("ar") + demo_text()
        arabic = {ord(c) for c in text if "\u0600" <= c <= "\u06ff" or "\u200c" <= c <= "\u200f"}
        for file in ARABIC.files:
            with self.subTest(file):
                self.assertEqual(sorted(arabic - cmap(STATIC / file)), [])

    def test_latin_text_is_drawn_by_source_serif(self):
        text = translations("sq") + demo_text()
        latin = {ord(c) for c in text if c not in NOT_DRAWN and ord(c) < 0x0600 or "\u2010" <= c <= "\u2030"}
        for weight in LATIN.sources:
            with self.subTest(weight=weight):
                found = cmap(STATIC / LATIN.file(weight)) | cmap(STATIC / LATIN_EXTENDED.file(weight))
                self.assertEqual(sorted(chr(point) for point in latin - found), [])

    def test_stylesheet_declares_each_file_with_its_range(self):
        declared = {}
        for match in FONT_FACE.finditer(CSS):
            body = match.group("body")
            src = re.search(r'url\("\.\./(?P<file>fonts/[^"]+)"\)', body).group("file")
            declared[src] = {
                "family": re.search(r'font-family:\s*"([^"]+)"', body).group(1),
                "weight": int(re.search(r"font-weight:\s*(\d+)", body).group(1)),
                "range": re.search(r"unicode-range:\s*([^;]+);", body).group(1).strip(),
                "display": re.search(r"font-display:\s*(\w+)", body).group(1),
            }
        expected = {
            face.file(weight): {
                "family": face.family,
                "weight": weight,
                "range": face.unicode_range,
                "display": "optional",  # a late face is never swapped in: no layout shift
            }
            for face in FACES
            for weight in face.sources
        }
        self.assertEqual(declared, expected)

    def test_each_edition_has_a_face_for_its_script(self):
        self.assertIs(face_for("fa"), ARABIC)
        self.assertIs(face_for("ar"), ARABIC)
        self.assertIs(face_for("en"), LATIN)
        self.assertIs(face_for("sq"), LATIN)


class PreloadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_editions()

    def preloads(self, url):
        html = self.client.get(url).content.decode()
        return re.findall(
            r'<link rel="preload" href="/static/(fonts/[^"]+)" as="font" type="font/woff2" crossorigin>', html
        )

    def test_a_page_preloads_its_editions_face_only(self):
        for code, face in [("en", LATIN), ("sq", LATIN), ("fa", ARABIC), ("ar", ARABIC)]:
            with self.subTest(code):
                self.assertEqual(self.preloads(f"/{code}/"), face.files)
