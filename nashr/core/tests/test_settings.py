import os

from django.db import connection
from django.test import SimpleTestCase


class DatabaseTests(SimpleTestCase):
    def test_suite_runs_on_the_database_that_DATABASE_URL_names(self):
        url = os.environ.get("DATABASE_URL", "sqlite://")
        expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
        self.assertEqual(connection.vendor, expected)
