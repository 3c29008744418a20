"""Searching the site: the reader's words go through the same normalizer as the index, then to Wagtail's
search backend (SQLite FTS5 embedded, PostgreSQL full text in production)."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page
from wagtail.search.query import Or, PlainText

from nashr.core.models import PostPage

from .index import flatten
from .normalizer import normalize, query_alternatives

MAX_QUERY_LENGTH = 200  # characters kept from what the reader typed; the rest is dropped, and said so
# Results are ranked by relevance up to this many matches. A broader query (a word on a quarter of the site)
# lists its matches newest first instead: ranking thousands of bodies costs a database scan of every one
# of them, and tells the reader little. The search page says which order it shows.
RANKED_MAX = 300


def query_terms(text, languages):
    """The alternatives of a query for the editions `languages`: lists of normalized terms, any of which
    a page must hold all of."""
    alternatives = []
    for language in languages:
        for terms in query_alternatives(text, language):
            if terms not in alternatives:
                alternatives.append(terms)
    return alternatives


def build_query(text, languages):
    """A Wagtail search query for `text`, or None when nothing searchable is left (punctuation only...)."""
    queries = [PlainText(" ".join(terms), operator="and") for terms in query_terms(text, languages)]
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else Or(queries)


@dataclass
class Filters:
    section: Page | None = None
    content_type: object = None  # a ContentType
    date_from: object = None  # a date
    date_to: object = None


def searchable_pages(language=None, filters=None):
    """Live public pages of one edition (all editions when `language` is None), narrowed by `filters`.

    Only fields the search index declares as filters are used (locale, path, content type, id).
    """
    pages = Page.objects.live().public().filter(depth__gt=1)
    if language:
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            return Page.objects.none()
        pages = pages.filter(locale=locale)
    filters = filters or Filters()
    if filters.section is not None:
        pages = pages.filter(path__startswith=filters.section.path).exclude(id=filters.section.pk)
    if filters.content_type is not None:
        pages = pages.filter(content_type=filters.content_type)
    if filters.date_from or filters.date_to:
        posts = PostPage.objects.all()
        if filters.date_from:
            posts = posts.filter(published_at__date__gte=filters.date_from)
        if filters.date_to:
            posts = posts.filter(published_at__date__lte=filters.date_to)
        pages = pages.filter(id__in=posts.values("pk"))
    return pages


def search(text, language=None, filters=None, ranked=True):
    """Results for `text` in one edition (all editions when `language` is None), best first if `ranked`,
    else newest first.

    Returns lazy search results (sliceable, countable) of specific pages, or None when the query holds
    nothing searchable.
    """
    languages = [language] if language else [code for code, _name in settings.LANGUAGES]
    query = build_query(text[:MAX_QUERY_LENGTH], languages)
    if query is None:
        return None
    pages = searchable_pages(language, filters).specific()
    if not ranked:  # newest first: first publication, an indexed filter field every page type has
        pages = pages.order_by("-first_published_at", "-id")
    return pages.search(query, order_by_relevance=ranked)


class Results:
    """What the search page shows: matches ranked by relevance when there are at most RANKED_MAX of them,
    else newest first (`ranked` says which). Counting first costs one index lookup and no ranking."""

    def __init__(self, text, language=None, filters=None):
        self.text, self.language, self.filters = text, language, filters
        unranked = search(text, language, filters, ranked=False)
        self.searchable = unranked is not None
        self.total = unranked.count() if unranked is not None else 0
        self.ranked = self.total <= RANKED_MAX
        self.results = unranked if not self.ranked else search(text, language, filters, ranked=True)

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        return list(self.results[key]) if self.results is not None else []


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


def highlight(text, terms, language, length=SNIPPET_WORDS):
    """A window of `text` around its first matching word, matching words in <mark>, as safe HTML.

    A word matches when its normalized form is one of the query's `terms`, so کتاب‌ها is marked for a
    search on كتاب. Returns "" when no word matches.
    """
    words = list(_WORD.finditer(text))
    hits = [i for i, match in enumerate(words) if normalize(match.group(), language) in terms]
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
    """Search results as `Hit`s (page and highlighted snippet); sliceable and countable for a Paginator."""

    def __init__(self, results):
        self.results = results
        self.ranked = results.ranked

    def count(self):
        return self.results.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        return [self._hit(page) for page in self.results[key]]

    def _hit(self, page):
        language = self.results.language or page.locale.language_code
        terms = {term for terms in query_terms(self.results.text, [language]) for term in terms}
        return Hit(page=page, snippet=highlight(page_text(page), terms, language))


def search_page_results(text, language=None, filters=None):
    """The results page's `Hit`s for `text`; None when nothing searchable was typed."""
    results = Results(text, language, filters)
    return HitList(results) if results.searchable else None
