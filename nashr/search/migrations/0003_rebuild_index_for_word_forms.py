"""The normalizer now indexes a word with a hamza in two readings and strips more word forms
(docs/decisions/0013-word-forms-and-hamza-in-search.md): the stored index must be rebuilt.

If the index holds anything, this enqueues `search.tasks.rebuild_index` for the worker (`manage.py
worker`), which runs it once every migration is applied. A new, empty database has nothing to rebuild.
Without a worker, run `manage.py update_index`.
"""

from django.db import migrations


def enqueue_rebuild(apps, schema_editor):
    documents = apps.get_model("search", "SearchDocument")
    entries = apps.get_model("wagtailsearch", "IndexEntry")
    alias = schema_editor.connection.alias
    if not (documents.objects.using(alias).exists() or entries.objects.using(alias).exists()):
        return
    from nashr.search.tasks import rebuild_index

    rebuild_index.enqueue()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_search_table_for_pages"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(enqueue_rebuild, migrations.RunPython.noop, elidable=True)]
