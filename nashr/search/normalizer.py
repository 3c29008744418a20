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
 3. `mark_hamza_seats` - a hamza on a seat (ؤ ئ, and أ إ inside a word; NFKD has split them into the seat
    and a hamza mark) becomes the seat followed by ٴ (U+0674, a letter no text here uses), so that each
    word keeps two readings (rule 12): the seat as readers type it without a hamza (مسوول), and the hamza
    whatever its seat (مسءل). `fold_hamza_carriers` does the same for the letters themselves (ؤ ئ -> و ي).
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
12. `word_forms` - each word in two readings: `plain_form` (the seat without its hamza: رئيس -> رييس, مؤتمر ->
    موتمر; in Persian a final اء after three letters or more loses its hamza: اعضاء -> اعضا, as Persian
    writes it both ways) and, for a word with a hamza inside it, `hamza_form`: every hamza, whatever its
    seat, is one ء (مسؤول, مسئول, مسءول -> مسءل; هيئة, هيأة -> هءه; شيء, شئ -> شء; سؤال, سئوال -> سءال). The
    index holds both readings of such a word; a query word with a hamza matches either (see
    `query_alternatives`), a query word without one matches the plain reading. A hamza at the start of a
    word is only an alef (أمسية, امسية): its seat never varies.
Compounds (Persian; see `compound_terms`): the index also holds each pair of adjacent words written
together, and a query tries each pair of its words written together, so کتاب خانه, کتاب‌خانه and
کتابخانه all find each other.

The light stemmer adds recall without flooding results: it never strips a word below three letters (four
for the Arabic plural and dual endings ون ين ان), it leaves the words in `PROTECTED` alone, and it does
not strip what would make a different common word (a city name must not become, or be reached from, a
longer word that begins with it: یزد / یزدان, کرمان / کرم, البحرين / بحر, زيت / زيتون). What it strips:

- Persian: the plurals ها های هایی ان یان گان ات, a plural with a possessive (کتاب‌هایش, کتابهایشان), an
  ending after a ZWNJ (rule 10: the ezafe and indefinite ی ای, the possessives ام ات اش مان تان شان), the
  ezafe ی after a final alef (دریای خزر -> دریا), and the verb prefix می. Not a bare possessive (کتابش,
  کرمش): ش م ت end too many words (بارش, کرم, دانش). Not the Arabic plural ین (ماشین, سنگین, بنزین).
- Arabic: the article with its clitics (ال وال بال كال فال لل), the sound plurals ون ين ات, the duals ان
  and تان تين (those of a word in ة: مدرستان, مدرستين -> مدرسه). Not و ف ب ل without the article (وزير,
  فلسطين, بيروت, لبنان), nor the pronoun endings (ه ها هم), which end too many words.

