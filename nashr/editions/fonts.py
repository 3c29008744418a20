"""The typefaces readers receive, served from the site itself: which face each edition's script uses, the
characters each subset keeps, and the files a page preloads.

The files in nashr/static/fonts/ are subsets of fonts from npm (versions pinned in package.json) made by
`make fonts` (tools/subset_fonts.py reads this module), and committed, so the site needs no npm to run.
nashr.css declares the same faces (its `type` section): tests/test_fonts.py checks that both agree.

- Arabic script (fa, ar): Vazirmatn, drawn for Persian and Arabic, with its own Latin for names and
  numbers inside a sentence, so an Arabic-script page needs one face.
- Latin script (en, sq): Source Serif 4, a text face for long reading, with the letters of Albanian.

Only the edition's own face is named first in its font stacks (nashr.css), so a page never downloads the
other script's face for an edition name in the switcher; that name is drawn in a system font.
"""

from dataclasses import dataclass

STATIC_DIR = "fonts"


@dataclass(frozen=True)
class Face:
    family: str
    package: str  # npm package the subsets are made from
    sources: dict  # weight -> file in the package
    unicodes: tuple  # ranges kept in the subset, also the @font-face unicode-range
    slug: str

    def file(self, weight):
        """The subset's path under the static files, e.g. "fonts/vazirmatn-400.woff2"."""
        return f"{STATIC_DIR}/{self.slug}-{weight}.woff2"

    @property
    def files(self):
        return [self.file(weight) for weight in self.sources]

    @property
    def unicode_range(self):
        return ", ".join(self.unicodes)


ARABIC = Face(
    family="Vazirmatn",
    package="vazirmatn",
    sources={400: "fonts/ttf/Vazirmatn-Regular.ttf", 700: "fonts/ttf/Vazirmatn-Bold.ttf"},
    # Basic Latin and common punctuation, the Arabic letters, marks and digits Arabic and Persian use
    # (Persian peh, tcheh, zheh, keheh, gaf, farsi yeh, heh with yeh; Arabic-Indic and Persian digits),
    # the joiners and direction marks, and the rial sign. Rare letters of other languages fall back.
    unicodes=(
        "U+0020-007E",
        "U+00A0",
        "U+00AB",
        "U+00BB",
        "U+00D7",
        "U+060C",
        "U+061B",
        "U+061F",
        "U+0621-063A",
        "U+0640-0655",
        "U+0660-066C",
        "U+0670",
        "U+067E",
        "U+0686",
        "U+0698",
        "U+06A4",  # veh: the V of foreign names in Arabic (ڤ)
        "U+06A9",
        "U+06AF",
        "U+06C0",
        "U+06CC",
        "U+06F0-06F9",
        "U+200C-200F",
        "U+2010-2027",
        "U+2039-203A",
        "U+FDFC",
    ),
    slug="vazirmatn",
)

LATIN = Face(
    family="Source Serif 4",
    package="@fontsource/source-serif-4",
    sources={
        400: "files/source-serif-4-latin-400-normal.woff2",
        700: "files/source-serif-4-latin-700-normal.woff2",
    },
    # Latin-1 (Albanian's ç and ë among them), typographic quotes and dashes, the euro sign.
    unicodes=(
        "U+0000-00FF",
        "U+0131",
        "U+0152-0153",
        "U+02C6",
        "U+02DA",
        "U+02DC",
        "U+2000-206F",
        "U+20AC",
        "U+2122",
        "U+2212",
    ),
    slug="source-serif-4",
)

# Latin Extended-A for names (Čelebi, Ćosić, Ğ): downloaded only by a page that prints one, never preloaded.
LATIN_EXTENDED = Face(
    family="Source Serif 4",
    package="@fontsource/source-serif-4",
    sources={
        400: "files/source-serif-4-latin-ext-400-normal.woff2",
        700: "files/source-serif-4-latin-ext-700-normal.woff2",
    },
    unicodes=("U+0100-017F", "U+0218-021B", "U+1E00-1EFF"),
    slug="source-serif-4-ext",
)

FACES = (ARABIC, LATIN, LATIN_EXTENDED)
SCRIPT_FACES = {"fa": ARABIC, "ar": ARABIC}


def face_for(code):
    """The face an edition's pages are set in (Latin unless the edition's language is written otherwise)."""
    return SCRIPT_FACES.get(code.split("-")[0], LATIN)


def codepoints(face):
    """Every code point `face` keeps, as a set of integers."""
    points = set()
    for item in face.unicodes:
        first, _, last = item.removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points
