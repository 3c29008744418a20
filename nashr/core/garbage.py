"""The reference cycles a request leaves, freed between requests, in the web worker.

A page rendered from nothing leaves a few hundred objects in reference cycles (an article about 650, a
home about 1,800: model instances and their field files, images and their renditions, StreamField values).
CPython frees them only at a full collection, which in a worker holding about 220,000 objects runs once in
some 30 requests and takes about 130 ms; meanwhile their memory is scattered over the allocator's arenas,
which stay: a worker grew from 145 to 153 MB over 400 pages in one process, and more under load.

So the worker, after its first request (which loads the templates, URLs and translations), moves all it
holds out of the collector's sight (`gc.freeze()`, as servers that fork do), and every COLLECT_EVERY requests
runs a full collection, over only what came since: about 2 ms, and the worker stays at its size. Frozen
objects are never collected: what the first request made stays, as it would anyway (code, caches, settings).
"""

import gc

from django.core.signals import request_finished

COLLECT_EVERY = 5


class BetweenRequests:
    """Connected to `request_finished` by `collect_between_requests()`; one per process."""

    def __init__(self, every=COLLECT_EVERY):
        self.every = every
        self.finished = 0

    def __call__(self, **kwargs):
        self.finished += 1
        if self.finished == 1:
            gc.collect()
            gc.freeze()
        elif self.finished % self.every == 0:
            gc.collect()


def collect_between_requests():
    """In the WSGI entry (nashr/wsgi.py): the web worker's requests only, not the test runner's."""
    collector = BetweenRequests()
    request_finished.connect(collector, weak=False, dispatch_uid="nashr.core.garbage")
    return collector
