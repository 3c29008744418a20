"""The search normalizer: one pure function for indexed text and for queries, on every search backend.

Readers type Persian on Arabic keyboards and the other way round, with or without diacritics, with a
zero-width non-joiner (ZWNJ), a space or nothing inside compounds, in three digit systems. Every backend
(SQLite FTS5, PostgreSQL full text with the `simple` configuration, OpenSearch with a whitespace analyzer)
then sees the same clean words, so they all find the same pages.

`normalize(text, language)` returns space-separated index terms. It applies the rules below in this order;
each rule is a small function with its own test in `tests/test_normalizer.py`.

Characters (every language):
 1. `fold_compatibility` - Arabic presentation forms and other compatibility characters become their
    plain letters (NFKD), so text pasted from PDFs matches typed text.
 2. `fold_alef` - alef with hamza above or below, alef with madda and alef wasla (أ إ آ ٱ) become bare alef.
 3. `fold_hamza_carriers` - waw and yeh with hamza (ؤ ئ) become bare waw and yeh.
 4. `fold_heh` - teh marbuta, heh goal, heh with yeh above and heh with hamza above (ة ۀ ہ, ه + U+0654)
    become heh (ه).
 5. `strip_marks` - harakat (fatha, damma, kasra, the three tanwin, shadda, sukun), superscript alef, hamza
    above and below, and every other combining mark are removed; so are Latin accents (ë -> e, ç -> c).
 6. `strip_tatweel` - tatweel (ـ), the letter-stretching stroke, is removed.
 7. `fold_yeh_kaf` - yeh and kaf variants (ي ى ی ے, ك ک) become the edition's own letters: Persian ی ک in
    `fa`, Arabic ي ك elsewhere. Either keyboard then matches.
 8. `fold_digits` - Persian (۰-۹) and Arabic-Indic (٠-٩) digits become ASCII digits.
 9. `fold_case` - lower case (Latin, Greek, Cyrillic; Arabic script has no case).
Words:
10. `split_words` - everything that is not a letter or a digit separates words; a ZWNJ (or a zero-width
    joiner) joins the two halves of a compound into one word: کتاب‌خانه -> کتابخانه.
11. `stem` - a light stemmer (below), per language; other languages are only folded.
Compounds (Persian; see `compound_terms`): the index also holds each pair of adjacent words written
together, and a query tries each pair of its words written together, so کتاب خانه, کتاب‌خانه and
کتابخانه all find each other.

The light stemmer adds recall without flooding results: it never strips a word below three letters, it
leaves the words in `PROTECTED` alone, and it does not strip what would make a different common word
(a city name must not become, or be reached from, a longer word that begins with it: یزد / یزدان,
کرمان / کرم, البحرين / بحر, زيت / زيتون). Search never matches prefixes, so قم does not find قمر.
"""

import re
import unicodedata

ZWNJ = "\u200c"
ZWJ = "\u200d"
TATWEEL = "\u0640"

PERSIAN = "fa"
ARABIC = "ar"


# 1-9: characters -----------------------------------------------------------------------------------------


def fold_compatibility(text):
    """Rule 1: compatibility decomposition (NFKD): presentation forms (ﻻ ﺑ ﷲ...) become plain letters."""
    return unicodedata.normalize("NFKD", text)


_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"})


def fold_alef(text):
    """Rule 2: أ إ آ ٱ -> ا (NFKD has already split the first three into alef and a mark; this is for NFC)."""
    return text.translate(_ALEF)


_HAMZA_CARRIERS = str.maketrans({"ؤ": "و", "ئ": "ي"})


def fold_hamza_carriers(text):
    """Rule 3: ؤ -> و, ئ -> ي (then rule 7 makes ي the edition's yeh)."""
    return text.translate(_HAMZA_CARRIERS)


_HEH = str.maketrans({"ة": "ه", "ۀ": "ه", "ہ": "ه", "ۂ": "ه", "ە": "ه"})


