"""What the database's planner knows of a table after rows written in bulk (core/bulk.refresh_statistics)."""

from django.db import connection


def assert_planner_told(test, table, rows):
    """PostgreSQL's planner counts at least `rows` rows in `table` (its statistics were gathered); SQLite
    was left without statistics, as it plans by default."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            test.assertGreaterEqual(cursor.fetchone()[0], rows)
        else:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            test.assertEqual(cursor.fetchone()[0], 0)
