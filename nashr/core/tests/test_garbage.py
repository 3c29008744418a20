import gc
import json
import subprocess
import sys
import weakref

from django.conf import settings
from django.test import SimpleTestCase

from nashr.core.garbage import BetweenRequests


class Node:
    pass


def a_cycle():
    node = Node()
    node.itself = node
    return weakref.ref(node)


class BetweenRequestsTests(SimpleTestCase):
    def setUp(self):
        gc.disable()  # only the collector under test frees cycles here
        self.addCleanup(gc.enable)
        self.addCleanup(gc.unfreeze)

    def test_the_first_request_freezes_what_is_loaded_and_every_nth_frees_the_cycles_since(self):
        collector = BetweenRequests(every=3)
        before = a_cycle()
        collector()  # the first request: what it left is freed, what lives is frozen
        self.assertIsNone(before())
        self.assertGreater(gc.get_freeze_count(), 0)

        left = a_cycle()
        collector()  # the second request: nothing collected yet
        self.assertIsNotNone(left())
        collector()  # the third
        self.assertIsNone(left())

        held = Node()  # alive at the tenth request: frozen then
        frozen = gc.get_freeze_count()
        for _ in range(7):
            collector()
        self.assertEqual(collector.finished, 10)
        self.assertGreater(gc.get_freeze_count(), frozen)
        del held

    def test_the_web_worker_connects_it_and_the_test_runner_does_not(self):
        from django.core.signals import request_finished

        self.assertFalse(any(key[0] == "nashr.core.garbage" for key, *_ in request_finished.receivers))
        code = (
            "import json, os; os.environ.update(SECRET_KEY='test-only', ALLOWED_HOSTS='localhost');"
            "import nashr.wsgi; from django.core.signals import request_finished as r;"
            "print(json.dumps([k[0] for k, *_ in r.receivers if k[0] == 'nashr.core.garbage']))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120
        )
        self.assertEqual(
            json.loads(result.stdout.splitlines()[-1]), ["nashr.core.garbage"], result.stderr[-2000:]
        )
