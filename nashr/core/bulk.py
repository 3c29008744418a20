"""New pages written in bulk, table by table: for imports and generated content at scale.

Django cannot bulk-create a model with multi-table inheritance, and treebeard places one node at a time.
Writing thousands of pages is much faster as a few statements per table, so this module:

- `child_paths` / `position_of`: the tree paths of new last children of a page, as treebeard's
  materialised path computes them. Treebeard has no public call that returns a path without saving a
  node, so its private `_get_path` and `_str2int` are used here and nowhere else
  (`nashr/wordpress/tests/test_internals.py` breaks if treebeard changes them);
- `insert_pages`: the rows of new pages in every table of their model (`wagtailcore_page` with one bulk
  insert that returns the ids, then each child table with `insert_rows`);
- `refresh_statistics`: once the rows are in, the database's planner told what the tables now hold.

The pages must be complete in memory (path, depth, url_path, slug, every field): no `save()` runs, so no
signal fires and no revision is made. Django's `Model._meta` and `Model._state` used here are its
documented model API.
"""

from django.db import connection
from wagtail.models import Page


def position_of(path):
    """The position among its siblings of the node at `path` (1 for a first child)."""
    return Page._str2int(path[-Page.steplen :])


def child_paths(parent, count, last_path=""):
    """The tree paths of `count` new children of `parent`, after its last child at `last_path` (none:
    ""). Raises ValueError when the parent has no room left (treebeard's alphabet runs out)."""
    first = position_of(last_path) + 1 if last_path else 1
    paths = [Page._get_path(parent.path, parent.depth + 1, first + i) for i in range(count)]
    if paths and len(paths[-1]) != len(parent.path) + Page.steplen:
        raise ValueError(f"no room for another page under {parent.url_path}")
    return paths


def last_child_path(parent):
    """The path of the last child of `parent` as the database has it now, or "" for none (not
    `numchild`, which a bulk insert may have left behind)."""
    children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    return children.order_by("-path").values_list("path", flat=True).first() or ""


def insert_rows(model, instances):
    """INSERT the local columns of one table of a multi-table-inherited model: the values as they are,
    with no `pre_save` (the caller has set every field)."""
    fields = model._meta.local_concrete_fields
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] for obj in instances]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)


def insert_pages(pages):
    """The rows of new pages of one model in each of its tables: `wagtailcore_page` in one bulk insert
    (which returns the ids), then each child table (e.g. `core_postpage`, `articles_articlepage`). The
    pages get their ids and count as saved afterwards."""
    if not pages:
        return
    model = type(pages[0])
    names = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    bases = Page.objects.bulk_create([Page(**{n: getattr(page, n) for n in names}) for page in pages])
    tables = [*reversed(model._meta.get_parent_list()), model]  # Page, PostPage, ArticlePage
    for page, base in zip(pages, bases, strict=True):
        for table in tables:
            setattr(page, table._meta.pk.attname, base.pk)
        page._state.adding = False
        page._state.db = base._state.db
    for table in tables[1:]:
        insert_rows(table, pages)


def refresh_statistics():
    """After rows written in bulk (an import, generated content): PostgreSQL's planner statistics gathered
    at once (ANALYZE), as autovacuum would do only a minute or more later, and never where it is turned off.
    Until then the planner takes the filled tables for the empty ones it last saw: on 2,000 generated
    articles an article's newer and older links took 56 and 21 ms (a nested loop over every post of the
    edition for each page of its section), the article 102 ms in all, against under 1 ms each after.
    SQLite plans without statistics unless asked to keep them, and is left as it is."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
