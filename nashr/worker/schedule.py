"""Scheduled publishing without cron: Wagtail's own `publish_scheduled`, run by the worker every
`NASHR_SCHEDULE_INTERVAL` seconds; and the mirrors' health checks every `NASHR_MIRROR_CHECK_INTERVAL`.

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
from wagtail.models import ModelLogEntry, PageLogEntry

logger = logging.getLogger("nashr.worker")

ACTIONS = {"wagtail.publish.scheduled": "published", "wagtail.unpublish.scheduled": "unpublished (expired)"}
LOCK_KEY = zlib.crc32(b"nashr.worker.schedule")  # one advisory lock number, the same in every process
MIRRORS_LOCK_KEY = zlib.crc32(b"nashr.worker.mirrors")


@contextlib.contextmanager
def _only_one(key=LOCK_KEY, name="schedule"):
    """Yields True in the one process that may do the job `key` now, False in the others."""
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
    with _only_one() as mine:
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


def check_mirrors():
    """One round of mirror health checks (nashr/mirrors/health.py), in one worker at a time."""
    from nashr.mirrors.health import check_all  # the mirrors channel: read when run, not at import

    with _only_one(MIRRORS_LOCK_KEY, "mirrors") as mine:
        if not mine:
            return {}
        results = check_all()
    for name, health in results.items():
        logger.info("Mirror %s: %s", name, health)
    return results