This is the light stemming of Larkey's light10 and hazm's Persian stemmer, cut down to the affixes that
cannot be part of a stem three letters long or more, with a list of names and words that only look
inflected; neither library fits as it is (light10 strips و and ه alone and turns البحرين into بحر; hazm's
stemmer strips ش م ت and makes بارش into بار), so the rules are ours, each tested with its near misses.
Search never matches prefixes, so قم does not find قمر.
"""

import re
import unicodedata
from functools import cache, lru_cache

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


HAMZA = "ء"
SEAT_MARK = "\u0674"  # ARABIC LETTER HIGH HAMZA: in a folded word, "the letter before carried a hamza"
_HAMZA_CARRIERS = str.maketrans({"ؤ": "و", "ئ": "ي"})
# A seat letter with a hamza above or below, composed (ؤ ئ أ إ) or split by NFKD (و + U+0654...).
_SEATED_HAMZA = re.compile("([اويیىےۍ])[\u0654\u0655]|([ؤئأإ])")
_SEAT_OF = {"ؤ": "و", "ئ": "ي", "أ": "ا", "إ": "ا"}


def fold_hamza_carriers(text):
    """ؤ -> و, ئ -> ي (then rule 7 makes ي the edition's yeh): a word's plain reading (rule 12)."""
    return text.translate(_HAMZA_CARRIERS)


def mark_hamza_seats(text):
    """Rule 3: a hamza on a seat becomes the seat followed by ٴ: مؤتمر -> موٴتمر, مسئول -> مسيٴول. Rule 12
    reads the words both ways: without the ٴ (the seat as typed without a hamza), and every hamza as ء."""
    return _SEATED_HAMZA.sub(lambda m: (m.group(1) or _SEAT_OF[m.group(2)]) + SEAT_MARK, text)


_HEH = str.maketrans({"ة": "ه", "ۀ": "ه", "ہ": "ه", "ۂ": "ه", "ە": "ه"})


def fold_heh(text):
    """Rule 4: ة ۀ ہ -> ه (heh with hamza above, ه + U+0654, loses its hamza in rule 5)."""
    return text.translate(_HEH)


@cache
def _marks():
    """The combining marks' table, made on first use: a walk over 196,608 code points and some 2,000 entries
    that a process serving readers' pages (no search, no indexing) never needs."""
    return dict.fromkeys(cp for cp in range(0x30000) if unicodedata.category(chr(cp)) == "Mn")


def strip_marks(text):
    """Rule 5: drop combining marks (Unicode category Mn): harakat, shadda, sukun, tanwin, superscript alef,
    hamza above and below, and Latin accents once NFKD has split them off."""
    return text.translate(_marks())


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
# Persian: after a ZWNJ at the end of a word, ی or ای is the ezafe or the indefinite article (خانه‌ی،
# خانه‌ای) and ام ات اش مان تان شان are possessives (خانه‌ام، خانه‌اش، خانه‌شان): dropped, so that خانه‌ای is
# not read as خان + های once the halves are joined, and خانه‌اش finds خانه.
_PERSIAN_ENCLITIC = re.compile(f"{ZWNJ}(?:ا?ی|ام|ات|اش|مان|تان|شان)(?![\\w{ZWNJ}])")


def split_words(text, language=None):
    """Rule 10: words are runs of letters and digits; ZWNJ and ZWJ join, everything else separates.
    In Persian a final ezafe, indefinite article or possessive after a ZWNJ is dropped."""
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
        "تنها تنهای رها بها نجات حیات ساعات ملاقات اوقات بینهایت",
    ),
    ARABIC: _wordlist(
        "الله الذي التي الذين اللذان اللتان",
        # names and words ending like a dual or a plural: festival is not clown, Suleiman not Salim
        "مهرجان سليمان طالبان برلمان امتحان استيطان كردستان باكستان افغانستان ميزان",
        # tens are not the unit: ثلاثين is not ثلاث
        "ثلاثون ثلاثين اربعون اربعين ثمانون ثمانين",
    ),
}

# Plurals, and plurals with a possessive, stripped down to two letters or more: دل‌ها -> دل.
_PERSIAN_PLURALS = ("هایشان", "هایتان", "هایمان", "هایش", "هایم", "هایت", "هایی", "های", "ها")
_PERSIAN_MIN_STEM = 3


def stem_persian(word):
    """Persian: the verb prefix می, the plural suffixes ها های هایی ان یان گان ات, a plural with a
    possessive (هایش هایشان...), the ezafe ی after a final alef."""
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
    if word.endswith("ای") and len(word) - 1 >= _PERSIAN_MIN_STEM:
        return word[:-1]  # the ezafe after alef: دریای خزر -> دریا; not after و (لغوی is not لغو)
    if word.startswith("می") and len(word) - 2 >= _PERSIAN_MIN_STEM:
        return word[2:]  # میروم (می‌روم) -> روم
    return word


# The article and the clitics that come with it: و ب ك ف ل are stripped only together with ال, because
# on their own they begin too many words (وزير، بيروت، كتاب، فلسطين، لبنان).
_ARABIC_ARTICLES = ("وبال", "وال", "بال", "كال", "فال", "ولل", "لل", "ال")
_ARABIC_CLITICS = frozenset("وفبكل")
_ARABIC_MIN_STEM = 4  # what the plural and dual endings ون ين ان leave: زيتون, البحرين, لبنان stay whole


