"""Wagtail's database search backend (SQLite FTS5 or PostgreSQL, chosen by the database), with queries
normalized as the index is.

Nashr's own search page builds its queries with `nashr.search.query.build_query()`. Everything else that
searches pages with a plain string (the admin's page search and choosers, the API) arrives here: the string
goes through the same normalizer, for every edition at once (an editor's search is not tied to one), so the
admin finds الكتاب or کتاب‌ها as readers do. Query objects pass through untouched.
"""

from functools import cache

from django.conf import settings
from wagtail.search.backends import database
from wagtail.search.backends.base import EmptySearchResults


def normalized_query(text):
    from .query import build_query

    return build_query(text, [code for code, _name in settings.LANGUAGES])


class NormalizedQueriesMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            query = normalized_query(query)
            if query is None:
                return EmptySearchResults()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


@cache
def _normalizing(backend_class):
    return type(f"Normalized{backend_class.__name__}", (NormalizedQueriesMixin, backend_class), {})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend_class = type(database.SearchBackend(params))
    return _normalizing(backend_class)(params)
