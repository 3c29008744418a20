"""The embedded cache: diskcache's Django backend, kept open for the life of the process.

Django closes every cache at the end of each request (`request_finished`). For diskcache that closes its
SQLite connections, and opening them again (with their pragmas, and a checkpoint of the write-ahead log on
close) cost about 3 ms per shard per request: more than serving a page from the cache. The connections are
per thread and safe to keep; the process's exit closes them.
"""

from diskcache import DjangoCache


class DiskCache(DjangoCache):
    def close(self, **kwargs):
        pass
