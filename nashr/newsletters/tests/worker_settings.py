"""Settings of the worker processes the newsletter tests start: the worker tests' settings, sending through
the loopback SMTP server the test started (NASHR_TEST_SMTP_PORT)."""

from nashr.worker.tests.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(env["NASHR_TEST_SMTP_PORT"])  # noqa: F405
EMAIL_USE_TLS = False
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "https://news.example.org")  # noqa: F405
