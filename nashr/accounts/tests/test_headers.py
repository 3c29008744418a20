"""Cookies and security headers: the public site's strict policy, the admin's own, Permissions-Policy on
both, HSTS when set; production's cookies are Secure unless `make serve` runs on plain HTTP, and says so."""

import os
import re
import subprocess
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import SimpleTestCase, TestCase, override_settings

from nashr.articles.models import Category
from nashr.articles.tests.factories import make_article
from nashr.core.tests.factories import add_section, build_editions
from nashr.settings.base import BASE_DIR


def directives(value):
    parts = (part.split() for part in value.split(";") if part.strip())
    return {name: sorted(sources) for name, *sources in parts}


def expected(config):
    return {name: sorted(sources) for name, sources in config.items()}


class HeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_editions()
        cls.user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def test_a_public_page_keeps_the_strict_policy_and_asks_for_no_device(self):
        response = self.client.get("/en/")
        self.assertEqual(response.status_code, 200)
        policy = directives(response["Content-Security-Policy"])
        self.assertEqual(policy, expected(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]))
        self.assertNotIn("'unsafe-inline'", response["Content-Security-Policy"])
        permissions = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "publickey-credentials-get=()"):
            self.assertIn(feature, permissions)
        self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertNotIn("Strict-Transport-Security", response)  # SECURE_HSTS_SECONDS is 0 until set

    def test_the_admin_has_its_own_policy_and_may_use_passkeys(self):
        self.client.force_login(self.user)
        for path in ("/admin/login/", "/admin/", "/admin/pages/", "/admin/second-factor/"):
            with self.subTest(path):
                response = self.client.get(path)
                self.assertEqual(
                    directives(response["Content-Security-Policy"]), expected(settings.NASHR_ADMIN_CSP)
                )
                self.assertNotIn("Content-Security-Policy-Report-Only", response)
                permissions = response["Permissions-Policy"]
                self.assertIn("publickey-credentials-get=(self)", permissions)
                self.assertIn("publickey-credentials-create=(self)", permissions)
                self.assertIn("camera=()", permissions)
        policy = directives(response["Content-Security-Policy"])
        self.assertEqual(policy["script-src"], ["'self'"])  # no inline script, no eval
        self.assertEqual(policy["object-src"], ["'none'"])

    @override_settings(NASHR_ADMIN_CSP_REPORT_ONLY=True)
    def test_the_admin_policy_can_be_reported_only(self):
        response = self.client.get("/admin/login/")
        self.assertNotIn("Content-Security-Policy", response)
        policy = directives(response["Content-Security-Policy-Report-Only"])
        self.assertEqual(policy, expected(settings.NASHR_ADMIN_CSP))

    @override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
    def test_hsts_over_https_when_set(self):
        self.assertNotIn("Strict-Transport-Security", self.client.get("/en/"))  # never over plain HTTP
        response = self.client.get("/en/", secure=True)
        self.assertEqual(response["Strict-Transport-Security"], "max-age=31536000; includeSubDomains")

    @override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
    def test_sign_in_cookies_over_https(self):
        response = self.client.get("/admin/login/", secure=True)
        csrf = response.cookies[settings.CSRF_COOKIE_NAME]
        self.assertTrue(csrf["secure"])
        self.assertTrue(csrf["httponly"])
        self.assertEqual(csrf["samesite"], "Lax")
        response = self.client.post(
            "/admin/login/",
            {"username": "chief", "password": "pw", "csrfmiddlewaretoken": csrf.value},
            secure=True,
        )
        self.assertEqual(response.status_code, 302)
        session = response.cookies[settings.SESSION_COOKIE_NAME]
        self.assertTrue(session["secure"])
        self.assertTrue(session["httponly"])
        self.assertEqual(session["samesite"], "Lax")
        self.assertEqual(session["max-age"], "")  # ends with the browser
        self.client.cookies.clear()
        response = self.client.get("/admin/login/", secure=True)
        csrf = response.cookies[settings.CSRF_COOKIE_NAME].value
        data = {"username": "chief", "password": "pw", "remember": "on", "csrfmiddlewaretoken": csrf}
        response = self.client.post("/admin/login/", data, secure=True)
        # "Remember me": the absolute limit, no longer (Django's default is two weeks).
        self.assertEqual(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"], 12 * 3600)


PRINT_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
    "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
)


class ProductionSettingsTests(SimpleTestCase):
    def production(self, **extra):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("SECURE_", "DJANGO_SETTINGS_MODULE"))
        }
        env.update(DJANGO_SETTINGS_MODULE="nashr.settings.production", SECRET_KEY="x", ALLOWED_HOSTS="a")
        env.update(extra)
        out = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", PRINT_SETTINGS],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.split()[-5:]

    def test_cookies_are_secure_unless_turned_off_and_hsts_comes_from_the_environment(self):
        self.assertEqual(self.production(), ["True", "True", "0", "False", "False"])
        self.assertEqual(self.production(SECURE_COOKIES="0")[:2], ["False", "False"])
        hsts = self.production(SECURE_HSTS_SECONDS="86400", SECURE_HSTS_INCLUDE_SUBDOMAINS="1")
        self.assertEqual(hsts[2:], ["86400", "True", "False"])


class ServeWarningTests(SimpleTestCase):
    def warning(self, **extra):
        """What `make serve` prints before it starts anything: its recipe's warning line, run by bash."""
        recipe = subprocess.run(
            ["make", "-n", "--no-print-directory", "serve"],
            cwd=BASE_DIR,
            env={**os.environ, "MAKEFLAGS": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        first = re.search(r'if \[ "\$\{SECURE_COOKIES.*?; fi', recipe, re.DOTALL).group()
        env = {key: value for key, value in os.environ.items() if key != "SECURE_COOKIES"}
        env.update(extra)
        run = subprocess.run(["bash", "-c", first], env=env, capture_output=True, text=True, check=True)
        return run.stderr

    def test_plain_http_says_the_cookies_are_not_secure_and_how_to_change_it(self):
        said = self.warning()
        self.assertEqual(len(said.strip().splitlines()), 1, said)
        self.assertIn("NOT Secure", said)
        self.assertIn("SECURE_COOKIES=1 make serve", said)
        self.assertEqual(self.warning(SECURE_COOKIES="1"), "")


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>\s*\S", re.IGNORECASE)


class AdminWithoutInlineScriptsTests(TestCase):
    """The admin's policy refuses inline scripts: the screens the newsroom uses most send none (Wagtail's
    widgets and panels leave a data-nashr-init element for nashr/static/js/admin_init.js instead)."""

    @classmethod
    def setUpTestData(cls):
        homes = build_editions()
        section = add_section(homes["en"], "Articles")
        cls.article = make_article(section, "Harbour reopens")
        cls.category = Category.objects.create(name="Weather", locale=homes["en"].locale)
        cls.user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def test_the_main_screens_send_no_inline_script(self):
        self.client.force_login(self.user)
        for path, started in [
            ("/admin/pages/", "date"),
            (f"/admin/pages/{self.article.pk}/edit/", "chooser"),
            (f"/admin/snippets/articles/category/edit/{self.category.pk}/", "chooser"),
            ("/admin/users/", "date"),
            ("/admin/reports/site-history/", "date"),
            ("/admin/images/multiple/add/", None),
        ]:
            with self.subTest(path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertIsNone(INLINE_SCRIPT.search(html), INLINE_SCRIPT.findall(html))
                if started:
                    self.assertIn(f'data-nashr-init="{started}"', html)
                self.assertIn("/static/js/admin_init.js", html)
