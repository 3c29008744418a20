import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.test.runner import DiscoverRunner


class SummaryRunner(DiscoverRunner):
    """Django's runner, closing with one plain summary line: "tests: N passed, N failed, N skipped".

    Uploads made by the tests go to a temporary folder removed when the run ends, so a run leaves nothing
    behind (parallel workers share it: forked ones inherit the setting, spawned ones read the variable).
    """

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
        print(f"tests: {passed} passed, {len(failed)} failed, {skipped} skipped")
        return super().suite_result(suite, result, **kwargs)
