"""A worker asked to stop tells a long task so (nashr/worker/stopping.py): a deploy is not held up."""

import signal

from django.test import SimpleTestCase

from nashr.worker import stopping
from nashr.worker.management.commands.worker import Worker


class StoppingTests(SimpleTestCase):
    def test_the_first_signal_lets_the_task_finish_and_asks_it_to_stop_early(self):
        self.addCleanup(stopping.clear)
        worker = Worker.__new__(Worker)  # as the loop has it while a task runs
        worker.running, worker.running_task = True, True
        self.assertFalse(stopping.requested())
        with self.assertLogs("django_tasks_db", "WARNING") as said:
            worker.shutdown(signal.SIGTERM, None)
        self.assertIn("shutting down gracefully", said.output[0])
        self.assertTrue(stopping.requested())
        self.assertFalse(worker.running)  # the loop takes no other task
