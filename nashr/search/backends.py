"""Wagtail's database search backend (SQLite FTS5 or PostgreSQL, chosen by the database), with queries
normalized as the index is, and on PostgreSQL pages indexed in Nashr's own search table.

Nashr's own search page builds its queries with `nashr.search.query.build_query()`. Everything else that
searches pages with a plain string (the admin's page search and choosers, the API) arrives here: the string
goes through the same normalizer, for every edition at once (an editor's search is not tied to one), so the
admin finds الكتاب or کتاب‌ها as readers do. Query objects pass through untouched.

PostgreSQL: pages are indexed in `SearchDocument` (`models.py`: one narrow row per page with its edition,
date and one document vector) instead of Wagtail's index entries, and page searches (`page.search()`,
`autocomplete()`, the search page) read that table; other indexed models (images, documents, snippets) keep
Wagtail's index entries. See docs/decisions/0009-search-table-for-pages.md.
"""

from functools import cache

from django.conf import settings
from django.contrib.postgres.search import SearchRank
from django.db.models import F, OuterRef, Subquery
from wagtail.models import Page
from wagtail.search.backends import database
from wagtail.search.backends.base import EmptySearchResults
from wagtail.search.index import AutocompleteField, SearchField
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Boost, Not, Or, Phrase, PlainText

from .models import SearchDocument


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


# PostgreSQL: pages in the search table ----------------------------------------------------------------------

try:
    from modelsearch.backends.database.postgres import postgres
except ImportError:  # pragma: no cover - psycopg is installed wherever Nashr runs
    postgres = None

WEIGHTS = "ABCD"


def is_page_model(model):
    return isinstance(model, type) and issubclass(model, Page)


def _supported(query):
    """Queries the search table answers: words, phrases and their combinations (not MatchAll or Fuzzy)."""
    if isinstance(query, PlainText | Phrase):
        return True
    if isinstance(query, Not | Boost):
        return _supported(query.subquery)
    if isinstance(query, And | Or):
        return all(_supported(subquery) for subquery in query.subqueries)
    return False


if postgres is not None:

    class PageDocumentIndex(postgres.PostgresIndex):
        """Writes pages to `SearchDocument` (each field read and normalized once, one statement a batch);
        everything else to Wagtail's index entries."""

        def page_row(self, obj):
            indexer = postgres.ObjectIndexer(obj, self.backend)
            texts = {weight: [] for weight in WEIGHTS}
            title, other, autocomplete = [], [], []
            for field in indexer.search_fields:
                for current, weight, value in indexer.prepare_field(obj, field):
                    if isinstance(current, SearchField):
                        (title if current.field_name == "title" else other).append((weight, value))
                    elif isinstance(current, AutocompleteField):
                        autocomplete.append(value)
            for weight, value in title + other:
                texts[weight].append(value)
            return [
                obj.pk,
                obj.locale_id,
                obj.content_type_id,
                obj.live,
                obj.first_published_at,
                *(" ".join(texts[weight]) for weight in WEIGHTS),
                " ".join(autocomplete),
            ]

        def add_items(self, model, objs):
            if not is_page_model(model):
                return super().add_items(model, objs)
            if not model.get_search_fields():
                return
            rows = [self.page_row(obj) for obj in objs if obj.depth > 1]  # the root is never searched
            if not rows:
                return
            config = self.backend.config or "simple"
            document = " || ".join(
                f"setweight(to_tsvector(%s::regconfig, %s), '{weight}')" for weight in WEIGHTS
            )
            values = f"(%s, %s, %s, %s, %s, {document}, to_tsvector('simple'::regconfig, %s))"
            params = []
            for row in rows:
                *fields, a, b, c, d, autocomplete = row
                params += [*fields, config, a, config, b, config, c, config, d, autocomplete]
            table = SearchDocument._meta.db_table
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} "  # noqa: S608 - the table name is ours, values are parameters
                    "(page_id, locale_id, content_type_id, live, first_published_at, document, autocomplete) "
                    f"VALUES {', '.join([values] * len(rows))} "
                    "ON CONFLICT (page_id) DO UPDATE SET locale_id = EXCLUDED.locale_id, "
                    "content_type_id = EXCLUDED.content_type_id, live = EXCLUDED.live, "
                    "first_published_at = EXCLUDED.first_published_at, document = EXCLUDED.document, "
                    "autocomplete = EXCLUDED.autocomplete",
                    params,
                )

        def delete_item(self, item):
            if isinstance(item, Page):
                SearchDocument.objects.filter(page_id=item.pk)._raw_delete(using=self.write_connection.alias)
            else:
                super().delete_item(item)

        def delete_stale_entries(self):
            super().delete_stale_entries()
            SearchDocument.objects.exclude(page_id__in=Page.objects.values("pk")).delete()
            # Pages indexed by Wagtail's own entries before this table existed.
            page_types = Page.objects.values("content_type_id").distinct()
            IndexEntry.objects.filter(content_type_id__in=page_types)._raw_delete(
                using=self.write_connection.alias
            )

        def reset(self):
            super().reset()
            SearchDocument.objects.all()._raw_delete(using=self.write_connection.alias)

    class PageDocumentMixin:
        """A query compiler that answers page searches from `SearchDocument.<column>`."""

        column = "document"

        def answers_from_table(self):
            return is_page_model(self.queryset.model) and self.fields is None and _supported(self.query)

        def search(self, config, start, stop, score_field=None, backend=None):
            if not self.answers_from_table():
                return super().search(config, start, stop, score_field=score_field, backend=backend)
            tsquery = self.build_tsquery(self.query, config=config)
            documents = SearchDocument.objects.filter(**{self.column: tsquery})
            queryset = self.queryset.filter(pk__in=documents.values("page_id"))
            rank = Subquery(
                documents.filter(page_id=OuterRef("pk"))
                .annotate(rank=SearchRank(F(self.column), tsquery, weights=self.sql_weights))
                .values("rank")[:1]
            )
            return self._apply_ordering_and_scoring(queryset, rank, start, stop, score_field)

    class PageDocumentQueryCompiler(PageDocumentMixin, postgres.PostgresSearchQueryCompiler):
        pass

    class PageDocumentAutocompleteCompiler(PageDocumentMixin, postgres.PostgresAutocompleteQueryCompiler):
        column = "autocomplete"

    class PageDocumentBackend(postgres.PostgresSearchBackend):
        index_class = PageDocumentIndex
        query_compiler_class = PageDocumentQueryCompiler
        autocomplete_query_compiler_class = PageDocumentAutocompleteCompiler

        def page_documents(self, query):
            """The `SearchDocument` rows matching a Wagtail query object (for the search page's own query)."""
            compiler = self.query_compiler_class(Page.objects.all(), query)
            return SearchDocument.objects.filter(document=compiler.build_tsquery(query, config=self.config))


@cache
def _normalizing(backend_class):
    return type(f"Normalized{backend_class.__name__}", (NormalizedQueriesMixin, backend_class), {})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend_class = type(database.SearchBackend(params))
    if postgres is not None and issubclass(backend_class, postgres.PostgresSearchBackend):
        backend_class = PageDocumentBackend
    return _normalizing(backend_class)(params)
