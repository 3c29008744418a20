from django.test.runner import DiscoverRunner


class SummaryRunner(DiscoverRunner):
    """Django's runner, closing with one plain summary line: "tests: N passed, N failed, N skipped"."""

    def suite_result(self, suite, result, **kwargs):
        failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
        skipped = len(result.skipped) + len(result.expectedFailures)
        passed = result.testsRun - failed - skipped
        print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
        return super().suite_result(suite, result, **kwargs)
