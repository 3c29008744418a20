"""Settings of the worker processes that the tests start: the test settings, tasks kept in the database."""

from nashr.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