def stem_arabic(word):
    """Arabic: the article with its clitics (ال وال بال كال فال لل), the sound plurals ات ون ين, the
    duals ان, and تان تين of words in ة."""
    protected = PROTECTED[ARABIC]
    if word in protected or (word[:1] in _ARABIC_CLITICS and word[1:] in protected):
        return word  # لمهرجان, بميزان: a clitic on a protected word
    for prefix in _ARABIC_ARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    if word in protected:
        return word
    if word.endswith(("تان", "تين")) and len(word) - 3 >= 3:
        return word[:-3] + "ه"  # مدرستان, مدرستين -> مدرسه, as مدرسة folds to
    if word.endswith("ات") and len(word) - 2 >= 3:
        return word[:-2] + "ه"  # سيارات -> سياره, as سيارة folds to
    if word.endswith(("ون", "ين", "ان")) and len(word) - 2 >= _ARABIC_MIN_STEM:
        return word[:-2]  # معلمون, معلمين, معلمان -> معلم; but زيتون stays apart from زيت
    return word


_STEMMERS = {PERSIAN: stem_persian, ARABIC: stem_arabic}


@lru_cache(maxsize=65536)
def stem(word, language=None):
    """Rule 11: the language's light stemmer; words of other languages are returned as they are. Cached:
    the same words come back in every text."""
    stemmer = _STEMMERS.get(language)
    return stemmer(word) if stemmer else word


# 12: the two readings of a word with a hamza ----------------------------------------------------------------

_INITIAL_ALEF_HAMZA = re.compile(f"^ا{SEAT_MARK}")
_HAMZA_ON_SEAT = re.compile(f"[اويیى]?{SEAT_MARK}|[اويیى]{HAMZA}")
_HAMZA_THEN_WAW = re.compile(f"{HAMZA}و")
_PERSIAN_FINAL_HAMZA = re.compile(f"(?<=...)ا{HAMZA}$")


def plain_form(word, language=None):
    """Rule 12: the word as typed without a hamza on a seat: the seat stays (رئيس -> رييس, مؤتمر ->
    موتمر); in Persian a final اء loses its hamza (اعضاء -> اعضا)."""
    word = word.replace(SEAT_MARK, "")
    if language == PERSIAN:
        word = _PERSIAN_FINAL_HAMZA.sub("ا", word)
    return word


def hamza_form(word):
    """Rule 12: the word with every hamza inside it as one ء, whatever its seat (مسؤول, مسئول, مسءول ->
    مسءل), or None when it has none. A hamza followed by و is read with it (سؤال, سئوال -> سءال; رؤوس,
    رئوس -> رءس), a seat before a bare ء too (شيء, شئ -> شء)."""
    word = _INITIAL_ALEF_HAMZA.sub("ا", word)
    if SEAT_MARK not in word and HAMZA not in word:
        return None
    word = _HAMZA_ON_SEAT.sub(HAMZA, word.replace(SEAT_MARK + HAMZA, SEAT_MARK))
    return _HAMZA_THEN_WAW.sub(HAMZA, word)


def word_forms(text, language=None):
    """Rules 1-10 and 12: for each word of `text`, (plain reading, hamza reading or None)."""
    folded = fold(text or "", language)
    if SEAT_MARK not in folded and HAMZA not in folded:  # most texts: every word is its plain reading
        return [(word, None) for word in split_words(folded, language)]
    forms = []
    for word in split_words(folded, language):
        if SEAT_MARK not in word and HAMZA not in word:
            forms.append((word, None))
            continue
        plain = plain_form(word, language)
        hamza = hamza_form(word)
        forms.append((plain, hamza if hamza != plain else None))
    return forms


# The pipeline --------------------------------------------------------------------------------------------

MAX_WORDS = 20  # a query longer than this is cut: nobody types more, and it bounds the query's size


def _table(*tables):
    merged = {}
    for table in tables:
        merged.update(table)
    return merged


