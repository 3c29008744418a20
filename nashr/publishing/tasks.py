"""The static output kept right by the worker (Django's tasks framework, settings.TASKS).

After a change, the acting process has withdrawn the files of the editions it touched (withdrawal.py), and
`request_static` asks for one task: write first the addresses that show the change most directly (the
page itself, its listings, home, feeds, sitemaps: live within a second or two), then empty the trash, then
sweep every other address of the editions touched, writing it back. A file whose content did not change is
left alone (static.py).

A newer change stops a sweep between two files: the newer task goes first (it has the higher priority) and
the rest of the old sweep follows as a task of its own, so a burst of changes never starves the urgent
files, and the last change's sweep always runs after it, reading what it committed. A worker asked to stop
(a deploy) stops a sweep the same way: the next worker carries on with the rest.
"""

import time

from django.core.cache import cache
from django_tasks import task

from nashr.worker import stopping

from .static import StaticWriter, other_outputs, output_dir
from .withdrawal import empty_trash

REQUESTED_KEY = "nashr:static:requested"
URGENT, SWEEP = 10, -10  # task priorities: first files before the rest of any sweep


def request_static(paths, editions):
    """Have the worker re-render `paths` first, then every file of `editions` (language codes; None: all)."""
    requested_at = time.time()
    refresh_static.using(priority=URGENT).enqueue(list(dict.fromkeys(paths)), editions, requested_at)
    # Set after enqueueing: a sweep that sees it knows the newer task is already queued.
    cache.set(REQUESTED_KEY, max(requested_at, cache.get(REQUESTED_KEY) or 0), None)


def _newer_than(requested_at):
    return (cache.get(REQUESTED_KEY) or 0) > requested_at


@task(priority=URGENT)
def refresh_static(paths, editions, requested_at, sweep=None):
    """Write `paths`, then sweep `editions` (or continue the given `sweep` list of addresses)."""
    root, outputs = output_dir(), other_outputs()
    if not root and not outputs:
        return 0
    writer = StaticWriter(root, outputs)
    written = 0
    for path in paths:
        written += len(writer.write_path(path))
    if root:  # after the files that show the change: deleting an edition's old files takes seconds
        empty_trash(root)
    if sweep is None:
        done = set(paths)
        sweep = [p for p in writer.all_paths(editions) if p not in done]
    for index, path in enumerate(sweep):
        if _newer_than(requested_at) or stopping.requested():  # the rest after the newer task, or a restart
            rest = sweep[index:]
            refresh_static.using(priority=SWEEP).enqueue([], editions, cache.get(REQUESTED_KEY) or 0, rest)
            break
        written += len(writer.write_path(path))
    writer.finish()
    return written
