"""Scheduled publishing without cron: Wagtail's own `publish_scheduled`, run by the worker every
`NASHR_SCHEDULE_INTERVAL` seconds; and the jobs other apps give the worker through two hooks, so that the
worker (foundation) never imports them:

- ``nashr_worker_round``: ``fn()``, called in each round of scheduled publishing, after it (the weekly
  digests, the offline editions that are due); lower ``order`` first.
- ``nashr_worker_jobs``: ``fn()`` returns ``(interval in seconds, job, name)``: `job()` runs in a thread
  of its own every `interval` seconds (the mirrors' health checks); `only_one()` keeps a job to one worker
  at a time.

It publishes revisions whose go-live time has passed and unpublishes what has expired, pages and snippets
alike, exactly as `manage.py publish_scheduled` from cron would; we add one log line per object, read from
Wagtail's audit log, and a lock so that several workers never run it at the same time: a PostgreSQL
advisory lock, or beside an SQLite database file a file lock (every process using that file is on this
host). Other databases run it unlocked.
"""

import contextlib
import fcntl
import io
import logging
import zlib

from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail import hooks
from wagtail.models import ModelLogEntry, PageLogEntry

logger = logging.getLogger("nashr.worker")

ACTIONS = {"wagtail.publish.scheduled": "published", "wagtail.unpublish.scheduled": "unpublished (expired)"}
ROUND_HOOK = "nashr_worker_round"
JOBS_HOOK = "nashr_worker_jobs"
LOCK_KEY = zlib.crc32(b"nashr.worker.schedule")  # one advisory lock number, the same in every process


@contextlib.contextmanager
def only_one(key=LOCK_KEY, name="schedule"):
    """Yields True in the one process that may do the job `key` (an advisory lock number, the same in every
    process: `zlib.crc32` of a name) now, False in the others; `name` names the lock file beside SQLite's."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            got = cursor.fetchone()[0]
        try:
            yield got
        finally:
            if got:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
    elif connection.vendor == "sqlite" and not connection.is_in_memory_db():
        with open(f"{connection.settings_dict['NAME']}.{name}-lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    else:
        yield True


def publish_scheduled():
    """One round of scheduled publishing; returns how many objects went live or were taken down."""
    started = timezone.now()
    with only_one() as mine:
        if not mine:
            return 0
        call_command("publish_scheduled", stdout=io.StringIO())
    done = 0
    for model in (PageLogEntry, ModelLogEntry):
        entries = model.objects.filter(action__in=ACTIONS, timestamp__gte=started).order_by("timestamp")
        for entry in entries:
            what = (
                f"page {entry.page_id}"
                if model is PageLogEntry
                else f"{entry.content_type} {entry.object_id}"
            )
            logger.info("Scheduled: %s %r %s", what, entry.label, ACTIONS[entry.action])
            done += 1
    return done


def round_jobs():
    """What the apps run in each round of scheduled publishing (ROUND_HOOK), in order."""
    return hooks.get_hooks(ROUND_HOOK)


def periodic_jobs():
    """[(interval, job, name)]: the jobs the apps run in threads of their own (JOBS_HOOK)."""
    return [fn() for fn in hooks.get_hooks(JOBS_HOOK)]