# Rules 2 and 4-8 in one pass over the text: their letters are disjoint, so applying them together is
# applying them in turn. Rules 5-8 alone for `surface_words`. Each table is made on its first use (with
# `_marks()`, some 2,000 entries each: 0.4 MB of a web worker that never searches).
_TATWEEL = {ord(TATWEEL): None}


@cache
def _fold_table(language):
    return _table(_ALEF, _HEH, _marks(), _TATWEEL, _YEH_KAF[language], _DIGITS)


@cache
def _surface_table(language):
    return _table(_marks(), _TATWEEL, _YEH_KAF[language], _DIGITS)


def fold(text, language=None):
    """Rules 1-9: the characters of `text` folded for `language` (rules 2 and 4-8 in one pass)."""
    text = mark_hamza_seats(fold_compatibility(text))
    return fold_case(text.translate(_fold_table(PERSIAN if language == PERSIAN else ARABIC)))


def words(text, language=None):
    """Rules 1-10 and 12: the plain readings of the words of `text`, not yet stemmed."""
    return [plain for plain, _hamza in word_forms(text, language)]


def normalize(text, language=None):
    """Rules 1-12: the index terms of the plain readings of `text` for an edition's `language`."""
    return " ".join(stem(word, language) for word in words(text, language))


def _compounds(folded, language):
    return [stem(a + b, language) for a, b in zip(folded, folded[1:], strict=False)]


def compound_terms(text, language=None):
    """For the index: each pair of adjacent words written together and stemmed (Persian only)."""
    if language != PERSIAN:
        return ""
    return " ".join(_compounds(words(text, language), language))


def index_terms(text, language=None):
    """What the index stores for `text`: `normalize(text)`, then the hamza readings of the words that have
    one (rule 12), then (Persian) `compound_terms(text)`, from one pass of rules 1-10 over the text."""
    forms = word_forms(text, language)
    folded = [plain for plain, _hamza in forms]
    terms = [stem(word, language) for word in folded]
    terms += [stem(hamza, language) for _plain, hamza in forms if hamza]
    if language == PERSIAN:
        terms += _compounds(folded, language)
    return " ".join(terms)


def query_slot(plain, hamza, language=None):
    """What a page must hold for one query word: its stemmed plain reading, or either reading (a tuple) when
    the word has a hamza inside it."""
    term = stem(plain, language)
    if not hamza:
        return term
    other = stem(hamza, language)
    return term if other == term else (term, other)


def query_alternatives(text, language=None):
    """For a query: its terms, then the same terms with each pair of adjacent words written together
    (Persian only). A page matches the query if it holds every term of one alternative; a term that is a
    tuple (a word with a hamza, rule 12) is held when any of its readings is."""
    forms = word_forms(text, language)[:MAX_WORDS]
    if not forms:
        return []
    alternatives = [[query_slot(plain, hamza, language) for plain, hamza in forms]]
    if language == PERSIAN:
        folded = [plain for plain, _hamza in forms]
        for i in range(len(forms) - 1):
            joined = [
                *(query_slot(p, h, language) for p, h in forms[:i]),
                stem(folded[i] + folded[i + 1], language),
                *(query_slot(p, h, language) for p, h in forms[i + 2 :]),
            ]
            alternatives.append(joined)
    unique = []
    for terms in alternatives:
        terms = list(dict.fromkeys(terms))
        if terms not in unique:
            unique.append(terms)
    return unique


def slot_terms(slot):
    """The terms of one query slot (see `query_slot`)."""
    return slot if isinstance(slot, tuple) else (slot,)


# Exact forms, for ranking ---------------------------------------------------------------------------------


def surface_words(text, language=None):
    """The words of `text` as written, for ranking exact forms first: only what a reader cannot see or
    does not choose is folded (presentation forms, harakat, tatweel, the keyboard's yeh and kaf, digits,
    case, ZWNJ inside a compound); hamza seats, alef forms, teh marbuta and accents stay as written."""
    text = mark_hamza_seats(unicodedata.normalize("NFKC", text or ""))
    text = text.translate(_surface_table(PERSIAN if language == PERSIAN else ARABIC))
    return split_words(fold_case(text), language)
