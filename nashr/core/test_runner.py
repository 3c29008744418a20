import os
import shutil
import tempfile
import time
import unittest
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.test.runner import DiscoverRunner

# Tests that start servers and processes, walk every address or race threads: tagged "slow", so that
# `make test FAST=1` (--exclude-tag=slow) leaves them out while working; CI and `make test` run them.
SLOW = "slow"


class ClassTimesResult(unittest.TextTestResult):
    """Adds up the time of each test class, its set-up included (a serial run: see --slowest)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.class_times = defaultdict(float)
        self._last = time.perf_counter()

    def stopTest(self, test):
        now = time.perf_counter()
        self.class_times[f"{type(test).__module__}.{type(test).__qualname__}"] += now - self._last
        self._last = now
        super().stopTest(test)


class SummaryRunner(DiscoverRunner):
    """Django's runner, closing with one plain summary line: "tests: N passed, N failed, N skipped".

    Uploads made by the tests go to a temporary folder removed when the run ends, so a run leaves nothing
    behind (parallel workers share it: forked ones inherit the setting, spawned ones read the variable).
    `--slowest N` lists the N slowest test classes, set-up included, which is where a suite's time goes
    (Django's --durations needs Python 3.12 and times single tests); it needs --parallel=1.
    """

    def __init__(self, *args, slowest=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.slowest = slowest

    @classmethod
    def add_arguments(cls, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--slowest", type=int, metavar="N", help="list the N slowest test classes (with --parallel=1)"
        )

    def get_resultclass(self):
        if self.slowest:
            return ClassTimesResult
        return super().get_resultclass()

    def setup_test_environment(self, **kwargs):
        super().setup_test_environment(**kwargs)
        self.media_root = Path(tempfile.mkdtemp(prefix="nashr-test-media-"))
        os.environ["NASHR_TEST_MEDIA_ROOT"] = str(self.media_root)
        settings.MEDIA_ROOT = self.media_root

    def run_tests(self, *args, **kwargs):
        try:
            return super().run_tests(*args, **kwargs)
        finally:  # also when a test module fails to import
            if getattr(self, "media_root", None):
                shutil.rmtree(self.media_root, ignore_errors=True)
                os.environ.pop("NASHR_TEST_MEDIA_ROOT", None)

    def suite_result(self, suite, result, **kwargs):
        def test_id(test):  # a failing subTest counts once, as its test
            return getattr(test, "test_case", test).id()

        failed = {test_id(t) for t, _ in result.failures + result.errors}
        failed |= {test_id(t) for t in result.unexpectedSuccesses}
        # A failing setUpClass/setUpTestData is reported as an error that ran no test.
        not_run = {i for i in failed if i.startswith(("setUpClass", "tearDownClass", "setUpModule"))}
        skipped = len(result.skipped) + len(result.expectedFailures)
        passed = result.testsRun - len(failed - not_run) - skipped
        for name, seconds in sorted(getattr(result, "class_times", {}).items(), key=lambda i: -i[1])[
            : self.slowest or 0
        ]:
            print(f"{seconds:8.1f} s  {name}")
        print(f"tests: {passed} passed, {len(failed)} failed, {skipped} skipped")
        return super().suite_result(suite, result, **kwargs)
