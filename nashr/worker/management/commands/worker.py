"""`manage.py worker`: runs background tasks and scheduled publishing, until Ctrl-C or SIGTERM.

django-tasks-db's worker loop runs tasks in the main thread (the options are those of its `db_worker`);
a thread keeps this worker's heartbeat, and another runs Wagtail's scheduled publishing every
`NASHR_SCHEDULE_INTERVAL` seconds, then what the apps registered for each round (`nashr_worker_round`:
the weekly digests that are due, the offline editions that are missing or old) and re-queues the tasks of
workers that died; each job registered with `nashr_worker_jobs` has a thread of its own (the mirrors'
health checks every `NASHR_MIRROR_CHECK_INTERVAL` seconds): nashr/worker/schedule.py. A failed task is retried
(`nashr/worker/retries.py`). The first Ctrl-C (or SIGTERM) lets the running task finish, and asks a long
one to stop between two steps and queue the rest (`nashr/worker/stopping.py`); a second one stops it, and
it goes back to the queue.
"""

import logging
import os

from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks import TaskResultStatus
from django_tasks_db.compat import TASKS_LOGGER
from django_tasks_db.management.commands import db_worker

from nashr.worker import liveness, retries, schedule, stopping
from nashr.worker.clock import Every

logger = logging.getLogger("nashr.worker")


class Worker(db_worker.Worker):
    def run(self):
        liveness.beat(self.worker_id)  # known alive before it claims anything
        threads = [
            Every(settings.NASHR_WORKER_HEARTBEAT, lambda: liveness.beat(self.worker_id), "heartbeat"),
            Every(settings.NASHR_SCHEDULE_INTERVAL, rounds, "scheduled publishing"),
            *(Every(interval, job, name) for interval, job, name in schedule.periodic_jobs()),
        ]
        for thread in threads:
            thread.start()
        logger.info(
            "Worker %s ready: tasks every %g s when idle, scheduled publishing every %g s",
            self.worker_id,
            self.interval,
            settings.NASHR_SCHEDULE_INTERVAL,
        )
        try:
            super().run()
        finally:  # also on SystemExit from the signal handler: no task of ours is running any more
            for thread in threads:
                thread.stop()
            liveness.leave(self.worker_id)

    def shutdown(self, signum, frame):
        stopping.request()  # a long task stops between two steps and queues the rest (stopping.py)
        super().shutdown(signum, frame)

    def run_task(self, db_task_result):
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED:
            retries.retry_later(db_task_result)


def rounds():
    liveness.recover_lost_tasks()
    schedule.publish_scheduled()
    for job in schedule.round_jobs():
        job()


class Command(db_worker.Command):
    help = "Run background tasks and scheduled publishing (NASHR_SCHEDULE_INTERVAL) until stopped"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Idle, the queue is looked at every NASHR_WORKER_INTERVAL seconds (0.25): a publish's static files
        # are live within the 2 s the newsroom is promised. A look is one indexed query.
        parser.set_defaults(interval=settings.NASHR_WORKER_INTERVAL)
        parser.add_argument(
            "--quiet",
            action="store_true",
            help="Log failed tasks only, not every task that starts and succeeds (`make run` uses it).",
        )

    def configure_logging(self, verbosity, quiet=False):
        super().configure_logging(verbosity)
        if quiet and verbosity == 1:  # a failure is logged at ERROR, with its traceback
            logging.getLogger(TASKS_LOGGER).setLevel(logging.WARNING)

    def handle(self, *, verbosity, reload, worker_id, quiet=False, **options):
        self.configure_logging(verbosity, quiet)
        ours = logging.getLogger("nashr.worker")
        ours.setLevel(logging.INFO if verbosity == 1 else logging.DEBUG if verbosity > 1 else logging.ERROR)
        if not ours.hasHandlers():
            ours.addHandler(logging.StreamHandler(self.stdout))

        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        worker = Worker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload:  # code changes restart the worker; an interrupted task goes back to the queue
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