def fold_heh(text):
    """Rule 4: ة ۀ ہ -> ه (heh with hamza above, ه + U+0654, loses its hamza in rule 5)."""
    return text.translate(_HEH)


_MARKS = dict.fromkeys(cp for cp in range(0x30000) if unicodedata.category(chr(cp)) == "Mn")


def strip_marks(text):
    """Rule 5: drop combining marks (Unicode category Mn): harakat, shadda, sukun, tanwin, superscript alef,
    hamza above and below, and Latin accents once NFKD has split them off."""
    return text.translate(_MARKS)


def strip_tatweel(text):
    """Rule 6: drop tatweel (U+0640), which only stretches a word on the page."""
    return text.replace(TATWEEL, "")


_YEH_KAF = {
    PERSIAN: str.maketrans({"ي": "ی", "ى": "ی", "ے": "ی", "ۍ": "ی", "ك": "ک", "ڪ": "ک"}),
    ARABIC: str.maketrans({"ی": "ي", "ى": "ي", "ے": "ي", "ۍ": "ي", "ک": "ك", "ڪ": "ك"}),
}


def fold_yeh_kaf(text, language=None):
    """Rule 7: yeh and kaf variants become the edition's own: ی ک in Persian, ي ك in Arabic and elsewhere."""
    return text.translate(_YEH_KAF[PERSIAN if language == PERSIAN else ARABIC])


_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def fold_digits(text):
    """Rule 8: Persian and Arabic-Indic digits -> ASCII digits."""
    return text.translate(_DIGITS)


def fold_case(text):
    """Rule 9: case folding (ß -> ss, I -> i)."""
    return text.casefold()


# 10: words -----------------------------------------------------------------------------------------------

_JOINERS = re.compile(f"[{ZWNJ}{ZWJ}]")
_NOT_WORD = re.compile(r"[^\w]|_")
# Persian: ی or ای after a ZWNJ at the end of a word is the ezafe or the indefinite article (خانه‌ی،
# خانه‌ای): dropped, so that خانه‌ای is not read as خان + های once the halves are joined.
_PERSIAN_ENCLITIC = re.compile(f"{ZWNJ}ا?ی(?![\\w{ZWNJ}])")


def split_words(text, language=None):
    """Rule 10: words are runs of letters and digits; ZWNJ and ZWJ join, everything else separates.
    In Persian a final ی or ای after a ZWNJ (ezafe, indefinite article) is dropped."""
    if language == PERSIAN:
        text = _PERSIAN_ENCLITIC.sub("", text)
    text = _JOINERS.sub("", text)
    return _NOT_WORD.sub(" ", text).split()


# 11: the light stemmer -----------------------------------------------------------------------------------


# Words the stemmer leaves as they are: names and common words that end (or begin) like an affix, whose
# stripped form is another word or reaches one. Folded spellings (rules 1-9).
def _wordlist(*lines):
    return frozenset(word for line in lines for word in line.split())


PROTECTED = {
    PERSIAN: _wordlist(
        "ایران تهران کرمان یزدان اصفهان گرگان زنجان همدان سمنان ابادان لرستان خوزستان کردستان گیلان",
        "مازندران استان داستان باران میدان میزان میهمان مهمان میلیون میوه میراث میانه خیابان",
        "جوان زبان زمان جهان نان جان اسمان باستان دوران پایان تابستان زمستان بیمارستان دبستان",
        "تنها رها بها نجات حیات ساعات ملاقات اوقات",
    ),
    ARABIC: _wordlist("الله الذي التي الذين اللذان اللتان"),
}

_PERSIAN_PLURALS = ("هایی", "های", "ها")  # stripped down to two letters or more: دل‌ها -> دل
_PERSIAN_MIN_STEM = 3


