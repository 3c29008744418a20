"""The query count of one request, shared by bench/profile_render.py and bench/cpu_render.py."""


def queries_of(client, path):
    """Request `path` once to load the code (it must answer 200), then once more, counting its queries."""
    from django.db import connection, reset_queries

    assert client.get(path).status_code == 200, path
    connection.force_debug_cursor = True
    reset_queries()
    client.get(path)
    count = len(connection.queries)
    connection.force_debug_cursor = False
    return count
