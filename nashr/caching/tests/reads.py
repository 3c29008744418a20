"""Watching what requests read ahead (caching/together.py), for tests of the pages that read ahead."""

import contextlib
from unittest import mock

from nashr.caching import store


@contextlib.contextmanager
def reads_watched():
    """Within it, `ahead` lists the names of the reads each request sent ahead ((query, key, values)) and
    `left` those no code of the request took before it ended."""
    ahead, left = [], []
    real_request, real_keep = store.request_generations, store.keep_reads

    @contextlib.contextmanager
    def request():
        with real_request():
            yield
            left.extend(store.reads_left())

    def keep(reads):
        ahead.extend(reads)
        return real_keep(reads)

    with (
        mock.patch.object(store, "request_generations", request),
        mock.patch.object(store, "keep_reads", keep),
    ):
        yield ahead, left
