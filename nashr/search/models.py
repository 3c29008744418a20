"""PostgreSQL: the search table of pages (one narrow row per page), which `backends.py` writes and reads.

Wagtail's index entry for a page holds its title, body and autocomplete vectors and their plain text (the
rows of 50,000 articles fill about 200 MB), and no edition or date: a search newest first in one edition
had to join every match to the page table. This table holds what a search filters and sorts on next to one
document vector (title weighted above the rest), so that PostgreSQL answers from the table's GIN index on
(edition, document) and a small sort, reading narrow rows. SQLite keeps Wagtail's FTS5 index, which is its
own narrow table; there this table stays empty. See docs/decisions/0009-search-table-for-pages.md.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    live = models.BooleanField()
    first_published_at = models.DateTimeField(null=True)
    document = SearchVectorField()  # title (weight of its boost, A) and every other searchable field
    autocomplete = SearchVectorField()  # the autocomplete fields (the title), for prefix matches

    class Meta:
        # Newest first, within an edition and across all: a search for a common word walks these and stops
        # after the few rows a page shows. The GIN indexes are in migration 0002 (PostgreSQL only).
        indexes = [
            models.Index(fields=["locale", "-first_published_at", "-page"], name="search_doc_locale_newest"),
            models.Index(fields=["-first_published_at", "-page"], name="search_doc_newest"),
        ]

    def __str__(self):
        return f"search document of page {self.page_id}"
