import os
import subprocess
import sys

from django.conf import settings
from django.http import Http404
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings

from nashr.core.middleware import DesignedNotFoundMiddleware
from nashr.core.tests.factories import build_editions

DESIGNED = [*settings.MIDDLEWARE, "nashr.core.middleware.DesignedNotFoundMiddleware"]


@override_settings(DEBUG=True, MIDDLEWARE=DESIGNED)
class DesignedNotFoundInDevelopmentTests(TestCase):
    """`make run` has DEBUG on (nashr.settings.dev); an unknown address still shows the page readers get."""

    @classmethod
    def setUpTestData(cls):
        build_editions()

    def test_an_unknown_address_shows_the_designed_page(self):
        response = self.client.get("/fa/no-such-page/")
        self.assertEqual(response.status_code, 404)
        self.assertTemplateUsed(response, "404.html")
        self.assertContains(response, 'dir="rtl"', status_code=404)

    def test_without_it_debug_shows_djangos_page(self):
        with override_settings(MIDDLEWARE=settings.MIDDLEWARE[:-1]):
            response = self.client.get("/fa/no-such-page/")
        self.assertEqual(response.status_code, 404)
        self.assertTemplateNotUsed(response, "404.html")

    def test_the_admin_and_other_errors_are_left_to_django(self):
        middleware = DesignedNotFoundMiddleware(None)
        admin = RequestFactory().get("/admin/pages/999999/")
        self.assertIsNone(middleware.process_exception(admin, Http404()))
        page = RequestFactory().get("/en/no-such-page/")
        self.assertIsNone(middleware.process_exception(page, ZeroDivisionError()))


class DevelopmentSettingsTests(SimpleTestCase):
    def middleware(self, **env):
        code = "from nashr.settings import dev; print(dev.DEBUG, dev.MIDDLEWARE[-1])"
        env = {**os.environ, "DEBUG": "1", **env}
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()

    def test_dev_settings_install_it_and_NASHR_DEBUG_404_turns_it_off(self):
        self.assertEqual(self.middleware(), ["True", "nashr.core.middleware.DesignedNotFoundMiddleware"])
        self.assertNotIn(
            "nashr.core.middleware.DesignedNotFoundMiddleware", self.middleware(NASHR_DEBUG_404="1")
        )
