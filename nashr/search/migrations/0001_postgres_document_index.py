"""PostgreSQL: a GIN index on the document vector that search filters on (title || body).

Wagtail's PostgreSQL backend matches `title || body` against the query; its own GIN indexes are on each
column, which that expression cannot use, so every search read every entry. SQLite needs nothing: FTS5 is
its own index.
"""

from django.db import migrations

INDEX = "nashr_search_document"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
