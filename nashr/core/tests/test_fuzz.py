import os
import random
from io import StringIO

from django.core.management import call_command
from django.test import Client, TestCase, override_settings, tag

from nashr.core.test_runner import SLOW

from .fuzz import Targets, rate_unlimited, requests

# NASHR_FUZZ_SEED and NASHR_FUZZ_COUNT run other or more requests (a failure prints its seed to repeat it).
SEED = int(os.environ.get("NASHR_FUZZ_SEED", "20261205"))
COUNT = int(os.environ.get("NASHR_FUZZ_COUNT", "2000"))


@tag("fuzz", SLOW)
class MalformedRequestTests(TestCase):
    """A few thousand malformed requests to every public address of the demo site, in all four editions:
    none may be answered with a server error (5xx). Seeded: a failure prints requests that fail again."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())
        cls.targets = Targets.of_site()

    def send(self, client, request):
        return client.generic(
            request.method, request.path, request.body, request.content_type, **request.headers
        )

    def test_no_malformed_request_gets_a_server_error(self):
        self.assertGreater(len(self.targets.pages), 100)  # every page type in four editions, with feeds
        self.assertGreater(len(self.targets.api), 20)  # the read API of four editions
        client = Client(raise_request_exception=False)
        failures, statuses = [], {}
        with override_settings(
            NASHR_PAGE_CACHE=True, NASHR_FORM_RATE=rate_unlimited(), NASHR_CLIENT_IP_HEADER="HTTP_X_REAL_IP"
        ):
            for number, request in enumerate(requests(self.targets, random.Random(SEED), COUNT)):
                try:
                    status = self.send(client, request).status_code
                except Exception as error:  # the test client itself refused: name the request
                    failures.append(f"#{number} raised {error!r}: {request}")
                    continue
                statuses[status] = statuses.get(status, 0) + 1
                if status >= 500:
                    failures.append(f"#{number} answered {status}: {request}")
        self.assertFalse(failures, "\n".join(failures[:40]) + f"\n({len(failures)} in all, seed {SEED})")
        # Each kind of answer shows up: the requests reached pages, forms and their refusals.
        for status in (200, 400, 404):
            self.assertIn(status, statuses, statuses)
