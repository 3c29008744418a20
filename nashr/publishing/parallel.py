"""The full static build on every core the machine gives: `publish_static --jobs N`.

Rendering a page is pure Python (the template engine, the ORM) and holds the interpreter's lock, so threads
would not overlap it: the addresses are dealt to N processes instead, forked once the list is made, each
with its own database connection and its own StaticWriter, and they write the same files one process would:
each file is written atomically and by one process only. The shared cache (page fragments, renditions) is
read by all of them, as by web workers.

The list is dealt in small runs of neighbouring addresses, each to whichever process is free (the runs of
listings cost more than those of articles). A page's feeds stay in the run of the page: the three formats
of a feed carry the same entries, built once and kept as a fragment, and two processes rendering a tag's
RSS and Atom at the same moment would each build them (dealing every other address did that for 100 to 300
of the 1,677 feeds' entries in a build of the 2,000-article bench site).

Forking needs a database the children can see: not an in-memory SQLite database and not an open transaction
(a test's), and a process that may have children at all: not a pool's daemonic worker (the parallel test
runner's, a task runner's). Otherwise the build runs in this process.
"""

import multiprocessing
import os
from multiprocessing.util import Finalize

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


# Addresses in a run: small enough that the last runs end together, large enough to keep neighbours together.
RUN = 24


def family(path):
    """The page an address belongs with: a feed or a file with a name (`/en/tag/rain/rss.xml`) with the page
    of its folder (`/en/tag/rain/`); a page with itself."""
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


def runs(paths, size=RUN):
    """`paths` in runs of about `size`, in their order, each address in the run of its family's first."""
    families = {}
    for path in paths:
        families.setdefault(family(path), []).append(path)
    dealt, run = [], []
    for members in families.values():
        run += members
        if len(run) >= size:
            dealt.append(run)
            run = []
    return dealt + ([run] if run else [])


def write_in_processes(root, paths, jobs):
    """Write `paths` into `root` with `jobs` processes: [(path, files written)], or None when it cannot
    (one job, too few addresses, or a database the children would not see): then write in this process."""
    jobs = min(jobs, len(paths) // 2)
    if jobs < 2 or not can_fork():
        return None
    connections.close_all()  # each child opens its own; a connection must not cross a fork
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_start_writer, initargs=(str(root),))
    try:
        results = list(pool.imap(_write_run, runs(paths), chunksize=1))
        pool.close()  # the children end their loop, closing their connections (_start_writer)
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    return [item for share in results for item in share]


_writer = None  # in a child: its StaticWriter, for every run it is given


def _start_writer(root):
    global _writer
    from .static import StaticWriter

    _writer = StaticWriter(root, outputs=())
    Finalize(None, connections.close_all, exitpriority=10)


def _write_run(paths):
    return [(path, len(_writer.write_path(path))) for path in paths]
