"""Searching the site: the reader's words go through the same normalizer as the index, then to Wagtail's
search backend (SQLite FTS5 embedded, PostgreSQL full text in production)."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from .filters import searchable_documents, searchable_pages
from .index import flatten
from .models import SearchDocument
from .normalizer import query_alternatives, slot_terms, stem, word_forms
from .ranking import Candidate, rank

MAX_QUERY_LENGTH = 200  # characters kept from what the reader typed; the rest is dropped, and said so
# Results are ranked by relevance when a query has at most this many matches (two pages). A broader query
# lists its matches newest first, fetching only the page shown and one more match, never counting them all:
# ranking or counting thousands of matches costs a read of every one of them (10,000 matches: 100-500 ms on
# PostgreSQL, seconds on SQLite) and tells the reader little. The page says which order it shows.
RANKED_MAX = 20


def query_terms(text, languages):
    """The alternatives of a query for the editions `languages`: lists of normalized terms, any of which
    a page must hold all of (a term that is a tuple is held when any of its readings is)."""
    alternatives = []
    for language in languages:
        for terms in query_alternatives(text, language):
            if terms not in alternatives:
                alternatives.append(terms)
    return alternatives


def build_query(text, languages):
    """A Wagtail search query for `text`, or None when nothing searchable is left (punctuation only...)."""
    queries = [_all_of(terms) for terms in query_terms(text, languages)]
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else Or(queries)


def _all_of(terms):
    words = [term for term in terms if isinstance(term, str)]
    either = [Or([PlainText(reading) for reading in term]) for term in terms if isinstance(term, tuple)]
    if not either:
        return PlainText(" ".join(words), operator="and")
    parts = ([PlainText(" ".join(words), operator="and")] if words else []) + either
    return parts[0] if len(parts) == 1 else And(parts)


# PostgreSQL: how many of the newest rows of the edition are read first, in date order (see `Newest`):
# enough for the first pages when a fifth or more of the edition matches, which is when reading every match
# costs most.
NEWEST_FIRST = 100


class Newest:
    """The ids of the pages matching `text`, newest first, by slices (`ids(start, stop)`) and `count()`.

    On PostgreSQL they come from the search table alone (`SearchDocument`: edition, state, date and document
    in one row, see `backends.py`), in two steps. First the edition's `NEWEST_FIRST` newest rows are read in
    date order (an index walk) and matched: when they hold the slice asked for, it is the answer, since the
    matches among the newest rows come first among all the matches. Otherwise the whole query runs: the GIN
    index gives every match, which is sorted. PostgreSQL cannot choose between the two itself when words
    occur together: it estimates each word independently, takes `جشنواره فیلم تهران` (10,000 of 12,500 pages)
    for a rare query, and reads every match to sort them. Elsewhere (SQLite) the ids come from the backend's
    search of the pages, newest first.
    """

    def __init__(self, text, language=None, filters=None):
        self.documents = None
        self.newest_rows = None
        self.results = None
        languages = [language] if language else [code for code, _name in settings.LANGUAGES]
        query = build_query(text[:MAX_QUERY_LENGTH], languages)
        if query is None:
            return
        backend = get_search_backend()
        if hasattr(backend, "page_documents"):
            documents = searchable_documents(backend.page_documents(query), language, filters)
            self.documents = documents.order_by("-first_published_at", "-page_id").values_list(
                "page_id", flat=True
            )
            newest = SearchDocument.objects.filter(live=True)
            if language:
                newest = newest.filter(locale__language_code=language)
            self.newest_rows = newest.order_by("-first_published_at", "-page_id")[:NEWEST_FIRST]
        else:
            self.results = search(text, language, filters, ranked=False, specific=False)

    @property
    def searchable(self):
        return self.documents is not None or self.results is not None

    def ids(self, start, stop):
        if self.documents is not None:
            if stop <= NEWEST_FIRST:
                found = self._among_newest_rows(start, stop)
                if len(found) == stop - start:
                    return found
            return list(self.documents[start:stop])
        return [page.pk for page in self.results[start:stop]]

    def count(self):
        return self.documents.count() if self.documents is not None else self.results.count()

    def _among_newest_rows(self, start, stop):
        """The slice of the query run on the `NEWEST_FIRST` newest rows only: the same SQL, reading from a
        subquery of those rows (with every column) instead of the whole table."""
        try:
            sql, params = self.documents[start:stop].query.sql_with_params()
            newest_sql, newest_params = self.newest_rows.query.sql_with_params()
        except EmptyResultSet:  # an edition without a locale
            return []
        table = connection.ops.quote_name(SearchDocument._meta.db_table)
        assert sql.count(f" FROM {table} ") == 1, sql  # noqa: S101 - the query is built above, never by a reader
        sql = sql.replace(f" FROM {table} ", f" FROM ({newest_sql}) {table} ", 1)
        with connection.cursor() as cursor:
            cursor.execute(sql, (*newest_params, *params))
            return [row[0] for row in cursor.fetchall()]


def search(text, language=None, filters=None, ranked=True, specific=True, only=None):
    """Results for `text` in one edition (all editions when `language` is None), best first if `ranked`,
    else newest first.

    Returns lazy search results (sliceable, countable) of pages (specific ones if `specific`), among the
    page ids `only` if given, or None when the query holds nothing searchable.
    """
    languages = [language] if language else [code for code, _name in settings.LANGUAGES]
    query = build_query(text[:MAX_QUERY_LENGTH], languages)
    if query is None:
        return None
    pages = searchable_pages(language, filters)
    if only is not None:
        pages = pages.filter(id__in=only)
    if specific:
        pages = pages.specific()
    if not ranked:  # newest first: first publication, an indexed filter field every page type has
        pages = pages.order_by("-first_published_at", "-id")
    return pages.search(query, order_by_relevance=ranked)


class Results:
    """What the search page shows for one page of results, without counting every match.

    The newest `RANKED_MAX + 1` matches are fetched first (newest first, which PostgreSQL serves by walking
    the date index for a broad query and through the GIN index for a narrow one). When there are at most
    `RANKED_MAX` of them, they are every match: `total` is exact and they are ranked by relevance. Otherwise
    the matches are listed newest first, only the requested page and one more match are fetched, and `total`
    is a lower bound (`capped`): the page says "more than N results" and offers the next page.
    """

    def __init__(self, text, language=None, filters=None, page=1, per_page=None):
        self.text, self.language, self.filters = text, language, filters
        self.per_page = per_page or settings.NASHR_PAGE_SIZE
        self.page = max(1, page)
        self.capped = False
        self._window = []
        self._offset = 0
        self._pages = None
        unranked = Newest(text, language, filters)
        self.searchable = unranked.searchable
        if not self.searchable:
            self.total, self.ranked = 0, True
            return
        candidates = unranked.ids(0, RANKED_MAX + 1)
        self.ranked = len(candidates) <= RANKED_MAX
        if self.ranked:
            self.total = len(candidates)
            self.page = min(self.page, max(1, -(-self.total // self.per_page)))
            self._pages = {page.pk: page for page in Page.objects.filter(pk__in=candidates).specific()}
            ranked = rank(text[:MAX_QUERY_LENGTH], [self._candidate(page) for page in self._pages.values()])
            self._offset = (self.page - 1) * self.per_page
            self._window = ranked[self._offset : self._offset + self.per_page]
            return
        self._offset = (self.page - 1) * self.per_page
        end = self._offset + self.per_page + 1
        window = candidates[self._offset : end] if end <= len(candidates) else None
        if window is None:
            window = unranked.ids(self._offset, end)
        if not window:  # a page number past the end: count, once, to show the last page
            last = max(1, -(-unranked.count() // self.per_page))
            self.page = min(self.page, last)
            self._offset = (self.page - 1) * self.per_page
            window = unranked.ids(self._offset, self._offset + self.per_page + 1)
        self.capped = len(window) > self.per_page
        self._window = window[: self.per_page]
        self.total = self._offset + len(self._window)  # with `capped`: at least one more

    def _candidate(self, page):
        """A match to rank (`ranking.rank`): its title, its other text, its edition and date."""
        language = self.language or _language_codes().get(page.locale_id)
        date = getattr(page, "published_at", None) or page.first_published_at
        return Candidate(page.pk, language, page.title, page_text(page), date)

    def pages(self):
        """The specific pages of the requested page of results, in order."""
        found = self._pages
        if found is None:
            found = {page.pk: page for page in Page.objects.filter(pk__in=self._window).specific()}
        return [found[pk] for pk in self._window if pk in found]


def _language_codes():
    return dict(Locale.objects.values_list("pk", "language_code"))


# Snippets ------------------------------------------------------------------------------------------------

# A word as written, with its harakat, tatweel and joiners, so that it can be shown as it was.
_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d])+"
)
SNIPPET_WORDS = 32


def page_text(page):
    """The searchable text of a page other than its title, as written: summary, body, captions..."""
    fields = getattr(type(page), "_search_fields_as_declared", None)
    if fields is None:
        return ""
    texts = []
    for field in fields():
        if field.field_name == "title":
            continue
        if type(field).__name__ == "SearchField":
            texts.append(flatten(field.get_value(page)))
    return " ".join(text for text in texts if text)


def _index_terms_of(word, language):
    return {
        stem(reading, language)
        for plain, hamza in word_forms(word, language)
        for reading in (plain, hamza)
        if reading
    }


def highlight(text, terms, language, length=SNIPPET_WORDS):
    """A window of `text` around its first matching word, matching words in <mark>, as safe HTML.

    A word matches when one of its index terms is one of the query's `terms`, so کتاب‌ها is marked for a
    search on كتاب, and مسئول for a search on مسؤول. Returns "" when no word matches.
    """
    words = list(_WORD.finditer(text))
    hits = [i for i, match in enumerate(words) if _index_terms_of(match.group(), language) & terms]
    if not hits:
        return ""
    start = max(0, hits[0] - length // 4)
    end = min(len(words), start + length)
    hit_set = set(hits)
    parts = ["… " if start > 0 else ""]
    position = words[start].start()
    for i in range(start, end):
        match = words[i]
        parts.append(escape(text[position : match.start()]))
        word = escape(match.group())
        parts.append(f"<mark>{word}</mark>" if i in hit_set else word)
        position = match.end()
    if end < len(words):
        parts.append(" …")
    return mark_safe("".join(parts).strip())  # noqa: S308 - every piece of text is escaped above


@dataclass
class Hit:
    page: Page
    snippet: str

    @property
    def kind(self):
        return self.page.specific_class._meta.verbose_name

    @property
    def date(self):
        return getattr(self.page, "published_at", None) or self.page.last_published_at


class HitList:
    """One page of search results as `Hit`s (page and highlighted snippet), with what the page says about
    the rest: `total` (exact, or a lower bound when `capped`), `number`, `has_next`, `has_previous`."""

    def __init__(self, results):
        self.results = results
        self.ranked = results.ranked
        self.capped = results.capped
        self.total = results.total
        self.number = results.page
        self.per_page = results.per_page
        self.hits = [self._hit(page) for page in results.pages()]

    @property
    def num_pages(self):
        """Pages known to exist: all of them unless `capped` (then at least one more than this one)."""
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.capped or self.number < self.num_pages

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1

    def __iter__(self):
        return iter(self.hits)

    def __len__(self):
        return len(self.hits)

    def __bool__(self):
        return bool(self.hits)

    def _hit(self, page):
        language = self.results.language or page.locale.language_code
        terms = {
            term
            for slots in query_terms(self.results.text, [language])
            for slot in slots
            for term in slot_terms(slot)
        }
        return Hit(page=page, snippet=highlight(page_text(page), terms, language))


MAX_PAGE = 100_000  # a larger ?page= is read as this one, then brought back to the last real page


def page_number(value):
    """The ?page= a reader asked for, as a number from 1 to MAX_PAGE; anything malformed is page 1."""
    try:
        return min(MAX_PAGE, max(1, int(str(value).strip()[:12])))
    except (TypeError, ValueError):
        return 1


def search_page_results(text, language=None, filters=None, page=1, per_page=None):
    """Page `page` of the results page's `Hit`s for `text`; None when nothing searchable was typed."""
    results = Results(text, language, filters, page=page, per_page=per_page)
    return HitList(results) if results.searchable else None