def stem_persian(word):
    """Persian: the verb prefix می, the plural suffixes ها های هایی ان یان گان ات."""
    if word in PROTECTED[PERSIAN]:
        return word
    for suffix in _PERSIAN_PLURALS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    if word.endswith("گان") and len(word) - 3 >= 4:
        return word[:-3] + "ه"  # نویسندگان -> نویسنده, but گروگان never becomes گروه
    if word.endswith("یان") and word[-4:-3] in ("و", "ا") and len(word) - 3 >= _PERSIAN_MIN_STEM:
        return word[:-3]  # دانشجویان -> دانشجو
    for suffix in ("ان", "ات"):
        if word.endswith(suffix) and len(word) - 2 >= _PERSIAN_MIN_STEM:
            return word[:-2]
    if word.startswith("می") and len(word) - 2 >= _PERSIAN_MIN_STEM:
        return word[2:]  # میروم (می‌روم) -> روم
    return word


# The article and the clitics that come with it: و ب ك ف ل are stripped only together with ال, because
# on their own they begin too many words (وزير، بيروت، كتاب، فلسطين، لبنان).
_ARABIC_ARTICLES = ("وبال", "وال", "بال", "كال", "فال", "ولل", "لل", "ال")


def stem_arabic(word):
    """Arabic: the article with its clitics (ال وال بال كال فال لل), the plural endings ات ون ين."""
    if word in PROTECTED[ARABIC]:
        return word
    for prefix in _ARABIC_ARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    if word.endswith("ات") and len(word) - 2 >= 3:
        return word[:-2] + "ه"  # سيارات -> سياره, as سيارة folds to
    if word.endswith(("ون", "ين")) and len(word) - 2 >= 4:
        return word[:-2]  # معلمون -> معلم; but زيتون stays apart from زيت, البحرين from البحر
    return word


_STEMMERS = {PERSIAN: stem_persian, ARABIC: stem_arabic}


def stem(word, language=None):
    """Rule 11: the language's light stemmer; words of other languages are returned as they are."""
    stemmer = _STEMMERS.get(language)
    return stemmer(word) if stemmer else word


# The pipeline --------------------------------------------------------------------------------------------

MAX_WORDS = 20  # a query longer than this is cut: nobody types more, and it bounds the query's size


def fold(text, language=None):
    """Rules 1-9: the characters of `text` folded for `language`."""
    text = fold_compatibility(text)
    text = fold_alef(text)
    text = fold_hamza_carriers(text)
    text = fold_heh(text)
    text = strip_marks(text)
    text = strip_tatweel(text)
    text = fold_yeh_kaf(text, language)
    text = fold_digits(text)
    return fold_case(text)


def words(text, language=None):
    """Rules 1-10: the folded words of `text`, not yet stemmed."""
    return split_words(fold(text or "", language), language)


def normalize(text, language=None):
    """Rules 1-11: the index terms of `text` for an edition's `language`, separated by spaces."""
    return " ".join(stem(word, language) for word in words(text, language))


def _compounds(folded, language):
    return [stem(a + b, language) for a, b in zip(folded, folded[1:], strict=False)]


def compound_terms(text, language=None):
    """For the index: each pair of adjacent words written together and stemmed (Persian only)."""
    if language != PERSIAN:
        return ""
    return " ".join(_compounds(words(text, language), language))


def index_terms(text, language=None):
    """What the index stores for `text`: `normalize(text)`, then (Persian) `compound_terms(text)`, from one
    pass of rules 1-10 over the text."""
    folded = words(text, language)
    terms = [stem(word, language) for word in folded]
    if language == PERSIAN:
        terms += _compounds(folded, language)
    return " ".join(terms)


def query_alternatives(text, language=None):
    """For a query: its terms, then the same terms with each pair of adjacent words written together
    (Persian only). A page matches the query if it holds every term of one alternative."""
    folded = words(text, language)[:MAX_WORDS]
    if not folded:
        return []
    alternatives = [[stem(word, language) for word in folded]]
    if language == PERSIAN:
        for i in range(len(folded) - 1):
            joined = [*folded[:i], folded[i] + folded[i + 1], *folded[i + 2 :]]
            alternatives.append([stem(word, language) for word in joined])
    unique = []
    for terms in alternatives:
        terms = list(dict.fromkeys(terms))
        if terms not in unique:
            unique.append(terms)
    return unique
