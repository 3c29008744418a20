"""Reads a page is sure to make, sent to the database together.

An article served from PostgreSQL waits for the database once per query: its comments, categories, tags,
authors, translations, neighbours and its picture's renditions are seven round trips, although none
needs another's rows. `read_together(*calls)` sends such calls (`PreparedQuery.ahead(...)`) in one round
trip (psycopg's pipeline mode: each statement still prepared on the server, the results read back in
order), and keeps each one's result for the first identical call in this request (the same query, shape
and values) and for that call only (`store.keep_reads`, `store.take_read`). The code that makes a read is
unchanged: it calls its query as before and is given the rows read ahead, or reads them itself where
nothing was read ahead for that call (another value, a preview's page).

Nothing outlives the request, and a renewal in the request forgets what was read ahead with the rest of
the request's memo (`store.renew`). On SQLite there is no round trip to save (the database is in the
process): the calls are run one after the other, as they would have been, so the same code paths, and
their tests, run on both databases.
"""

from django.db import connections

from . import store
from .queries import fetch_pipelined


def read_together(*calls):
    """Run `calls` (queries.Call; None is skipped) now, together where the database allows, and keep their
    results for their first calls in this request. Outside a request (a management command's render, a
    test without one) nothing could be kept: nothing is read."""
    calls = [call for call in calls if call is not None]
    if not calls or store.reads_kept() is None:
        return
    to_run = [call for call in calls if call.compiled.sql is not None]
    by_database = {}
    for call in to_run:
        by_database.setdefault(call.compiled.using, []).append(call)
    results = {call.name: [] for call in calls}  # a query with no SQL (an empty `__in`) has no rows
    for using, group in by_database.items():
        connection = connections[using]
        statements = [(call.compiled.sql, call.compiled.params_of(call.values)) for call in group]
        if group[0].compiled.server_prepared:
            fetched = fetch_pipelined(connection, statements)
        else:  # one after the other, each as its call would have run it
            pairs = zip(group, statements, strict=True)
            fetched = [call.compiled.fetch(connection, params) for call, (_, params) in pairs]
        for call, rows in zip(group, fetched, strict=True):
            results[call.name] = call.compiled.result(rows)
    store.keep_reads(results)
