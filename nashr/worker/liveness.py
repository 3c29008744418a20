"""Tasks of a worker that died are run again.

django-tasks-db marks a task RUNNING with the claiming worker's id and leaves it so if that worker dies (a
crash, an out-of-memory kill, a power cut): nothing would ever run it again. So each `manage.py worker`
keeps its row in `WorkerProcess` fresh every `NASHR_WORKER_HEARTBEAT` seconds, from a thread of its own
(a long task does not stop it), and deletes it when it stops. At its start and then with every scheduled
publishing round, a worker looks for RUNNING tasks whose last worker has been silent for
`NASHR_WORKER_LOST_AFTER` seconds, or is gone: each goes back to the queue, as one more attempt under its
retry policy (retries.py); a task that has used up its attempts this way is marked failed (`WorkerLost`),
so a task that kills its worker cannot kill workers forever.

This works across hosts, since only the database is shared. Tasks run at least once, not exactly once: a
worker silent for longer than `NASHR_WORKER_LOST_AFTER` (its database unreachable) may find its task run
again elsewhere. Run only `manage.py worker` against a database, never the library's `db_worker`, whose
tasks would look abandoned.
"""

import logging
import os
import socket
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerProcess
from .retries import policy

logger = logging.getLogger("nashr.worker")


class WorkerLost(Exception):
    """The worker running this task stopped answering, as many times as the task may run."""


def beat(worker_id):
    """Say that `worker_id` (this process) is alive."""
    now = timezone.now()
    if not WorkerProcess.objects.filter(pk=worker_id).update(seen_at=now):
        # First beat, or our row was pruned while we were silent: (re)create it.
        WorkerProcess.objects.update_or_create(
            pk=worker_id, defaults={"host": socket.gethostname(), "pid": os.getpid(), "seen_at": now}
        )


def leave(worker_id):
    """This worker stops: its tasks, if any is left RUNNING, may be taken over at once."""
    WorkerProcess.objects.filter(pk=worker_id).delete()


def recover_lost_tasks():
    """Re-queue (or fail, when out of attempts) RUNNING tasks whose worker is gone; return how many."""
    cutoff = timezone.now() - timedelta(seconds=settings.NASHR_WORKER_LOST_AFTER)
    WorkerProcess.objects.filter(seen_at__lt=cutoff).delete()
    alive = set(WorkerProcess.objects.values_list("pk", flat=True))
    recovered = 0
    for result in DBTaskResult.objects.running().order_by():
        worker = result.worker_ids[-1] if result.worker_ids else None
        if worker in alive:
            continue
        # Only if nobody has touched it since we read it (each claim sets a new started_at).
        claimed = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        )
        runs = len(result.worker_ids)
        try:
            attempts = policy(result.task)[0]
        except Exception:
            attempts = runs  # its code is gone or is no task any more: fail it
        if runs < attempts:
            recovered += claimed.update(status=TaskResultStatus.READY, started_at=None)
            logger.warning(
                "Task %s (%s) was running on worker %s, which is gone: back in the queue (run %d of %d done)",
                result.pk,
                result.task_path,
                worker,
                runs,
                attempts,
            )
        else:
            recovered += claimed.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"WorkerLost: worker {worker} stopped answering on run {runs} of {attempts}\n",
            )
            logger.error(
                "Task %s (%s) lost its worker %s on its last run: failed", result.pk, result.task_path, worker
            )
    return recovered
