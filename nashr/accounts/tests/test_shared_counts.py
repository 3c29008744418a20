"""The throttle's counts are shared by every process: failures counted by another process, in the embedded
cache on disk (diskcache, what production uses without Redis), count towards the same lock here."""

import os
import shutil
import subprocess
import sys
import tempfile

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import RequestFactory, TestCase, override_settings

from nashr.accounts import throttle
from nashr.accounts.models import SignInLock

# Another Python process: the test settings with the same cache folder, counting failures of the pair.
OTHER_PROCESS = """
import sys, django
django.setup()
from django.test import RequestFactory, override_settings
disk = {"BACKEND": "nashr.caching.backends.DiskCache", "LOCATION": sys.argv[1]}
with override_settings(CACHES={"default": disk}):
    from nashr.accounts import throttle
    from nashr.accounts.models import SignInLock
    attempt = throttle.Attempt(RequestFactory().post("/", REMOTE_ADDR="203.0.113.77"), "chief")
    print(max(throttle.count(attempt.keys[SignInLock.PAIR]) for _ in range(int(sys.argv[2]))))
"""


class SharedCountsTests(TestCase):
    def test_failures_counted_by_another_process_lock_here(self):
        get_user_model().objects.create_user("chief", "chief@example.org", "pw")
        folder = tempfile.mkdtemp(prefix="nashr-throttle-")
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        caches = {"default": {"BACKEND": "nashr.caching.backends.DiskCache", "LOCATION": folder}}
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "nashr.settings.test"}
        with override_settings(CACHES=caches):
            attempt = throttle.Attempt(RequestFactory().post("/", REMOTE_ADDR="203.0.113.77"), "chief")
            attempt.failed("password")
            said = subprocess.run(
                [sys.executable, "-c", OTHER_PROCESS, folder, "8"],
                env=env,
                cwd=settings.BASE_DIR,
                capture_output=True,
                text=True,
                timeout=60,
                check=True,
            ).stdout
            self.assertEqual(said.split()[-1], "9")  # one here, eight there
            self.assertFalse(SignInLock.objects.exists())
            attempt.failed("password")  # the tenth
            self.assertEqual(SignInLock.objects.get().kind, SignInLock.PAIR)
            self.assertTrue(attempt.refusal().locked)
