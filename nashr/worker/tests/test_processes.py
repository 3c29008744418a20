"""`manage.py worker` as a real process, on the test database: tasks, a killed worker, retries, schedules."""

from datetime import timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from django.test import TransactionTestCase, override_settings, tag
from django.utils import timezone
from django_tasks import TaskResultStatus
from wagtail.models import Locale, Page

from nashr.core.test_runner import SLOW

from . import tasks
from .processes import RunningWorker, shared_database, wait_until

# Quick rounds, so that each test takes seconds.
FAST = {"NASHR_WORKER_HEARTBEAT": 0.25, "NASHR_WORKER_LOST_AFTER": 2, "NASHR_SCHEDULE_INTERVAL": 0.5}


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
@tag(SLOW)
class WorkerProcessTests(TransactionTestCase):
    def setUp(self):
        self.database_url = self.enterContext(shared_database())

    def start_worker(self, **environ):
        worker = RunningWorker(self.database_url, **{**FAST, **environ})
        self.addCleanup(worker.stop)
        worker.wait_for("ready")
        return worker

    def wait_for_status(self, result, status, timeout=15):
        def reached():
            result.refresh()
            return result.status == status

        if wait_until(reached, timeout) is None:
            self.fail(f"task {result.id} is {result.status}, not {status}")

    def test_an_enqueued_task_runs_in_the_worker_process(self):
        worker = self.start_worker()
        result = tasks.where_am_i.enqueue()
        self.wait_for_status(result, TaskResultStatus.SUCCESSFUL)
        self.assertEqual(result.return_value, worker.process.pid)

    def test_the_task_of_a_killed_worker_is_completed_after_a_restart(self):
        folder = self.enterContext(TemporaryDirectory())
        marker = Path(folder) / "started"
        first = self.start_worker()
        result = tasks.slow_the_first_time.enqueue(str(marker))
        self.assertIsNotNone(wait_until(marker.exists, 15), first.output)
        first.kill()
        result.refresh()
        self.assertEqual(result.status, TaskResultStatus.RUNNING)  # as the library leaves it

        second = self.start_worker()
        self.wait_for_status(result, TaskResultStatus.SUCCESSFUL)
        self.assertEqual(result.return_value, 2)  # its second run, in the second worker
        self.assertEqual(len(result.worker_ids), 2)
        self.assertIn("back in the queue", second.output)

    def test_a_task_that_fails_once_is_retried_and_succeeds(self):
        worker = self.start_worker(NASHR_TASK_RETRY_DELAY=0.2)
        result = tasks.fails_the_first_time.enqueue()
        self.wait_for_status(result, TaskResultStatus.SUCCESSFUL)
        self.assertEqual(result.return_value, 2)
        self.assertIn("failed on run 1 of 3 (builtins.RuntimeError): retried in 0.2 s", worker.output)

    def test_a_task_that_keeps_failing_fails_after_its_attempts(self):
        worker = self.start_worker()
        result = tasks.always_fails.enqueue()
        worker.wait_for("failed on run 2 of 2: given up")
        result.refresh()
        self.assertEqual(result.status, TaskResultStatus.FAILED)
        self.assertEqual(len(result.worker_ids), 2)
        self.assertIn("never works", result.errors[0].traceback)

    def test_a_scheduled_page_goes_live_within_the_interval(self):
        interval = 2
        worker = self.start_worker(NASHR_SCHEDULE_INTERVAL=interval)
        locale, _ = Locale.objects.get_or_create(language_code="en")
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", locale=locale))
        page = root.add_child(instance=Page(title="Scheduled", slug="scheduled", live=False, locale=locale))
        go_live_at = timezone.now() + timedelta(seconds=2)
        page.go_live_at = go_live_at
        page.save_revision().publish()
        page.refresh_from_db()
        self.assertIs(page.live, False)

        def live():
            return Page.objects.get(pk=page.pk).live

        self.assertIsNotNone(wait_until(live, 2 + interval + 5), worker.output)
        late = (timezone.now() - go_live_at).total_seconds()
        self.assertLess(late, interval + 1, "live later than one round after its time")
        worker.wait_for(f"Scheduled: page {page.pk} 'Scheduled' published")
