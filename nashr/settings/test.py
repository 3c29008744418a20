import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# whitenoise serves collected files in production; here Django finds them in place.
MIDDLEWARE.remove("whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test runner (nashr/core/test_runner.py) puts uploads in a temporary folder it removes at the end.
MEDIA_ROOT = Path(env.get("NASHR_TEST_MEDIA_ROOT") or Path(tempfile.gettempdir()) / "nashr-test-media")  # noqa: F405
# Offline bundles under each run's own MEDIA_ROOT; built on the worker's schedule only where a test asks
# for it (a bundle left by one test would otherwise be rebuilt, and its edition renewed, in the next).
NASHR_OFFLINE_DIR = None
NASHR_OFFLINE_INTERVAL = 0
WAGTAILADMIN_BASE_URL = "http://testserver"
TEST_RUNNER = "nashr.core.test_runner.SummaryRunner"
# Tests of other apps change content without committing: the page cache is on only where a test asks.
NASHR_PAGE_CACHE = False
NASHR_STATIC_DIR = None
NASHR_FETCH_VIDEO_POSTERS = False  # no network in tests: multimedia/tests fetch from a local stand-in
# Off for the suite; nashr/accounts/tests turn it on where they test it.
NASHR_REQUIRE_2FA = False
# The readers' templates recorded for the test client as Django's are (response.context, assertTemplateUsed).
TEMPLATES[0]["BACKEND"] = "nashr.core.tests.jinja2_backend.RecordingJinja2"  # noqa: F405
