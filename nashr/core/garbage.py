"""The reference cycles a request leaves, freed between requests, in the web worker.

A page rendered from nothing leaves a few hundred objects in reference cycles (an article about 650, a
home about 1,800: model instances and their field files, images and their renditions, StreamField values).
CPython frees them only at a full collection, which in a worker holding about 220,000 objects runs once in
some 30 requests and takes about 130 ms; meanwhile their memory is scattered over the allocator's arenas,
which stay: a worker grew from 145 to 153 MB over 400 pages in one process, and more under load.

So the worker moves what it holds out of the collector's sight (`gc.freeze()`, as servers that fork do)
after its 1st, 10th, 100th, 1,000th and 10,000th requests (a worker loads templates, translations and the
like as pages first ask for them: what it loads early is frozen early, the rest as it comes), and every
COLLECT_EVERY requests runs a full collection over only what came since the last freeze: about 2 ms after
pages rendered from nothing, and the worker stays at its size. Frozen objects are never collected by the
cyclic collector (reference counting still frees them): each freeze follows a collection, so what it keeps
is what was alive, in a worker with threads including a request under way; five freezes bound that.
"""

import gc

from django.core.signals import request_finished

COLLECT_EVERY = 5
FREEZE_AFTER = {1, 10, 100, 1_000, 10_000}


class BetweenRequests:
    """Connected to `request_finished` by `collect_between_requests()`; one per process."""

    def __init__(self, every=COLLECT_EVERY):
        self.every = every
        self.finished = 0

    def __call__(self, **kwargs):
        self.finished += 1
        if self.finished in FREEZE_AFTER:
            gc.collect()
            gc.freeze()
        elif self.finished % self.every == 0:
            gc.collect()


def collect_between_requests():
    """In the WSGI entry (nashr/wsgi.py): the web worker's requests only, not the test runner's."""
    collector = BetweenRequests()
    request_finished.connect(collector, weak=False, dispatch_uid="nashr.core.garbage")
    return collector
