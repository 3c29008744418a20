"""Where the normalizer meets Wagtail's search: every indexed value passes through `normalize()`.

A page model's `search_fields` stay as declared. `NormalizedIndexMixin.get_search_fields()` hands the search
backend the same fields wrapped so that each value is normalized for the page's edition before the backend
sees it. The backend (SQLite FTS5, PostgreSQL with the `simple` configuration, OpenSearch/Elasticsearch)
therefore stores normalized words, and queries go through the same `normalize()` in `query.py`. Nothing in
Wagtail or modelsearch is patched; any backend that calls `get_search_fields()` and `field.get_value()` gets
normalized text.
"""

from functools import cache, lru_cache

from django.db.models import Manager
from django.utils.encoding import force_str
from wagtail.search import index

from .normalizer import index_terms, normalize


def flatten(value):
    """A field's value as text: StreamField and RichText searchable content come as lists."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(flatten(item) for item in value.values())
    return force_str(value)


def language_of(obj):
    """The edition language of an indexed object: its locale's language code, or None."""
    locale = getattr(obj, "locale", None)
    return locale.language_code if locale is not None else None


@lru_cache(maxsize=64)
def index_text(text, language):
    """What the index stores for `text`: its normalized terms, plus compounds for Persian.

    Cached for the last few texts: Wagtail's database backends read every field of an object once for each
    column they fill (title, body, autocomplete and their plain-text copies), so the same text comes back
    several times in a row. The cache is keyed by the text itself, so an edited value is never stale.
    """
    return index_terms(text, language)


class NormalizedSearchField(index.SearchField):
    def get_value(self, obj):
        return index_text(flatten(super().get_value(obj)), language_of(obj))


@lru_cache(maxsize=32)
def autocomplete_text(text, language):
    return normalize(text, language)


class NormalizedAutocompleteField(index.AutocompleteField):
    def get_value(self, obj):
        return autocomplete_text(flatten(super().get_value(obj)), language_of(obj))


class NormalizedRelatedText(index.SearchField):
    """The searchable text of related objects (e.g. tags), normalized in the language of the page that
    holds them (tags and such have no edition of their own)."""

    def __init__(self, related):
        super().__init__(related.field_name)
        self.related = related

    def get_value(self, obj):
        related = self.related.get_value(obj)
        if related is None:
            return ""
        objects = related.all() if isinstance(related, Manager) else [related]
        texts = [
            flatten(field.get_value(item))
            for item in objects
            for field in self.related.fields
            if isinstance(field, index.SearchField)
        ]
        return index_text(" ".join(texts), language_of(obj))


def normalized_fields(fields):
    """`fields` with every searchable field wrapped so that its value is normalized."""
    wrapped = []
    for field in fields:
        if isinstance(field, NormalizedSearchField | NormalizedAutocompleteField | NormalizedRelatedText):
            wrapped.append(field)
        elif isinstance(field, index.SearchField):
            wrapped.append(NormalizedSearchField(field.field_name, boost=field.boost, **field.kwargs))
        elif isinstance(field, index.AutocompleteField):
            wrapped.append(NormalizedAutocompleteField(field.field_name, **field.kwargs))
        elif isinstance(field, index.RelatedFields):
            wrapped.append(NormalizedRelatedText(field))
        else:
            wrapped.append(field)
    return wrapped


@cache
def _normalized_fields_for(model):
    return normalized_fields(model._search_fields_as_declared())


class NormalizedIndexMixin:
    """For page models: the backend indexes normalized text (see the module's docstring)."""

    @classmethod
    def _search_fields_as_declared(cls):
        return super().get_search_fields()

    @classmethod
    def get_search_fields(cls):
        return list(_normalized_fields_for(cls))

    @classmethod
    def get_indexed_objects(cls):
        queryset = super().get_indexed_objects().select_related("locale")
        for field in cls.search_fields:
            if isinstance(field, index.RelatedFields):
                queryset = field.select_on_queryset(queryset)
        return queryset
