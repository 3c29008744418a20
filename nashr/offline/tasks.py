"""Offline bundles kept right by the worker: rebuilt on the schedule (`NASHR_OFFLINE_INTERVAL`) and when a
page in one changes or is retracted (wagtail_hooks.py).

A retraction withdraws the bundle at once, in the process that acted (the ZIP is removed before the action
returns); the worker then builds it again without the page. Requests for one edition that pile up while a
build runs make one more build, not one each: a build asked for before the last one started is skipped.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from nashr.caching import store as cache_store
from nashr.editions.published import published_editions

from . import store

logger = logging.getLogger(__name__)
PRIORITY = -20  # after the static output's sweeps (publishing/tasks.py): readers' pages first


def _key(language):
    return f"nashr:offline:started:{language}"


def request_build(language):
    """Queue a build of the edition's bundle, to run NASHR_OFFLINE_DELAY seconds from now where the backend
    can defer: a worker runs one task at a time and a bundle takes seconds, so a change's urgent static files,
    queued after this by the same commit, go first (a build started first held an article's file back for
    14 s in `make bench`); a burst of changes still makes one build."""
    queued = rebuild_bundle  # its priority is the task's own
    if settings.NASHR_OFFLINE_DELAY and rebuild_bundle.get_backend().supports_defer:
        queued = queued.using(run_after=timezone.now() + timedelta(seconds=settings.NASHR_OFFLINE_DELAY))
    queued.enqueue(language, time.time())


@task(priority=PRIORITY)
def rebuild_bundle(language, requested_at):
    """Build the edition's bundle unless a build started after this was asked for."""
    from .bundle import build

    if (cache.get(_key(language)) or 0) > requested_at:
        return None
    cache.set(_key(language), time.time(), None)
    manifest = build(language)
    logger.info(
        "Offline edition %s: %d pieces, %d bytes, %.1f s",
        language,
        len(manifest.pieces),
        manifest.size,
        manifest.seconds,
    )
    after_build(language)
    return manifest.size


def after_build(language):
    """The download page shows the new size and date: renew the edition and rewrite that page's file."""
    from django.urls import reverse
    from django.utils import translation

    from nashr.publishing.static import StaticWriter, output_dir

    cache_store.renew([language])
    if output_dir():
        with translation.override(language):
            StaticWriter(output_dir()).write_path(reverse("offline_edition"))


def rebuild_due():
    """Worker round: ask for the bundles of published editions that are missing or older than the interval
    (NASHR_OFFLINE_INTERVAL; 0: only when a change asks for them)."""
    if not settings.NASHR_OFFLINE_INTERVAL:
        return
    for language in published_editions():
        if store.stale(language, settings.NASHR_OFFLINE_INTERVAL) and not _asked_recently(language):
            request_build(language)


def _asked_recently(language):
    """A build asked for in the last interval has not finished yet: do not queue another."""
    return not cache.add(f"nashr:offline:asked:{language}", 1, settings.NASHR_OFFLINE_INTERVAL)
