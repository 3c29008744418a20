"""The full static build on every core the machine gives: `publish_static --jobs N`.

Rendering a page is pure Python (the template engine, the ORM) and holds the interpreter's lock, so threads
would not overlap it: the addresses are dealt to N processes instead, forked once the list is made, each
with its own database connection and its own StaticWriter. They deal every Nth address (listings and
articles spread evenly) and write the same files one process would: each file is written atomically and by
one process only. The shared cache (page fragments, renditions) is read by all of them, as by web workers.

Forking needs a database the children can see: not an in-memory SQLite database and not an open transaction
(a test's), and a process that may have children at all: not a pool's daemonic worker (the parallel test
runner's, a task runner's). Otherwise the build runs in this process.
"""

import multiprocessing
import os

from django.db import connection, connections


def usable_cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def may_have_children():
    """A daemonic process (a worker of a multiprocessing pool) is refused children by multiprocessing."""
    return not multiprocessing.current_process().daemon


def can_fork():
    if "fork" not in multiprocessing.get_all_start_methods() or connection.in_atomic_block:
        return False
    if not may_have_children():
        return False
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def write_in_processes(root, paths, jobs):
    """Write `paths` into `root` with `jobs` processes: [(path, files written)], or None when it cannot
    (one job, too few addresses, or a database the children would not see): then write in this process."""
    jobs = min(jobs, len(paths) // 2)
    if jobs < 2 or not can_fork():
        return None
    shares = [(str(root), paths[index::jobs]) for index in range(jobs)]
    connections.close_all()  # each child opens its own; a connection must not cross a fork
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        results = pool.map(_write_share, shares, chunksize=1)
    return [item for share in results for item in share]


def _write_share(args):
    from .static import StaticWriter

    root, paths = args
    writer = StaticWriter(root, outputs=())
    try:
        return [(path, len(writer.write_path(path))) for path in paths]
    finally:
        connections.close_all()
