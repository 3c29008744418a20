from django.test.runner import DiscoverRunner


class SummaryRunner(DiscoverRunner):
    """Django's runner, closing with one plain summary line: "tests: N passed, N failed, N skipped"."""

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
