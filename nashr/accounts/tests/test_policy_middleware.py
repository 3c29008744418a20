"""The public policy built once (nashr/accounts/csp.PolicyMiddleware) gives every response the headers
django-csp's own middleware gives it: a plain page, one with a policy of its own, one that asked for a nonce,
a report-only policy, an excluded prefix, and settings changed while the process runs."""

from csp.constants import HEADER, HEADER_REPORT_ONLY, NONCE
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, SimpleTestCase, override_settings

from nashr.accounts.csp import PolicyMiddleware
from nashr.accounts.tests.test_headers import directives

REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/csp-report/"}}


def both(path="/en/", prepare=None):
    """The headers django-csp's middleware and ours set on the same response (a fresh one each)."""
    headers = []
    for middleware_class in (CSPMiddleware, PolicyMiddleware):
        request = RequestFactory().get(path)

        def view(request):
            response = HttpResponse("page")
            if prepare:
                prepare(request, response)
            return response

        response = middleware_class(view)(request)
        headers.append({name: response.get(name) for name in (HEADER, HEADER_REPORT_ONLY)})
    return headers


class PolicyMiddlewareTests(SimpleTestCase):
    def test_a_plain_response_gets_the_site_policy(self):
        ours, theirs = both()
        self.assertEqual(ours, theirs)
        self.assertIn("default-src 'self'", ours[HEADER])
        self.assertIsNone(ours[HEADER_REPORT_ONLY])

    def test_a_page_with_a_policy_of_its_own_keeps_it(self):
        def frame(request, response):
            response._csp_replace = {"frame-src": ["https://video.example"]}

        ours, theirs = both(prepare=frame)
        self.assertEqual(ours, theirs)
        self.assertIn("frame-src https://video.example", ours[HEADER])

    @override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"script-src": ["'self'", NONCE]}})
    def test_a_page_that_asked_for_a_nonce_gets_it_in_its_policy(self):
        asked = []

        def ask(request, response):
            asked.append(str(request.csp_nonce))

        for headers, nonce in zip(both(prepare=ask), asked, strict=True):
            script_src = directives(headers[HEADER])["script-src"]
            self.assertEqual(script_src, sorted(["'self'", f"'nonce-{nonce}'"]))
        self.assertEqual(directives(both()[1][HEADER])["script-src"], ["'self'"])  # none asked: none in it

    def test_asking_for_a_nonce_after_the_response_raises(self):
        request = RequestFactory().get("/en/")
        PolicyMiddleware(lambda request: HttpResponse("page"))(request)
        with self.assertRaises(CSPNonceError):
            str(request.csp_nonce)

    def test_an_excluded_prefix_gets_no_policy_from_it(self):
        ours, theirs = both("/admin/pages/")
        self.assertEqual(ours, theirs)
        self.assertIsNone(ours[HEADER])

    def test_changed_settings_are_followed(self):
        before, _ = both()
        with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=REPORT_ONLY):
            ours, theirs = both()
            self.assertEqual(ours, theirs)
            self.assertIn("report-uri /csp-report/", ours[HEADER_REPORT_ONLY])
        with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
            ours, theirs = both()
            self.assertEqual(ours, theirs)
            self.assertEqual(ours[HEADER], "default-src 'none'")
        self.assertEqual(both()[0], before)

    def test_an_exempt_response_gets_none(self):
        def exempt(request, response):
            response._csp_exempt = True

        ours, theirs = both(prepare=exempt)
        self.assertEqual(ours, theirs)
        self.assertIsNone(ours[HEADER])
