"""Retries with backoff for background tasks, which django-tasks-db does not retry.

A task that raises is marked failed by the library's worker; `manage.py worker` then puts the same result
back in the queue, to run again after `NASHR_TASK_RETRY_DELAY` seconds, doubled after each further failure,
until it has run `NASHR_TASK_ATTEMPTS` times; the last failure stays failed, with its traceback. The result
keeps its id throughout, and `result.attempts` (one worker id per run) counts the runs. Between a failure
and its re-queue the result reads FAILED for an instant.

Every task is retried by default, so it must be safe to run again (re-rendering a file is; sending a mail
is not): give such a task its own policy, below `@task()`::

    @task()
    @retries(attempts=1)
    def send_issue(issue_id): ...
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus

logger = logging.getLogger("nashr.worker")


def retries(attempts=None, delay=None):
    """This task's own retry policy: `attempts` runs in all (1: never retried), the first retry `delay`
    seconds after the failure. None keeps the setting."""

    def decorate(func):
        func.nashr_retries = (attempts, delay)
        return func

    return decorate


def policy(task):
    """(attempts, first delay in seconds) for `task` (a django-tasks Task)."""
    attempts, delay = getattr(task.func, "nashr_retries", (None, None))
    return (
        settings.NASHR_TASK_ATTEMPTS if attempts is None else attempts,
        settings.NASHR_TASK_RETRY_DELAY if delay is None else delay,
    )


def retry_later(db_result):
    """Put a failed `db_result` (a django_tasks_db DBTaskResult) back in the queue if its policy allows
    another run; True if it did."""
    try:
        attempts, delay = policy(db_result.task)
    except Exception:  # its code is gone or is no task any more: nothing to retry
        return False
    runs = len(db_result.worker_ids)
    if runs >= attempts:
        logger.warning(
            "Task %s (%s) failed on run %d of %d: given up", db_result.id, db_result.task_path, runs, attempts
        )
        return False
    wait = delay * 2 ** (runs - 1)
    requeued = (
        type(db_result)
        .objects.filter(pk=db_result.pk, status=TaskResultStatus.FAILED)
        .update(
            status=TaskResultStatus.READY,
            run_after=timezone.now() + timedelta(seconds=wait),
            finished_at=None,
        )
    )
    if requeued:
        logger.warning(
            "Task %s (%s) failed on run %d of %d (%s): retried in %.1f s",
            db_result.id,
            db_result.task_path,
            runs,
            attempts,
            db_result.exception_class_path,
            wait,
        )
    return bool(requeued)
