import logging

from django.test import SimpleTestCase
from django_tasks_db.compat import TASKS_LOGGER

from nashr.worker.management.commands.worker import Command


class QuietWorkerTests(SimpleTestCase):
    """`make run` starts `worker --quiet`: the backlog the demo leaves does not bury the set-up summary."""

    def setUp(self):
        tasks = logging.getLogger(TASKS_LOGGER)
        self.addCleanup(tasks.setLevel, tasks.level)
        self.addCleanup(setattr, tasks, "handlers", list(tasks.handlers))

    def test_quiet_logs_failures_only(self):
        Command().configure_logging(1, quiet=True)
        tasks = logging.getLogger(TASKS_LOGGER)
        self.assertIs(tasks.isEnabledFor(logging.INFO), False)
        self.assertIs(tasks.isEnabledFor(logging.ERROR), True)

    def test_without_it_every_task_is_logged(self):
        Command().configure_logging(1)
        self.assertIs(logging.getLogger(TASKS_LOGGER).isEnabledFor(logging.INFO), True)
