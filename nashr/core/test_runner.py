from django.test.runner import DiscoverRunner


class SummaryRunner(DiscoverRunner):
    """Django's runner, closing with one plain summary line: "tests: N passed, N failed, N skipped"."""

    def suite_result(self, suite, result, **kwargs):
        def test_id(test):  # a failing subTest counts once, as its test
            return getattr(test, "test_case", test).id()

        failed = {test_id(t) for t, _ in result.failures + result.errors}
        failed |= {test_id(t) for t in result.unexpectedSuccesses}
        skipped = len(result.skipped) + len(result.expectedFailures)
        passed = result.testsRun - len(failed) - skipped
        print(f"tests: {passed} passed, {len(failed)} failed, {skipped} skipped")
        return super().suite_result(suite, result, **kwargs)
