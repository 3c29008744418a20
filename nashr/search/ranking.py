"""Ranking the matches of a narrow search: the title before the body, the word as written before its
other spellings and its other forms, the newer piece first when two score the same.

The search page ranks a query's matches only when there are at most `query.RANKED_MAX` (20) of them (a
broader query lists them newest first), so ranking reads those few pages' own text here, in Python, rather
than asking each backend: SQLite's BM25 and PostgreSQL's `ts_rank` weigh words differently, know nothing of
exact forms (the index holds folded and stemmed words only), and let a body that repeats a word outrank a
title that is the word. The same order then comes out of every backend. Pure functions, no Django.

For each word of the query (or, in Persian, each pair written together, as the search itself does), a field
of the page (the title, or the rest of its text) scores:

- `EXACT` (3) when it holds the word as written: only what a reader does not see or choose is folded
  (harakat, tatweel, the keyboard's yeh and kaf, digits, case, a ZWNJ; `normalizer.surface_words`);
- `FOLDED` (2) when it holds another spelling of it: another hamza seat, alef form, teh marbuta or heh,
  accent (rules 1-10 and 12 of the normalizer);
- `STEMMED` (1) when it holds another form of it (a plural, the article, a possessive: rule 11);
- 0 otherwise.

A page's score is the sum over the query's words of `TITLE_WEIGHT` (4) times the title's score plus the
body's, the best over the query's alternatives: one word in the title, in any form, outranks it in the
body, however often and however exactly it is written there. Equal scores go newest first. The body is the
first `MAX_TEXT` characters of the page's other text (its lead), which bounds the cost: a word the index
matched further down scores as no body match.
"""

from dataclasses import dataclass
from datetime import datetime

from .normalizer import PERSIAN, stem, surface_words, word_forms

EXACT, FOLDED, STEMMED = 3, 2, 1
TITLE_WEIGHT = 4
MAX_TEXT = 5_000  # characters of a page's other text read for ranking (its lead): about 1 ms a page


@dataclass(frozen=True)
class Word:
    """One word of the query: as written, its plain and hamza readings, and their stems."""

    surface: str
    readings: tuple
    stems: tuple


class Field:
    """The words of one field of a page in the three forms that ranking compares."""

    def __init__(self, text, language):
        aligned = _aligned((text or "")[:MAX_TEXT], language)
        if language == PERSIAN:  # each pair of adjacent words written together, as the index holds it
            pairs = zip(aligned, aligned[1:], strict=False)
            aligned += [(a[0] + b[0], a[1] + b[1], None) for a, b in pairs]
        self.surface = {surface for surface, _plain, _hamza in aligned}
        self.readings = {plain for _surface, plain, _hamza in aligned}
        self.readings.update(hamza for _surface, _plain, hamza in aligned if hamza)
        self.stems = {stem(reading, language) for reading in self.readings}  # each distinct word once

    def level(self, word):
        if word.surface in self.surface:
            return EXACT
        if any(reading in self.readings for reading in word.readings):
            return FOLDED
        if any(term in self.stems for term in word.stems):
            return STEMMED
        return 0


def _word(surface, plain, hamza, language):
    readings = (plain, hamza) if hamza else (plain,)
    return Word(surface, readings, tuple(dict.fromkeys(stem(reading, language) for reading in readings)))


def _aligned(text, language):
    """(as written, plain reading, hamza reading) for each word of `text`."""
    forms = word_forms(text, language)
    surfaces = surface_words(text, language)
    if len(surfaces) != len(forms):  # never seen; then the plain reading stands for the word as written
        surfaces = [plain for plain, _hamza in forms]
    return [(surface, plain, hamza) for surface, (plain, hamza) in zip(surfaces, forms, strict=True)]


def query_alternatives(text, language):
    """The query's words, then (Persian) the same with each pair of adjacent words written together, as
    `normalizer.query_alternatives` searches them."""
    aligned = _aligned(text, language)
    words = [_word(surface, plain, hamza, language) for surface, plain, hamza in aligned]
    alternatives = [words] if words else []
    if language == PERSIAN:
        for i in range(len(aligned) - 1):
            (sa, pa, _ha), (sb, pb, _hb) = aligned[i], aligned[i + 1]
            alternatives.append([*words[:i], _word(sa + sb, pa + pb, None, language), *words[i + 2 :]])
    return alternatives


def score(alternatives, title, body):
    """The score of a page whose fields are `title` and `body` (`Field`s) for the query's `alternatives`."""
    return max(
        (sum(TITLE_WEIGHT * title.level(w) + body.level(w) for w in words) for words in alternatives),
        default=0,
    )


@dataclass
class Candidate:
    key: object
    language: str | None
    title: str
    body: str
    date: datetime | None


def rank(text, candidates):
    """The keys of `candidates` (`Candidate`s), best match for `text` first, newer first at equal score."""
    queries = {}
    scored = []
    for candidate in candidates:
        if candidate.language not in queries:
            queries[candidate.language] = query_alternatives(text, candidate.language)
        points = score(
            queries[candidate.language],
            Field(candidate.title, candidate.language),
            Field(candidate.body, candidate.language),
        )
        scored.append((points, candidate))
    scored.sort(key=_order, reverse=True)
    return [candidate.key for _points, candidate in scored]


def _order(item):
    points, candidate = item
    return (points, candidate.date is not None, candidate.date or 0, candidate.key)
